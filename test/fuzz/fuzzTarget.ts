/**
 * What every fuzz target is and how one is run: a target prepares its material once
 * (a circle, a store folder, an endpoint), then answers one case at a time from a
 * seeded source; the harness times each case and counts what went wrong.
 *
 * - crash: an exception escaped the code under test (the target lets it through);
 * - hang: one case took longer than {@link HANG_MS};
 * - violation: the case ran, but an invariant the target checks broke (the notebook
 *   changed after a refusal, a record before the damage was lost, a refusal without a
 *   reason…). The first few of each are kept with their case number and seed.
 *
 * Every case draws from its own generator, seeded from the run's seed and the case
 * number ({@link caseSeed}), so a case can be replayed with `--seed S --first N --cases 1`
 * (a target whose material changes as cases are accepted, like the sync target's
 * notebook, replays from the same material only when run from case 0).
 */
import { seededRandom, type SeededRandom } from '../helpers/seededRandom';

/** A case slower than this counts as a hang (it still ran to its end: nothing is killed). */
export const HANG_MS = 2000;
/** How many crashes and violations a report keeps word for word. */
const KEPT_PROBLEMS = 5;

/**
 * What a case returns: nothing when all held, or the invariants it found broken, and
 * optionally the time spent in the code under test alone (else the whole case is timed).
 */
export type CaseOutcome = void | { violations?: string[]; measuredMs?: number };

/** One prepared target: runs cases, then tells what it saw. */
export interface PreparedTarget {
  /** Runs case number `index` with its own generator; throws only if the code under test did. */
  runCase(random: SeededRandom, index: number): Promise<CaseOutcome> | CaseOutcome;
  /** A short summary for the table's notes column (counts by kind, refusals…). */
  summary(): string;
  /** Frees what `prepare` made (folders, servers); returns violations seen only at the end. */
  dispose(): Promise<string[] | void>;
}

/** A fuzz target: one kind of hostile input. */
export interface FuzzTarget {
  /** The name in the table and for `--target`. */
  name: string;
  /** Cases of a full `npm run fuzz`. */
  defaultCases: number;
  /** Cases of the CI-sized run (test/unit/fuzz/fuzzSmoke.test.ts). */
  smokeCases: number;
  /** Builds the material every case draws on. */
  prepare(random: SeededRandom): Promise<PreparedTarget>;
}

/** A problem found by one case. */
export interface Problem {
  index: number;
  seed: number;
  what: string;
}

/** What one run of a target found. */
export interface TargetReport {
  target: string;
  seed: number;
  cases: number;
  crashes: number;
  hangs: number;
  violations: number;
  /** Milliseconds per case. */
  p50: number;
  p99: number;
  p999: number;
  max: number;
  elapsedMs: number;
  notes: string;
  /** The first few crashes and violations, for replaying. */
  problems: Problem[];
}

/** How to run a target. */
export interface RunOptions {
  cases: number;
  seed: number;
  /** The first case number (to replay one case: `first = n`, `cases = 1`). */
  first?: number;
  /** Stops early (and says so in the notes) once this much time has passed. */
  budgetMs?: number;
}

/** The seed of case `index` of a run seeded with `seed` (a 32-bit mix of both). */
export function caseSeed(seed: number, index: number): number {
  let h = Math.imul((seed ^ 0x9e3779b9) >>> 0, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x27d4eb2f);
  return (h ^ (h >>> 15)) >>> 0;
}

/** The `p`th percentile (0–100) of `sorted`, which must be in ascending order. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

/** Runs `target` for `options.cases` cases and reports what broke. */
export async function runTarget(target: FuzzTarget, options: RunOptions): Promise<TargetReport> {
  const prepared = await target.prepare(seededRandom(options.seed));
  const times: number[] = [];
  const problems: Problem[] = [];
  let crashes = 0;
  let hangs = 0;
  let violations = 0;
  let stoppedEarly = false;
  const first = options.first ?? 0;
  const started = performance.now();
  try {
    for (let index = first; index < first + options.cases; index++) {
      if (options.budgetMs !== undefined && performance.now() - started > options.budgetMs) {
        stoppedEarly = true;
        break;
      }
      const seed = caseSeed(options.seed, index);
      const t0 = performance.now();
      let outcome: CaseOutcome;
      try {
        outcome = await prepared.runCase(seededRandom(seed), index);
      } catch (error) {
        crashes++;
        if (problems.length < KEPT_PROBLEMS) {
          problems.push({ index, seed, what: `crash: ${describeError(error)}` });
        }
        outcome = undefined;
      }
      const elapsed = performance.now() - t0;
      times.push(outcome?.measuredMs ?? elapsed);
      if (elapsed > HANG_MS) {
        hangs++;
        if (problems.length < KEPT_PROBLEMS) {
          problems.push({ index, seed, what: `hang: ${elapsed.toFixed(0)} ms` });
        }
      }
      for (const violation of outcome?.violations ?? []) {
        violations++;
        if (problems.length < KEPT_PROBLEMS) problems.push({ index, seed, what: violation });
      }
    }
  } finally {
    for (const violation of (await prepared.dispose()) ?? []) {
      violations++;
      if (problems.length < KEPT_PROBLEMS)
        problems.push({ index: -1, seed: options.seed, what: violation });
    }
  }
  const sorted = times.sort((a, b) => a - b);
  const summary = prepared.summary();
  return {
    target: target.name,
    seed: options.seed,
    cases: times.length,
    crashes,
    hangs,
    violations,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    p999: percentile(sorted, 99.9),
    max: sorted.at(-1) ?? 0,
    elapsedMs: performance.now() - started,
    notes: stoppedEarly ? `${summary}; stopped at its time budget` : summary,
    problems,
  };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 300);
  return String(error).slice(0, 300);
}

/** Counts occurrences by label, for a target's summary. */
export class Tally {
  private readonly counts = new Map<string, number>();

  /** Adds one to `label`. */
  add(label: string): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
  }

  /** How many times `label` was added. */
  get(label: string): number {
    return this.counts.get(label) ?? 0;
  }

  /** `label n, label n` in the order first seen. */
  toString(): string {
    return [...this.counts].map(([label, n]) => `${label} ${n}`).join(', ');
  }
}
