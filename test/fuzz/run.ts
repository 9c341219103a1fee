/**
 * `npm run fuzz`: seeded fuzzers for every kind of hostile input Hearth reads, printed
 * as one table (target | cases | crashes | hangs | violations | p50 | p99 | p99.9 | notes).
 * Exits 1 when any target crashed, hung or broke an invariant. Not part of `npm test`;
 * the CI-sized run is test/unit/fuzz/fuzzSmoke.test.ts.
 *
 *   --cases N      cases per target (default: each target's own, 100,000 for sync messages)
 *   --seed S       the run's seed (default: HEARTH_SEED or a fixed one); printed either way
 *   --target NAME  only targets whose name contains NAME (repeatable)
 *   --first N      start at case N (with --cases 1: replay one case)
 *   --smoke        the CI-sized case counts
 *   --load         also the endpoint under load from a second process (./endpointLoad.ts)
 */
import { parseArgs } from 'node:util';
import { seedFromEnvironment } from '../helpers/seededRandom';
import { runEndpointLoad, loadRow } from './endpointLoad';
import {
  allClean,
  formatTable,
  FUZZ_COLUMNS,
  problemLines,
  reportRow,
  type TableRow,
} from './fuzzTable';
import { runTarget, type TargetReport } from './fuzzTarget';
import { FUZZ_TARGETS } from './targets';

const DEFAULT_SEED = 20_260_601;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string' },
      seed: { type: 'string' },
      target: { type: 'string', multiple: true },
      first: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      load: { type: 'boolean', default: false },
    },
  });
  const seed =
    values.seed === undefined
      ? seedFromEnvironment(DEFAULT_SEED)
      : wholeNumber(values.seed, '--seed');
  const cases = values.cases === undefined ? undefined : wholeNumber(values.cases, '--cases');
  const first = values.first === undefined ? 0 : wholeNumber(values.first, '--first');
  const names = values.target ?? [];
  const targets = FUZZ_TARGETS.filter(
    (target) => names.length === 0 || names.some((name) => target.name.includes(name)),
  );
  if (targets.length === 0 && !values.load)
    throw new Error(`no target matches ${names.join(', ')}`);

  console.log(`Hearth fuzz, seed ${seed}${values.smoke ? ' (CI-sized)' : ''}`);
  const reports: TargetReport[] = [];
  for (const target of targets) {
    const count = cases ?? (values.smoke ? target.smokeCases : target.defaultCases);
    console.log(`  ${target.name}: ${count.toLocaleString('en-GB')} cases…`);
    const report = await runTarget(target, { cases: count, seed, first });
    reports.push(report);
    console.log(`    done in ${(report.elapsedMs / 1000).toFixed(1)} s`);
  }
  const rows: TableRow[] = reports.map(reportRow);
  let loadClean = true;
  if (values.load) {
    console.log('  endpoint under load from a second process…');
    const load = await runEndpointLoad({ seed });
    rows.push(loadRow(load));
    loadClean = load.lost === 0 && load.outOfOrder === 0 && !load.crashed;
  }
  console.log('');
  console.log(formatTable(FUZZ_COLUMNS, rows));
  const problems = problemLines(reports);
  if (problems.length > 0)
    console.log(['', 'Problems kept for replaying:', ...problems].join('\n'));
  process.exitCode = allClean(reports) && loadClean ? 0 : 1;
}

function wholeNumber(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${flag} takes a whole number`);
  return value;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
