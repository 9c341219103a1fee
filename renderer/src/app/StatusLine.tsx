/**
 * The status line at the foot of the window: whether everything typed is on this
 * laptop's disk, and where sync with the room stands. "Saved" is shown only for what
 * the store has confirmed (fsync'd), so a member can trust it. Screen readers
 * hear only the changes that matter — a save failing or recovering, a laptop arriving or
 * leaving — through a separate live region, not "Saving… Saved" on every keystroke.
 */
import { lazyDialog } from './lazyDialog';
import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CircleSession } from '../live-documents/circleSession';
import type { MemberId } from '../../../shared/notebook/ids';
import { useIndexSnapshot, useSaveStanding } from '../live-documents/useCircleSession';
import type { RelayProblem } from '../sync/relayProblems';
import { useHostLink } from './useHostLink';
import type { CircleSync } from '../sync/circleSync';
import { useCircleLive, useSyncStatus } from '../sync/useCircleSync';
import { roomStatusText } from './roomStatusText';

// Not on the first screen: each loads the first time it opens (app/lazyDialog.tsx).
const ConnectionDetails = lazyDialog(() =>
  import('../features/presence/ConnectionDetails').then((m) => m.ConnectionDetails),
);

/**
 * What the member is told about a relay of the circle that cannot be used: a refusal or
 * an expiry, which only someone can fix. A relay that does not answer is normal in a
 * room without internet, so that is said in the connection details only. A refusal stays
 * until a link through that relay works or the member dismisses it (../sync/circleSync.ts).
 */
function useRelayProblem(problem: RelayProblem | null): string | null {
  const { t } = useTranslation();
  if (problem === null || problem.kind === 'unreachable') return null;
  return problem.kind === 'refused'
    ? t('sync.relayRefused', { url: problem.url })
    : t('sync.relayExpired', { url: problem.url });
}

/** Shows where saving and sync stand for the open circle. */
export function StatusLine({ session }: { session: CircleSession }) {
  const { t } = useTranslation();
  // "Saving…" only for a late write; "Saved · just now" while writes keep landing
  // (../live-documents/saveStanding.ts); "Saved on this laptop" only when everything is on disk.
  const shown = useSaveStanding(session);
  const link = useHostLink(session);
  const { sync } = useCircleLive();
  // Typing changes the save standing on every keystroke (here and on every laptop that
  // receives it): only these strings are worked out again, not the room's.
  const saved = useMemo(() => {
    // The host is gone (browser mode): nothing can be saved until it is back, but the
    // words are safe in this window — say both, plainly.
    if (link === 'lost') return { tone: 'problem', text: t('status.hostLost') };
    const failure = shown.startsWith('failed:') ? shown.slice('failed:'.length) : null;
    if (failure !== null) {
      // A phrase inside the sentence, not the error's own sentence.
      const reason = t(`saveProblems.${failure}`, { defaultValue: t('saveProblems.other') });
      return { tone: 'problem', text: t('status.notSaved', { reason }) };
    }
    if (shown === 'saving') return { tone: 'busy', text: t('status.saving') };
    if (shown === 'savedJustNow') return { tone: 'ok', text: t('status.savedJustNow') };
    return { tone: 'ok', text: t('status.saved') };
  }, [link, shown, t]);

  return (
    <footer className={`status-line status-line--${saved.tone}`}>
      <span className="status-line__dot" aria-hidden="true" />
      <span data-testid="save-status">{saved.text}</span>
      <RoomStatus
        sync={sync}
        session={session}
        hostLost={link === 'lost'}
        saveFailure={saved.tone === 'problem' ? saved.text : null}
      />
    </footer>
  );
}

/** Where sync with the room stands, and the button that opens the connection details. */
const RoomStatus = memo(function RoomStatus({
  sync,
  session,
  hostLost,
  saveFailure,
}: {
  sync: CircleSync | null;
  session: CircleSession;
  /** Hearth's own process on this computer is gone (browser mode): nothing is saved now. */
  hostLost: boolean;
  saveFailure: string | null;
}) {
  const { t, i18n } = useTranslation();
  const status = useSyncStatus(sync);
  const { members } = useIndexSnapshot(session);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const room = useMemo(
    () =>
      roomStatusText(t, status, {
        hostLost,
        nameOf: (memberId) =>
          memberId === null ? null : (members.get(memberId as MemberId)?.name ?? null),
        language: i18n.language,
      }),
    [status, hostLost, t, i18n.language, members],
  );
  const relayProblem = useRelayProblem(status.relayProblem);
  const connected = status.peers.length > 0;

  return (
    <>
      <span className="visually-hidden" role="status" aria-live="polite">
        {saveFailure ?? room}
      </span>
      <button
        type="button"
        className={`status-line__room${connected ? ' status-line__room--connected' : ''}`}
        data-testid="sync-status"
        aria-expanded={detailsOpen}
        onClick={() => setDetailsOpen((open) => !open)}
      >
        {room}
      </button>
      {relayProblem !== null && (
        <span className="status-line__problem" role="alert" data-testid="relay-problem">
          {relayProblem}{' '}
          <button
            type="button"
            className="status-line__dismiss"
            onClick={() => sync?.dismissRelayProblem()}
          >
            {t('sync.relayDismiss')}
          </button>
        </span>
      )}
      {detailsOpen && sync !== null && (
        <ConnectionDetails
          sync={sync}
          nameOf={(memberId) =>
            memberId === null ? null : (members.get(memberId as MemberId)?.name ?? null)
          }
          onClose={() => setDetailsOpen(false)}
        />
      )}
    </>
  );
});
