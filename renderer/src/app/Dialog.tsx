/**
 * A modal dialog on the native <dialog> element: the browser traps focus inside it,
 * closes it on Escape and returns focus to whatever opened it, which is what keyboard
 * and screen-reader users expect.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

/** Props of {@link Dialog}. */
export interface DialogProps {
  open: boolean;
  title: string;
  description?: string;
  onClose: () => void;
  children: ReactNode;
  /** Wider dialogs hold lists (the prompt library). */
  size?: 'narrow' | 'wide';
}

/** A modal dialog with a title; render its content as children. */
export function Dialog({
  open,
  title,
  description,
  onClose,
  children,
  size = 'narrow',
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog--${size}`}
      aria-labelledby={titleId}
      aria-describedby={description === undefined ? undefined : descriptionId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          {description !== undefined && (
            <p id={descriptionId} className="dialog__description">
              {description}
            </p>
          )}
          {children}
        </>
      )}
    </dialog>
  );
}
