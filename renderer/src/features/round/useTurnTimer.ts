/**
 * The current turn's timer, kept fresh. It wakes when the timer next shows a new second
 * (so every laptop's display turns over at the same moment, give or take the clock
 * offsets' error) and at least once a second, re-reading the measured clock offsets
 * each time: a better measurement, or the writer's laptop leaving, moves the start.
 */
import { useEffect, useState } from 'react';
import type { MemberId } from '../../../../shared/notebook/ids';
import type { CurrentRound } from '../../../../shared/notebook/rounds';
import type { CircleSync } from '../../sync/circleSync';
import {
  localTurnStart,
  readTimer,
  untilNextSecond,
  type LocalTurnStart,
  type TimerReading,
} from './turnClock';

/** A turn's timer as this laptop shows it. */
export interface TurnTimer extends LocalTurnStart {
  reading: TimerReading;
}

type Turn = Pick<CurrentRound, 'roundId' | 'speaker' | 'turnStartedAt' | 'turnStartedBy'>;

interface Tick extends LocalTurnStart {
  turnKey: string;
  now: number;
}

const NO_OFFSETS: ReadonlyMap<MemberId, number> = new Map();
// A little past the second, so the display never lands a hair before it turns over.
const WAKE_SLACK_MS = 15;

/** The timer of `turn` (null while no turn is being timed). */
export function useTurnTimer(
  turn: Turn | null,
  secondsEach: number,
  me: MemberId,
  sync: CircleSync | null,
): TurnTimer | null {
  const [tick, setTick] = useState<Tick | null>(null);
  const turnKey =
    turn === null
      ? null
      : `${turn.roundId}:${turn.speaker}:${turn.turnStartedAt}:${turn.turnStartedBy}`;
  const turnStartedAt = turn?.turnStartedAt ?? 0;
  const turnStartedBy = turn?.turnStartedBy ?? me;

  useEffect(() => {
    if (turnKey === null) return;
    let handle: ReturnType<typeof setTimeout>;
    const update = (): void => {
      const now = Date.now();
      const offsets = sync?.clockOffsets() ?? NO_OFFSETS;
      const start = localTurnStart({ turnStartedAt, turnStartedBy }, me, offsets);
      setTick({ ...start, turnKey, now });
      handle = setTimeout(update, untilNextSecond(start.startedAt, now) + WAKE_SLACK_MS);
    };
    handle = setTimeout(update, 0);
    return () => clearTimeout(handle);
  }, [turnKey, turnStartedAt, turnStartedBy, me, sync]);

  if (turn === null || tick === null || tick.turnKey !== turnKey) return null;
  return {
    startedAt: tick.startedAt,
    source: tick.source,
    reading: readTimer(tick.startedAt, tick.now, secondsEach),
  };
}
