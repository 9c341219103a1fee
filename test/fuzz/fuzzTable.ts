/**
 * The one table `npm run fuzz` prints: a row per target (cases, crashes, hangs,
 * violations, time per case) and, under it, each problem kept for replaying.
 */
import type { TargetReport } from './fuzzTarget';

/** One row of the table, already formatted. */
export type TableRow = readonly string[];

/** The table's columns. */
export const FUZZ_COLUMNS: TableRow = [
  'target',
  'cases',
  'crashes',
  'hangs',
  'violations',
  'p50',
  'p99',
  'p99.9',
  'notes',
];

/** Milliseconds as the table shows them. */
export function millis(ms: number): string {
  if (ms < 0.1) return `${(ms * 1000).toFixed(0)} µs`;
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(1)} ms`;
}

/** A report as a table row. */
export function reportRow(report: TargetReport): TableRow {
  return [
    report.target,
    report.cases.toLocaleString('en-GB'),
    String(report.crashes),
    String(report.hangs),
    String(report.violations),
    millis(report.p50),
    millis(report.p99),
    millis(report.p999),
    `${report.notes} (max ${millis(report.max)}, ${(report.elapsedMs / 1000).toFixed(1)} s)`,
  ];
}

/** A Markdown table of `rows` under `header`. */
export function formatTable(header: TableRow, rows: readonly TableRow[]): string {
  const widths = header.map((_, i) =>
    Math.max(...[header, ...rows].map((row) => (row[i] ?? '').length)),
  );
  const line = (row: TableRow): string =>
    `| ${header.map((_, i) => (row[i] ?? '').padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

/** The problems kept by every report, one line each, with what replays them. */
export function problemLines(reports: readonly TargetReport[]): string[] {
  return reports.flatMap((report) =>
    report.problems.map(
      (problem) =>
        `  ${report.target}, case ${problem.index} (replay: --target "${report.target}" ` +
        `--seed ${report.seed} --first ${problem.index} --cases 1): ${problem.what}`,
    ),
  );
}

/** True when no report found a crash, a hang or a violation. */
export function allClean(reports: readonly TargetReport[]): boolean {
  return reports.every((r) => r.crashes === 0 && r.hangs === 0 && r.violations === 0);
}
