/**
 * The status line at the foot of the window: whether everything typed is saved on
 * this laptop. It is a polite live region, so a screen reader hears when saving fails
 * or recovers, not every keystroke.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CircleSession } from '../notebook/circleSession';
import { useSaveState } from '../notebook/useCircleSession';

// "Saving…" flickering on every keystroke is noise; show it only if a save takes a while.
const SAVING_DELAY_MS = 700;

/** Shows where saving stands for the open circle. */
export function StatusLine({ session }: { session: CircleSession }) {
  const { t } = useTranslation();
  const save = useSaveState(session);
  const [slow, setSlow] = useState(false);

  const busy = save.pending > 0;
  useEffect(() => {
    if (!busy) return;
    const timer = setTimeout(() => setSlow(true), SAVING_DELAY_MS);
    return () => {
      clearTimeout(timer);
      setSlow(false);
    };
  }, [busy]);

  let tone: 'ok' | 'busy' | 'problem' = 'ok';
  let message = t('status.saved');
  if (save.failure !== null) {
    tone = 'problem';
    message = t('status.notSaved', { reason: t(`errors.${save.failure}`) });
  } else if (busy && slow) {
    tone = 'busy';
    message = t('status.saving');
  }

  return (
    <footer className={`status-line status-line--${tone}`}>
      <span className="status-line__dot" aria-hidden="true" />
      <span role="status" aria-live="polite" data-testid="save-status">
        {message}
      </span>
      <span className="status-line__place">{t('status.onlyThisLaptop')}</span>
    </footer>
  );
}
