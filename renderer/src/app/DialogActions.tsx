/**
 * A dialog's footer: any other buttons first, then the quiet button that leaves without
 * acting (Cancel, Close, Keep), then the primary one. Every dialog ends the same way, so
 * the buttons sit in the same places and read in the same order everywhere.
 */
import type { ReactNode } from 'react';

/** One button of the footer. */
export interface DialogAction {
  label: string;
  /** Without it the button submits the dialog's form. */
  onClick?: () => void;
  disabled?: boolean;
}

/** Props of {@link DialogActions}. */
export interface DialogActionsProps {
  /** The quiet button that leaves without acting; always a plain button. */
  cancel?: Required<Pick<DialogAction, 'onClick'>> & DialogAction;
  /** The primary button: submits the form unless it has its own `onClick`. */
  primary?: DialogAction;
  /** Buttons shown before the other two (e.g. "Use an invite instead"). */
  children?: ReactNode;
  /** More classes for the footer (a dialog's own layout). */
  className?: string;
}

/** The footer of a dialog: its buttons, in the house order. */
export function DialogActions({ cancel, primary, children, className }: DialogActionsProps) {
  return (
    <div className={className === undefined ? 'dialog__actions' : `dialog__actions ${className}`}>
      {children}
      {cancel !== undefined && (
        <button
          className="button button--quiet"
          type="button"
          onClick={cancel.onClick}
          disabled={cancel.disabled}
        >
          {cancel.label}
        </button>
      )}
      {primary !== undefined && (
        <button
          className="button button--primary"
          type={primary.onClick === undefined ? 'submit' : 'button'}
          onClick={primary.onClick}
          disabled={primary.disabled}
        >
          {primary.label}
        </button>
      )}
    </div>
  );
}
