/**
 * Rounds in a meeting: the running round's card (sticky at the top of the meeting, on
 * every laptop), or — for facilitators — "Start a round". A polite live region says
 * when the talking piece moves ("Ana passed. It’s Ben’s turn."), and nothing else: the
 * timer is never announced.
 *
 * Each control shows only to whoever may use it (facilitators start, move on and end;
 * the speaker passes or says they are done); every laptop checks each move again as it reads the rounds log.
 */
import { lazyDialog } from '../../app/lazyDialog';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { newId, type MeetingId, type MemberId } from '../../../../shared/notebook/ids';
import type { CurrentRound, RoundRecord } from '../../../../shared/notebook/rounds';
import type { MeetingRecord } from '../../../../shared/notebook/schema';
import type { CircleSession } from '../../live-documents/circleSession';
import { useIndexSnapshot } from '../../live-documents/useCircleSession';
import { useCircleLive, usePresentMembers } from '../../sync/useCircleSync';
import { RoundCard, type RoundMove } from './RoundCard';
import type { RoundPlan } from './StartRoundDialog';
import './round.css';

// Not on the first screen: each loads the first time it opens (app/lazyDialog.tsx).
const StartRoundDialog = lazyDialog(() =>
  import('./StartRoundDialog').then((m) => m.StartRoundDialog),
);

/** Props of {@link RoundPanel}. */
export interface RoundPanelProps {
  session: CircleSession;
  meeting: MeetingRecord;
}

/** The round of a meeting: its card while it runs, and the way to start one. */
export function RoundPanel({ session, meeting }: RoundPanelProps) {
  const { t } = useTranslation();
  const snapshot = useIndexSnapshot(session);
  const { presence, sync } = useCircleLive();
  const present = usePresentMembers(presence);
  const [starting, setStarting] = useState(false);
  const me = session.profile.memberId;
  const { round, members } = snapshot;
  const isFacilitator = snapshot.governance.facilitators.has(me);
  const nameOf = (memberId: MemberId): string => members.get(memberId)?.name ?? t('round.someone');

  const start = (plan: RoundPlan): void => {
    session.index.recordRound({
      kind: 'start',
      // A round id has the shape of every other id; ids.ts has no brand for rounds.
      roundId: newId<MeetingId>(),
      meetingId: meeting.id,
      ...plan,
      at: Date.now(),
    });
    setStarting(false);
  };

  const moveOn = (current: CurrentRound, move: RoundMove): void => {
    const at = Date.now();
    const { roundId } = current;
    let record: RoundRecord;
    if (move === 'end') record = { kind: 'end', roundId, at };
    else
      record = {
        // "I'm done" and "Next" both end the turn as spoken; a pass is remembered as one.
        kind: move === 'pass' ? 'pass' : 'turn',
        roundId,
        speaker: current.speaker + 1,
        at,
      };
    session.index.recordRound(record);
  };

  const elsewhere =
    round !== null && round.meetingId !== meeting.id
      ? (snapshot.meetings.find((m) => m.id === round.meetingId)?.title ?? null)
      : undefined;

  return (
    <div className="round-panel">
      <p className="visually-hidden" aria-live="polite" data-testid="round-announcement">
        {announcement(t, round, me, nameOf)}
      </p>
      {round !== null && round.meetingId === meeting.id ? (
        <RoundCard
          round={round}
          members={members}
          me={me}
          isFacilitator={isFacilitator}
          sync={sync}
          onMove={(move) => moveOn(round, move)}
        />
      ) : round !== null ? (
        <p className="round-elsewhere">
          {elsewhere === null || elsewhere === undefined
            ? t('round.elsewhereUnknown')
            : t('round.elsewhere', { meeting: elsewhere })}
          {isFacilitator && (
            <button
              className="button button--small button--quiet"
              type="button"
              onClick={() => moveOn(round, 'end')}
            >
              {t('round.endElsewhere')}
            </button>
          )}
        </p>
      ) : (
        isFacilitator && (
          <button
            className="button round-panel__start"
            type="button"
            onClick={() => setStarting(true)}
          >
            {t('round.start')}
          </button>
        )
      )}
      {isFacilitator && (
        <StartRoundDialog
          open={starting}
          members={members}
          hereNow={new Set(present.map((member) => member.memberId))}
          me={me}
          onClose={() => setStarting(false)}
          onStart={start}
        />
      )}
    </div>
  );
}

// What a screen reader hears when the talking piece moves: who passed, whose turn it is.
function announcement(
  t: TFunction,
  round: CurrentRound | null,
  me: MemberId,
  nameOf: (memberId: MemberId) => string,
): string {
  if (round === null) return '';
  const parts: string[] = [];
  if (round.speaker === 0) parts.push(t('round.announceStart', { title: round.title }));
  else if (round.passed.has(round.speaker - 1)) {
    parts.push(t('round.announcePassed', { name: nameOf(round.order[round.speaker - 1]!) }));
  }
  const speaker = round.order[round.speaker];
  if (speaker === undefined) parts.push(t('round.announceDone'));
  else if (speaker === me) parts.push(t('round.announceYourTurn'));
  else parts.push(t('round.announceTurn', { name: nameOf(speaker) }));
  return parts.join(' ');
}
