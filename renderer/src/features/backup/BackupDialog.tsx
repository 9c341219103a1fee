/**
 * "Back up this circle": a passphrase chosen twice, with a gentle strength hint; main
 * writes the encrypted file (a save dialog on the desktop, a download in browser mode).
 */
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSPHRASE_LENGTH } from '../../../../shared/backup/backupFile';
import type { SaveOutcome } from '../../../../shared/ipc/contract';
import type { CircleId } from '../../../../shared/notebook/ids';
import { Dialog } from '../../app/Dialog';
import { describeError } from '../../app/describeError';
import { hearth } from '../../lib/hearthApi';
import { downloadFile } from '../../lib/downloadFile';
import { passphraseStrength } from './passphraseStrength';
import '../../styles/circleTools.css';
import { FieldError } from '../../app/FieldError';
import { DialogActions } from '../../app/DialogActions';

/** Props of {@link BackupDialog}. */
export interface BackupDialogProps {
  open: boolean;
  circleId: CircleId;
  circleName: string;
  onClose: () => void;
}

type Step = { step: 'form' } | { step: 'working' } | { step: 'done'; outcome: SaveOutcome };

/** Makes a passphrase-locked backup of the open circle. */
export function BackupDialog({ open, circleId, circleName, onClose }: BackupDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      title={t('backup.createTitle', { name: circleName })}
      description={t('backup.description')}
      onClose={onClose}
    >
      {open && <BackupForm circleId={circleId} onClose={onClose} />}
    </Dialog>
  );
}

function BackupForm({ circleId, onClose }: { circleId: CircleId; onClose: () => void }) {
  const { t } = useTranslation();
  const ids = { first: useId(), second: useId(), hint: useId(), strength: useId() };
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [state, setState] = useState<Step>({ step: 'form' });
  const strength = passphraseStrength(first);

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (first.length < MIN_PASSPHRASE_LENGTH) {
      setProblem(t('backup.tooShort'));
      return;
    }
    if (first !== second) {
      setProblem(t('backup.mismatch'));
      return;
    }
    setProblem(null);
    setState({ step: 'working' });
    hearth.backup.create(circleId, first).then(
      (outcome) => {
        if (outcome.kind === 'download')
          downloadFile(outcome.name, outcome.mediaType, outcome.bytes);
        setState({ step: 'done', outcome });
      },
      (error: unknown) => {
        setState({ step: 'form' });
        setProblem(describeError(t, error));
      },
    );
  };

  if (state.step === 'done') {
    return (
      <>
        <p className="export-status export-status--done" role="status">
          {state.outcome.kind === 'dismissed'
            ? t('backup.dismissed')
            : state.outcome.kind === 'download'
              ? `${t('backup.downloaded')} ${t('backup.keepPassphrase')}`
              : `${t('backup.created')} ${t('backup.keepPassphrase')}`}
        </p>
        <DialogActions primary={{ label: t('common.done'), onClick: onClose }} />
      </>
    );
  }
  const working = state.step === 'working';
  return (
    <form onSubmit={submit} noValidate className="export-form">
      <div className="field">
        <label className="field__label" htmlFor={ids.first}>
          {t('backup.passphrase')}
        </label>
        <input
          id={ids.first}
          className="input"
          type="password"
          autoComplete="new-password"
          value={first}
          disabled={working}
          aria-describedby={`${ids.hint} ${ids.strength}`}
          onChange={(e) => setFirst(e.target.value)}
          autoFocus
        />
        <p id={ids.hint} className="field__hint">
          {t('backup.passphraseHint')}
        </p>
        <p
          id={ids.strength}
          className={`passphrase-strength passphrase-strength--${strength}`}
          aria-live="polite"
        >
          <span className="passphrase-strength__bar" aria-hidden="true" />
          {first === '' ? '' : t(`backup.strength.${strength}`)}
        </p>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={ids.second}>
          {t('backup.passphraseAgain')}
        </label>
        <input
          id={ids.second}
          className="input"
          type="password"
          autoComplete="new-password"
          value={second}
          disabled={working}
          onChange={(e) => setSecond(e.target.value)}
        />
      </div>
      <FieldError message={problem} />
      {working && (
        <p className="export-status" role="status">
          {t('backup.creating')}
        </p>
      )}
      <DialogActions
        cancel={{ label: t('common.cancel'), onClick: onClose, disabled: working }}
        primary={{ label: t('backup.create'), disabled: working }}
      />
    </form>
  );
}
