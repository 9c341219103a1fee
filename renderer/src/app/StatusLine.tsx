/**
 * The status line at the foot of the window: whether everything typed is on this
 * laptop's disk, and where sync with the room stands. "Saved" is shown only when the
 * store has confirmed (fsync'd) every change, so a member can trust it. Screen readers
 * hear only the changes that matter — a save failing or recovering, a laptop arriving or
 * leaving — through a separate live region, not "Saving… Saved" on every keystroke.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CircleSession } from '../notebook/circleSession';
import { useSaveStanding, type SaveStanding } from '../notebook/useCircleSession';
import { useCircleLive, useSyncStatus } from '../sync/useCircleSync';
import { ConnectionDetails } from '../features/presence/ConnectionDetails';

const SAVED_AFTER_MS = 400;

// Shows "saved" only after saving has stayed done for a moment; anything else at once.
function useSettledStanding(standing: SaveStanding): SaveStanding {
  const [settled, setSettled] = useState(true);
  useEffect(() => {
    if (standing !== 'saved') return;
    const timer = setTimeout(() => setSettled(true), SAVED_AFTER_MS);
    return () => {
      clearTimeout(timer);
      setSettled(false);
    };
  }, [standing]);
  if (standing !== 'saved') return standing;
  return settled ? 'saved' : 'saving';
}

/** Shows where saving and sync stand for the open circle. */
export function StatusLine({ session }: { session: CircleSession }) {
  const { t } = useTranslation();
  const standing = useSaveStanding(session);
  // "Saving…" stays up a moment after each save, so typing does not make the line
  // flicker; "Saved" still appears only when everything is on disk.
  const shown = useSettledStanding(standing);
  const { sync } = useCircleLive();
  const status = useSyncStatus(sync);
  const [detailsOpen, setDetailsOpen] = useState(false);

  let tone: 'ok' | 'busy' | 'problem' = 'ok';
  let saved = t('status.saved');
  const failure = shown.startsWith('failed:') ? shown.slice('failed:'.length) : null;
  if (failure !== null) {
    tone = 'problem';
    saved = t('status.notSaved', { reason: t(`errors.${failure}`) });
  } else if (shown === 'saving') {
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
        {failure === null ? room : saved}
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
