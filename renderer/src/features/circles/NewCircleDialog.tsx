/** The "New circle" dialog, opened from the circle switcher or the menu. */
import { useTranslation } from 'react-i18next';
import type { NewCircle } from '../../../../shared/ipc/contract';
import { Dialog } from '../../app/Dialog';
import { CircleForm } from './CircleForm';

/** Props of {@link NewCircleDialog}. */
export interface NewCircleDialogProps {
  open: boolean;
  onClose: () => void;
  onCreate: (circle: NewCircle) => Promise<void>;
}

/** Makes another circle on this laptop. */
export function NewCircleDialog(props: NewCircleDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog open={props.open} title={t('circleForm.newTitle')} onClose={props.onClose}>
      <CircleForm
        onCreate={async (circle) => {
          await props.onCreate(circle);
          props.onClose();
        }}
        onCancel={props.onClose}
        submitLabel={t('circleForm.create')}
      />
    </Dialog>
  );
}
