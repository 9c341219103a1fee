/**
 * A turn's timer on this laptop. A turn's start is recorded on the clock of the laptop
 * that wrote it (shared/notebook/rounds.ts), and laptops' clocks can differ by minutes,
 * so each laptop moves the start onto its own clock with the offset it measured to the
 * writer (shared/sync/clockOffset.ts): local start = recorded start − (writer − mine).
 * Every laptop then counts from the same moment, and their timers agree to within the
 * offsets' error (a few milliseconds on a quiet LAN).
 */
import type { MemberId } from '../../../../shared/notebook/ids';
import type { CurrentRound } from '../../../../shared/notebook/rounds';

/** Where the offset used for a turn's start came from. */
export type TurnClockSource =
  /** This laptop wrote the turn: no offset. */
  | 'own'
  /** Measured to the writer's laptop. */
  | 'writer'
  /** The writer is not connected: the median of the connected laptops' offsets. */
  | 'room'
  /** Nobody is connected: the writer's clock is taken as it is. */
  | 'none';

/** A turn's start on this laptop's clock. */
export interface LocalTurnStart {
  /** Milliseconds since 1970 on this laptop's clock. */
  startedAt: number;
  source: TurnClockSource;
}

/** What the timer shows at one moment. */
export interface TimerReading {
  /** Whole seconds since the turn began (never negative). */
  elapsedSeconds: number;
  /** How much of the turn's time has gone, 0 … 1. */
  fraction: number;
  /** The turn's time has run out. */
  timeUp: boolean;
}

/**
 * The current turn's start on this laptop's clock. `offsets` holds, per connected
 * member, their laptop's clock minus this one's, in milliseconds.
 */
export function localTurnStart(
  turn: Pick<CurrentRound, 'turnStartedAt' | 'turnStartedBy'>,
  me: MemberId,
  offsets: ReadonlyMap<MemberId, number>,
): LocalTurnStart {
  if (turn.turnStartedBy === me) return { startedAt: turn.turnStartedAt, source: 'own' };
  const measured = offsets.get(turn.turnStartedBy);
  if (measured !== undefined) {
    return { startedAt: turn.turnStartedAt - measured, source: 'writer' };
  }
  // The writer's laptop has gone; the others' clocks are the best guess at the room's.
  const room = median([...offsets.values()]);
  if (room !== null) return { startedAt: turn.turnStartedAt - room, source: 'room' };
  return { startedAt: turn.turnStartedAt, source: 'none' };
}

/** The middle value (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The timer of a turn that began at `startedAt`, read at `now` (both on this clock). */
export function readTimer(startedAt: number, now: number, secondsEach: number): TimerReading {
  // A start a few ms in the future (an estimate's error) reads as a turn just begun.
  const elapsedMs = Math.max(0, now - startedAt);
  const elapsedSeconds = Math.floor(elapsedMs / 1000);
  return {
    elapsedSeconds,
    fraction: secondsEach > 0 ? Math.min(1, elapsedMs / (secondsEach * 1000)) : 1,
    timeUp: elapsedMs >= secondsEach * 1000,
  };
}

/** Milliseconds from `now` until the timer next shows a new second. */
export function untilNextSecond(startedAt: number, now: number): number {
  const elapsedMs = now - startedAt;
  if (elapsedMs < 0) return Math.min(1000, -elapsedMs);
  return 1000 - (elapsedMs % 1000);
}

/** Seconds as a clock reads them: `mm:ss` (minutes grow past two digits if they must). */
export function formatClock(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const minutes = Math.floor(seconds / 60);
  return `${String(minutes).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}
