/**
 * The status line at the foot of the window: whether everything typed is on this
 * laptop's disk, and where sync with the room stands. "Saved" is shown only when the
 * store has confirmed (fsync'd) every change, so a member can trust it. Screen readers
 * hear only the changes that matter — a save failing or recovering, a laptop arriving or
 * leaving — through a separate live region, not "Saving… Saved" on every keystroke.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CircleSession } from '../notebook/circleSession';
import { useSaveState } from '../notebook/useCircleSession';
import { useCircleLive, useSyncStatus } from '../sync/useCircleSync';
import { ConnectionDetails } from '../features/presence/ConnectionDetails';

/** Shows where saving and sync stand for the open circle. */
export function StatusLine({ session }: { session: CircleSession }) {
  const { t } = useTranslation();
  const save = useSaveState(session);
  const { sync } = useCircleLive();
  const status = useSyncStatus(sync);
  const [detailsOpen, setDetailsOpen] = useState(false);

  let tone: 'ok' | 'busy' | 'problem' = 'ok';
  let saved = t('status.saved');
  if (save.failure !== null) {
    tone = 'problem';
    saved = t('status.notSaved', { reason: t(`errors.${save.failure}`) });
  } else if (save.pending > 0) {
    tone = 'busy';
    saved = t('status.saving');
  }

  const peers = status.peers.length;
  const syncing = status.peers.filter((peer) => !peer.inStep).length;
  let room: string;
  if (status.paused) room = t('sync.paused');
  else if (peers === 0) room = status.endpoints === 0 ? t('sync.offline') : t('sync.alone');
  else if (syncing > 0) room = t('sync.syncing', { count: peers });
  else room = t('sync.connected', { count: peers });

  return (
    <footer className={`status-line status-line--${tone}`}>
      <span className="status-line__dot" aria-hidden="true" />
      <span data-testid="save-status">{saved}</span>
      <span className="visually-hidden" role="status" aria-live="polite">
        {save.failure === null ? room : saved}
      </span>
      <button
        type="button"
        className={`status-line__room${peers > 0 ? ' status-line__room--connected' : ''}`}
        data-testid="sync-status"
        aria-expanded={detailsOpen}
        onClick={() => setDetailsOpen((open) => !open)}
      >
        {room}
      </button>
      {detailsOpen && sync !== null && (
        <ConnectionDetails sync={sync} onClose={() => setDetailsOpen(false)} />
      )}
    </footer>
  );
}
