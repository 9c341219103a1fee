/**
 * The status line at the foot of the window: whether everything typed is on this
 * laptop's disk. "Saved" is shown only when the store has confirmed (fsync'd) every
 * change, so a member can trust it. Screen readers hear only the changes that matter —
 * a failure and the recovery from it — through a separate live region, not a
 * "Saving… Saved" announcement on every keystroke.
 */
import { useTranslation } from 'react-i18next';
import type { CircleSession } from '../notebook/circleSession';
import { useSaveState } from '../notebook/useCircleSession';

/** Shows where saving stands for the open circle. */
export function StatusLine({ session }: { session: CircleSession }) {
  const { t } = useTranslation();
  const save = useSaveState(session);

  let tone: 'ok' | 'busy' | 'problem' = 'ok';
  let message = t('status.saved');
  if (save.failure !== null) {
    tone = 'problem';
    message = t('status.notSaved', { reason: t(`errors.${save.failure}`) });
  } else if (save.pending > 0) {
    tone = 'busy';
    message = t('status.saving');
  }

  return (
    <footer className={`status-line status-line--${tone}`}>
      <span className="status-line__dot" aria-hidden="true" />
      <span data-testid="save-status">{message}</span>
      <span className="visually-hidden" role="status" aria-live="polite">
        {save.failure === null ? '' : message}
      </span>
      <span className="status-line__place">{t('status.onlyThisLaptop')}</span>
    </footer>
  );
}
