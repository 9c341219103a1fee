/**
 * The CI-sized fuzz run: every target of `npm run fuzz` with its smoke case count and a
 * fixed seed (HEARTH_SEED replays another), each with no crash, no hang and no broken
 * invariant. The full run, with its table, is `npm run fuzz`.
 */
import { describe, expect, it } from 'vitest';
import { seedFromEnvironment } from '../../helpers/seededRandom';
import { problemLines, reportRow } from '../../fuzz/fuzzTable';
import { runTarget } from '../../fuzz/fuzzTarget';
import { FUZZ_TARGETS } from '../../fuzz/targets';

const SEED = seedFromEnvironment(20_260_602);
// A hang is a case slower than HANG_MS (counted by the runner); this only stops a run that
// never ends. Wall-clock budgets are not asserted: the machines are shared and noisy, and
// `npm run fuzz` prints the timings.
const TARGET_TIMEOUT_MS = 120_000;

describe('fuzz smoke run', () => {
  it.each(FUZZ_TARGETS.map((target) => [target.name, target] as const))(
    '%s: no crash, no hang, no broken invariant',
    async (_name, target) => {
      const report = await runTarget(target, { cases: target.smokeCases, seed: SEED });
      console.info(`${reportRow(report).join(' | ')}\n${problemLines([report]).join('\n')}`);
      expect(problemLines([report])).toEqual([]);
      expect(report).toMatchObject({ crashes: 0, hangs: 0, violations: 0 });
      expect(report.cases).toBe(target.smokeCases);
    },
    TARGET_TIMEOUT_MS,
  );
});
