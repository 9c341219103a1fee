/**
 * `npm run bench -- --door`: the door's benchmark, printed as a table.
 *
 * 1. door opened → the newcomer holds the one-year notebook, beside joining by pasted
 *    invite (./doorJoin.ts);
 * 2. the facilitator's input latency while a second process knocks 200 times a second
 *    (./doorLoad.ts, ./knockFlood.ts).
 *
 * Hosts announce and browse over mDNS on loopback. Data folders go under
 * test-results/bench/door/. Needs a built renderer.
 */
import { rm } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../helpers/chromium';
import { REPO_ROOT } from '../../helpers/repoRoot';
import { quantile } from '../keystrokeLatency';
import { oneYearCircle } from '../oneYearCircle';
import { joinOneYearBy, type DoorJoinResult } from './doorJoin';
import { measureDoorLoad } from './doorLoad';

const ROOT = resolve(REPO_ROOT, 'test-results/bench/door');

type Row = [string, string];

function print(rows: Row[]): void {
  const widths = [0, 1].map((i) => Math.max(...rows.map((row) => row[i]!.length), i === 0 ? 7 : 5));
  const line = (row: Row): string =>
    `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(['measure', 'value']));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;
const s = (value: number): string => `${(value / 1000).toFixed(2)} s`;

/** Runs the door benchmark and prints its table. */
export async function runDoorBench(rendererDir: string): Promise<void> {
  const loadAtStart = loadavg()[0]!;
  await rm(ROOT, { recursive: true, force: true });
  const circle = await oneYearCircle((line) => console.log(line));
  const browser = await chromium.launch(chromiumLaunchOptions());
  const rows: Row[] = [];
  try {
    console.log('Door bench: joining the one-year circle through the door, then by pasted invite');
    const joins: DoorJoinResult[] = [];
    for (const way of ['door', 'pasted invite'] as const) {
      joins.push(await joinOneYearBy(way, browser, resolve(ROOT, 'join'), rendererDir, circle));
    }
    for (const join of joins) {
      rows.push([
        `${join.way === 'door' ? 'door opened' : 'Invite clicked'} → newcomer has the one-year notebook`,
        s(join.wholeNotebookMs),
      ]);
      rows.push([
        `  of which ${join.way === 'door' ? 'door → let in (invite opened)' : 'invite → joined'}`,
        s(join.inviteMs),
      ]);
    }
    console.log(
      'Door bench: the facilitator types while a second process knocks 200 times a second',
    );
    const load = await measureDoorLoad(browser, resolve(ROOT, 'load'), rendererDir);
    const p = (values: number[], q: number): string => ms(quantile(values, q));
    rows.push([
      'input latency, door open, idle: p50 / p95 / max',
      `${p(load.idle, 0.5)} / ${p(load.idle, 0.95)} / ${ms(Math.max(...load.idle))}`,
    ]);
    rows.push([
      'input latency, 200 knocks/s: p50 / p95 / max',
      `${p(load.loaded, 0.5)} / ${p(load.loaded, 0.95)} / ${ms(Math.max(...load.loaded))}`,
    ]);
    rows.push([
      'keystrokes measured (idle / under load)',
      `${load.idle.length} / ${load.loaded.length}`,
    ]);
    rows.push([
      'knocks sent (achieved rate)',
      `${load.flood.sent} (${load.flood.sentPerSecond.toFixed(0)}/s)`,
    ]);
    rows.push([
      'what the door did with them',
      Object.entries(load.flood.outcomes)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    ]);
    rows.push([
      'door events the page received / most knocks waiting',
      `${load.doorEvents} / ${load.mostWaiting}`,
    ]);
  } finally {
    await browser.close();
  }
  console.log('\nDoor benchmark (issue 14)\n');
  print(rows);
  console.log(
    `(1-minute load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end, on ${cpus().length} cores)`,
  );
}
