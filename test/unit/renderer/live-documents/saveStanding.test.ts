import { describe, expect, it } from 'vitest';
import {
  JUST_NOW_MS,
  LATE_WRITE_MS,
  saveStandingAt,
} from '../../../../renderer/src/live-documents/saveStanding';
import { SaveTracker, type SaveState } from '../../../../renderer/src/live-documents/saveTracker';

const state = (partial: Partial<SaveState>): SaveState => ({
  pending: 0,
  failure: null,
  lastSavedAt: null,
  oldestPendingAt: null,
  ...partial,
});

describe('what the status line says about saving', () => {
  it('says saved just now while writes keep landing, however long the typing goes on', () => {
    // Typing for minutes: a write always in flight, each confirmed within 100 ms.
    for (let now = 1000; now < 180_000; now += 250) {
      const typing = state({ pending: 1, oldestPendingAt: now - 50, lastSavedAt: now - 150 });
      expect(saveStandingAt(typing, now).standing).toBe('savedJustNow');
    }
  });

  it('says saving only once a write is late, and when it will be', () => {
    const waiting = state({ pending: 2, oldestPendingAt: 10_000, lastSavedAt: 9_000 });
    expect(saveStandingAt(waiting, 10_500)).toEqual({
      standing: 'savedJustNow',
      recheckAt: 10_000 + LATE_WRITE_MS,
    });
    expect(saveStandingAt(waiting, 10_000 + LATE_WRITE_MS).standing).toBe('saving');
  });

  it('says "Saved on this laptop" only when nothing waits, once "just now" has passed', () => {
    const idle = state({ lastSavedAt: 5_000 });
    expect(saveStandingAt(idle, 5_100)).toEqual({
      standing: 'savedJustNow',
      recheckAt: 5_000 + JUST_NOW_MS,
    });
    expect(saveStandingAt(idle, 5_000 + JUST_NOW_MS)).toEqual({
      standing: 'saved',
      recheckAt: null,
    });
    // A keystroke after a pause: not "Saved on this laptop" (it is not on disk yet).
    const after = state({ pending: 1, oldestPendingAt: 60_000, lastSavedAt: 5_000 });
    expect(saveStandingAt(after, 60_010).standing).toBe('savedJustNow');
  });

  it('shows a failure until everything is saved', () => {
    const failed = state({ pending: 1, failure: 'disk-full', oldestPendingAt: 1, lastSavedAt: 2 });
    expect(saveStandingAt(failed, 3).standing).toBe('failed:disk-full');
  });

  it('learns from the tracker when the oldest waiting write was handed over', () => {
    const saves = new SaveTracker();
    saves.started(2);
    const first = saves.read().oldestPendingAt;
    expect(first).not.toBeNull();
    saves.saved(1);
    expect(saves.read().oldestPendingAt).toBe(first);
    saves.saved(1);
    expect(saves.read()).toMatchObject({ pending: 0, oldestPendingAt: null });
  });
});
