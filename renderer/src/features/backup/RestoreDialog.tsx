/**
 * "Restore a circle": a backup file and its passphrase. On the desktop main asks for
 * the file with a native dialog; in browser mode the page reads the chosen file and
 * hands its bytes over. Main checks everything before writing anything, so a refusal
 * here means nothing on this laptop changed — and the dialog says so.
 */
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_BACKUP_BYTES } from '../../../../shared/ipc/arguments';
import type { CircleSummary } from '../../../../shared/ipc/contract';
import { Dialog } from '../../app/Dialog';
import { describeError } from '../../app/describeError';
import { hearth, isDesktop } from '../../lib/hearthApi';
import '../../styles/circleTools.css';
import { FieldError } from '../../app/FieldError';
import { DialogActions } from '../../app/DialogActions';

/** Props of {@link RestoreDialog}. */
export interface RestoreDialogProps {
  open: boolean;
  onClose: () => void;
  /** The circle is on this laptop now; the app opens it. */
  onRestored: (circle: CircleSummary) => void;
}

/** Brings a circle back from a backup file. */
export function RestoreDialog({ open, onClose, onRestored }: RestoreDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      title={t('backup.restoreTitle')}
      description={t('backup.restoreDescription')}
      onClose={onClose}
    >
      {open && <RestoreForm onClose={onClose} onRestored={onRestored} />}
    </Dialog>
  );
}

function RestoreForm({ onClose, onRestored }: Omit<RestoreDialogProps, 'open'>) {
  const { t } = useTranslation();
  const ids = { file: useId(), passphrase: useId() };
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  const submit = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    if (!isDesktop && file === null) {
      setProblem(t('backup.noFile'));
      return;
    }
    if (passphrase === '') {
      setProblem(t('backup.noPassphrase'));
      return;
    }
    if (file !== null && file.size > MAX_BACKUP_BYTES) {
      setProblem(t('backup.refused.damaged'));
      return;
    }
    setProblem(null);
    setWorking(true);
    try {
      const bytes = file === null ? null : new Uint8Array(await file.arrayBuffer());
      const outcome = await hearth.backup.restore(passphrase, bytes);
      if (outcome.kind === 'restored') {
        onRestored(outcome.circle);
        return;
      }
      setProblem(
        outcome.kind === 'refused'
          ? `${t(`backup.refused.${outcome.reason}`)} ${t('backup.dismissed')}`
          : null,
      );
    } catch (error) {
      setProblem(`${describeError(t, error)} ${t('backup.dismissed')}`);
    } finally {
      setWorking(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="export-form">
      {!isDesktop && (
        <div className="field">
          <label className="field__label" htmlFor={ids.file}>
            {t('backup.file')}
          </label>
          <input
            id={ids.file}
            className="input"
            type="file"
            accept=".hearthbackup"
            disabled={working}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
      )}
      <div className="field">
        <label className="field__label" htmlFor={ids.passphrase}>
          {t('backup.passphrase')}
        </label>
        <input
          id={ids.passphrase}
          className="input"
          type="password"
          autoComplete="current-password"
          value={passphrase}
          disabled={working}
          onChange={(e) => setPassphrase(e.target.value)}
        />
      </div>
      <FieldError message={problem} />
      {working && (
        <p className="export-status" role="status">
          {t('backup.restoring')}
        </p>
      )}
      <DialogActions
        cancel={{ label: t('common.cancel'), onClick: onClose, disabled: working }}
        primary={{
          label: isDesktop ? t('backup.chooseAndRestore') : t('backup.restore'),
          disabled: working,
        }}
      />
    </form>
  );
}
