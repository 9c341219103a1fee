/**
 * Prints one closing line for the whole suite — `Tests: N passed, N failed, N skipped`
 * — from the JSON reports that vitest and Playwright write, so CI and a newcomer both
 * see at a glance what ran. Exits non-zero if a report is missing or anything failed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
}

const root = resolve(import.meta.dirname, '..');

function read(file: string): unknown {
  return JSON.parse(readFileSync(resolve(root, file), 'utf8'));
}

const unit = read('test-results/vitest.json') as VitestReport;
const e2e = read('test-results/e2e.json') as PlaywrightReport;
const tallies: Record<string, Tally> = {
  'unit and integration (vitest)': {
    passed: unit.numPassedTests,
    failed: unit.numFailedTests,
    skipped: unit.numPendingTests + unit.numTodoTests,
  },
  'end to end (Playwright, Chromium)': {
    passed: e2e.stats.expected + e2e.stats.flaky,
    failed: e2e.stats.unexpected,
    skipped: e2e.stats.skipped,
  },
};

const total: Tally = { passed: 0, failed: 0, skipped: 0 };
for (const [suite, tally] of Object.entries(tallies)) {
  console.log(
    `  ${suite}: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`,
  );
  total.passed += tally.passed;
  total.failed += tally.failed;
  total.skipped += tally.skipped;
}
console.log(`Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = total.failed > 0 ? 1 : 0;
