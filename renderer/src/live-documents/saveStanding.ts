/**
 * What the status line says about saving, from the save tracker's state and the time.
 *
 * Someone typing without pause always has a write in flight, yet each is on disk within
 * a fraction of a second: "Saving…" then would be shown for minutes and mean nothing.
 * So:
 *   - a write waiting longer than {@link LATE_WRITE_MS} is late: "Saving…";
 *   - else, a write confirmed within {@link JUST_NOW_MS}: "Saved · just now";
 *   - else, nothing waiting: "Saved on this laptop" — only then, so these words always
 *     mean that everything is on disk (tests and the room harness rely on it);
 *   - else (a write just handed over after a pause): "Saved · just now" already, as it
 *     will be a moment later, or late — the line does not flicker to "Saving…".
 * A failed write is shown as a failure until everything is saved.
 */
import type { SaveState } from './saveTracker';

/** A write still unconfirmed after this long is late, and the line says "Saving…". */
export const LATE_WRITE_MS = 2000;
/** A write confirmed within this long ago is "just now". */
export const JUST_NOW_MS = 3000;

/** What the status line shows about saving. */
export type SaveStanding = 'saved' | 'savedJustNow' | 'saving' | `failed:${string}`;

/** The standing now, and when it may next change with no new event (null: it will not). */
export function saveStandingAt(
  state: SaveState,
  now: number,
): { standing: SaveStanding; recheckAt: number | null } {
  if (state.failure !== null) return { standing: `failed:${state.failure}`, recheckAt: null };
  const lateAt = state.oldestPendingAt === null ? null : state.oldestPendingAt + LATE_WRITE_MS;
  if (lateAt !== null && now >= lateAt) return { standing: 'saving', recheckAt: null };
  const staleAt = state.lastSavedAt === null ? null : state.lastSavedAt + JUST_NOW_MS;
  const next = (...times: (number | null)[]): number | null => {
    const due = times.filter((time): time is number => time !== null && time > now);
    return due.length === 0 ? null : Math.min(...due);
  };
  if (staleAt !== null && now < staleAt) {
    return { standing: 'savedJustNow', recheckAt: next(staleAt, lateAt) };
  }
  if (state.pending === 0) return { standing: 'saved', recheckAt: null };
  return { standing: 'savedJustNow', recheckAt: next(lateAt) };
}
