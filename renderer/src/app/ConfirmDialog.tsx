/**
 * A question before something that cannot be undone (withdrawing an entry, discarding a
 * draft): what will happen, a way back, and the step itself.
 */
import { Dialog } from './Dialog';
import { DialogActions } from './DialogActions';

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in plain words. */
  explanation: string;
  /** The way back ("Keep it"). */
  keepLabel: string;
  /** The step itself ("Withdraw it"). */
  confirmLabel: string;
  onKeep: () => void;
  onConfirm: () => void;
}

/** Asks once, plainly, and does nothing unless the member confirms. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  return (
    <Dialog
      open={props.open}
      title={props.title}
      description={props.explanation}
      onClose={props.onKeep}
    >
      <DialogActions
        cancel={{ label: props.keepLabel, onClick: props.onKeep }}
        primary={{ label: props.confirmLabel, onClick: props.onConfirm }}
      />
    </Dialog>
  );
}
