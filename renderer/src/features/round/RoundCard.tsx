/**
 * The round going on in this meeting, as every laptop shows it: the round's name, who
 * is speaking with the timer of their turn, the speaking order (who spoke, who passed,
 * who is next), "Pass" and "I'm done" on the speaker's own laptop, and "Next" and "End
 * round" for facilitators. The buttons keep a press that the page moved under
 * (./SteadyButton.tsx). Buttons write to the rounds log; every laptop, this one included,
 * shows what the log says once it says it.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberId } from '../../../../shared/notebook/ids';
import type { CurrentRound } from '../../../../shared/notebook/rounds';
import type { MemberRecord } from '../../../../shared/notebook/schema';
import type { CircleSync } from '../../sync/circleSync';
import { memberColourVar } from '../circles/memberColours';
import { RoundTimer } from './RoundTimer';
import { SteadyButton } from './SteadyButton';
import { useTurnTimer } from './useTurnTimer';

/** What a round's buttons do: the speaker passes or is done; a facilitator moves on or ends. */
export type RoundMove = 'pass' | 'done' | 'next' | 'end';

/** Props of {@link RoundCard}. */
export interface RoundCardProps {
  round: CurrentRound;
  members: ReadonlyMap<MemberId, MemberRecord>;
  me: MemberId;
  isFacilitator: boolean;
  sync: CircleSync | null;
  onMove: (move: RoundMove) => void;
}

/** Shows a running round and the moves this member may make in it. */
export function RoundCard({ round, members, me, isFacilitator, sync, onMove }: RoundCardProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const speaking = round.speaker < round.order.length;
  const speakerId = speaking ? round.order[round.speaker]! : null;
  const timer = useTurnTimer(speaking ? round : null, round.secondsEach, me, sync);
  const nameOf = (memberId: MemberId): string => members.get(memberId)?.name ?? t('round.someone');

  const stateOf = (index: number): string => {
    if (index < round.speaker) {
      return round.passed.has(index) ? t('round.statePassed') : t('round.stateSpoke');
    }
    if (index === round.speaker) return t('round.stateSpeaking');
    if (index === round.speaker + 1) return t('round.stateNext');
    return '';
  };

  return (
    <section
      className={`round${timer?.reading.timeUp === true ? ' round--time-up' : ''}`}
      aria-labelledby={titleId}
    >
      <header className="round__head">
        <p className="round__kicker">{t('round.kicker')}</p>
        <h2 id={titleId} className="round__title">
          {round.title}
        </h2>
      </header>
      <div className="round__now">
        {speaking && (
          <RoundTimer
            reading={timer?.reading ?? null}
            secondsEach={round.secondsEach}
            startedAt={timer?.startedAt ?? null}
          />
        )}
        <div className="round__speaker">
          <p className="round__speaker-line" data-testid="round-speaker">
            {speakerId === null
              ? t('round.everyoneSpoke')
              : speakerId === me
                ? t('round.yourTurn')
                : t('round.speaking', { name: nameOf(speakerId) })}
          </p>
          {timer?.reading.timeUp === true && <p className="round__time-up">{t('round.timeUp')}</p>}
        </div>
        <div className="round__actions">
          {speakerId === me && (
            <>
              <SteadyButton className="button" onPress={() => onMove('pass')}>
                {t('round.pass')}
              </SteadyButton>
              <SteadyButton className="button" onPress={() => onMove('done')}>
                {t('round.done')}
              </SteadyButton>
            </>
          )}
          {isFacilitator && speaking && (
            <SteadyButton className="button button--primary" onPress={() => onMove('next')}>
              {t('round.next')}
            </SteadyButton>
          )}
          {isFacilitator && (
            <SteadyButton
              className={`button${speaking ? ' button--quiet' : ' button--primary'}`}
              onPress={() => onMove('end')}
            >
              {t('round.end')}
            </SteadyButton>
          )}
        </div>
      </div>
      <ol className="round__order" aria-label={t('round.orderLabel')}>
        {round.order.map((memberId, index) => {
          const member = members.get(memberId);
          const state = stateOf(index);
          const done = index < round.speaker;
          return (
            <li
              key={`${index}:${memberId}`}
              className={`round__person${index === round.speaker ? ' round__person--speaking' : ''}${done ? ' round__person--done' : ''}`}
              aria-current={index === round.speaker ? 'step' : undefined}
            >
              <span
                className="member-dot"
                style={{
                  background:
                    member === undefined ? 'var(--border-strong)' : memberColourVar(member.colour),
                }}
              />
              <span className="round__person-name">
                {memberId === me ? `${nameOf(memberId)} (${t('round.you')})` : nameOf(memberId)}
              </span>
              {state !== '' && <span className="round__person-state">{state}</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
