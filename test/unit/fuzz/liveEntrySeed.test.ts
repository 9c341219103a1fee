/**
 * The regression seed of issue 11's silent divergence: with seed 20260601 the live-page
 * driver (test/fuzz/liveEntryPage.ts), sending mutated real updates through the real
 * peer session into the app's entry editor, made the guard log "a checked update gave the
 * live document another state than its scratch copy" at case 108, and the editor showed
 * other words than the document held (a quote's text missing on screen, a deleted letter
 * still shown). Now the guard tells a listener's own repair from a real difference, and
 * the editor that fell behind is rebuilt from its document: no disagreement lasts.
 */
import { describe, expect, it } from 'vitest';
import { runTarget } from '../../fuzz/fuzzTarget';
import { liveEntryPageTarget } from '../../fuzz/liveEntryPage';

describe('the live entry page under the divergence seed', () => {
  it('never goes on showing a state its document does not hold (seed 20260601, 110 cases)', async () => {
    const report = await runTarget(liveEntryPageTarget, { cases: 110, seed: 20_260_601 });
    console.info(`live entry page, seed 20260601: ${report.notes}`);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ cases: 110, crashes: 0, hangs: 0, violations: 0 });
  }, 60_000);
});
