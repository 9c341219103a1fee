/**
 * `npm run bench -- --flood`: issue 11's amplification attack, measured. Two laptops in
 * browser mode (Ana and Ben, real WebRTC through Ana's signalling endpoint) and a hostile
 * laptop (./floodPeer.ts) that joins by the invite and floods Ana with SYNC_STEP_1 for the
 * whole index. Ben types into an entry at 8 keys a second; each keystroke's latency is
 * Ben's keydown → the character in Ana's editor (one clock: both pages on this machine).
 * Measured in one run: quiet, then under the flood. Prints a table and fails when Ben's
 * median under the flood is over 1.5 × his quiet median, or when Ana answered the flood
 * beyond her budget (shared/sync/answerBudget.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ANSWER_BUDGET } from '../../shared/sync/answerBudget';
import { launchChromium } from '../e2e/chromium';
import { HostProcess } from '../e2e/hostProcess';
import {
  addMeeting,
  createCircle,
  inviteToWrite,
  joinByPasting,
  readInvite,
  startEntry,
  syncStatus,
} from '../e2e/member';
import { expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from '../e2e/hostProcess';
import type { FloodTally } from './floodPeer';
import { quantile } from './keystrokeLatency';

const KEYS = 48;
const KEY_GAP_MS = 125;
const RATIO_GOAL = 1.5;

/**
 * Runs the hostile peer in child processes, one after another: a new one whenever the
 * last one died (Node's WebRTC module can crash when the laptop drops the link).
 */
function floodFromChildren(invite: string): {
  tally: () => FloodTally;
  restarts: () => number;
  stop(): Promise<void>;
} {
  const done: FloodTally = { asked: 0, answerFrames: 0, bytes: 0, dropped: 0 };
  let current: FloodTally = { ...done };
  let restarts = 0;
  let stopped = false;
  let child: ChildProcess | null = null;
  const start = (): void => {
    const next = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/bench/floodPeerProcess.ts', invite, '250', '50'],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    child = next;
    let buffered = '';
    next.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      const last = lines.at(-1);
      if (last !== undefined && last.startsWith('{')) current = JSON.parse(last) as FloodTally;
    });
    next.on('exit', () => {
      for (const key of Object.keys(done) as (keyof FloodTally)[]) done[key] += current[key];
      current = { asked: 0, answerFrames: 0, bytes: 0, dropped: 0 };
      if (!stopped) {
        restarts++;
        start();
      }
    });
  };
  start();
  return {
    tally: () => {
      const sum = { ...done };
      for (const key of Object.keys(sum) as (keyof FloodTally)[]) sum[key] += current[key];
      return sum;
    },
    restarts: () => restarts,
    async stop() {
      stopped = true;
      const last = child;
      if (last === null || last.exitCode !== null) return;
      await new Promise((resolve) => {
        last.once('exit', resolve);
        last.kill('SIGTERM');
      });
    },
  };
}

/** Ben types `KEYS` characters; the latency of each on Ana's screen, ms. */
async function typeAndMeasure(ben: Page, ana: Page): Promise<number[]> {
  const before = await ana.evaluate(() => {
    const editor = document.querySelector('[contenteditable="true"]')!;
    const seen: [number, number][] = [];
    const observer = new MutationObserver(() => {
      seen.push([performance.timeOrigin + performance.now(), editor.textContent.length]);
    });
    observer.observe(editor, { subtree: true, characterData: true, childList: true });
    (window as unknown as { floodSeen: [number, number][] }).floodSeen = seen;
    return editor.textContent.length;
  });
  await ben.evaluate(() => {
    const stamps: number[] = [];
    document.addEventListener(
      'keydown',
      () => stamps.push(performance.timeOrigin + performance.now()),
      true,
    );
    (window as unknown as { floodKeys: number[] }).floodKeys = stamps;
  });
  for (let i = 0; i < KEYS; i++) {
    await ben.keyboard.press('x');
    await new Promise((resolve) => setTimeout(resolve, KEY_GAP_MS));
  }
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const keys = await ben.evaluate(() => (window as unknown as { floodKeys: number[] }).floodKeys);
  const seen = await ana.evaluate(
    () => (window as unknown as { floodSeen: [number, number][] }).floodSeen,
  );
  return keys.slice(-KEYS).map((stamp, i) => {
    const arrival = seen.find(([, length]) => length >= before + i + 1);
    return arrival === undefined ? Number.POSITIVE_INFINITY : arrival[0] - stamp;
  });
}

/** Runs the flood benchmark on the renderer in out/ (built by `npm run bench`). */
export async function runFloodBench(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'hearth-flood-bench-'));
  const anaHost = new HostProcess({ name: 'ana', dataDir: join(work, 'ana') });
  const benHost = new HostProcess({ name: 'ben', dataDir: join(work, 'ben') });
  const browser = await launchChromium();
  try {
    await Promise.all([anaHost.start(), benHost.start()]);
    const open = async (host: HostProcess): Promise<Page> => {
      const context = await browser.newContext();
      await context.grantPermissions(['camera', 'microphone'], { origin: host.origin });
      const page = await context.newPage();
      await page.goto(host.url);
      return page;
    };
    const ana = await open(anaHost);
    const ben = await open(benHost);
    await createCircle(ana, { name: 'Harbour circle', memberName: 'Ana' });
    await addMeeting(ana, { title: 'Tonight' });
    await startEntry(ana);
    await ana.keyboard.type('We begin. ');
    const invite = await readInvite(ana);
    await joinByPasting(ben, invite.link, 'Ben');
    await expect(syncStatus(ben)).toHaveText('Connected to 1 person', { timeout: 60_000 });
    const benEditor = ben.getByRole('textbox', { name: /^Entry by/ }).first();
    await expect(benEditor).toContainText('We begin.', { timeout: 30_000 });
    // Ben types into Ana's entry: she invites him first (shared/notebook/WRITING.md).
    await inviteToWrite(ana, 'Ana', ['Ben']);
    await expect(benEditor).toHaveAttribute('contenteditable', 'true', { timeout: 30_000 });
    await benEditor.click();
    await ben.keyboard.press('Control+End');

    const quiet = await typeAndMeasure(ben, ana);
    const flood = floodFromChildren(invite.link);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const floodStarted = performance.now();
    const before = flood.tally();
    const underFlood = await typeAndMeasure(ben, ana);
    const floodSeconds = (performance.now() - floodStarted) / 1000;
    const during = flood.tally();
    const answers = during.answerFrames - before.answerFrames;
    const bytes = during.bytes - before.bytes;
    const asked = during.asked - before.asked;
    await flood.stop();
    const total = flood.tally();

    const p = (values: number[], q: number): number =>
      quantile(
        [...values].sort((a, b) => a - b),
        q,
      );
    const ratio = p(underFlood, 0.5) / p(quiet, 0.5);
    const answerRate = answers / floodSeconds;
    const rows = [
      [
        'Ben → Ana keystroke, quiet (p50 / p95)',
        `${p(quiet, 0.5).toFixed(1)} / ${p(quiet, 0.95).toFixed(1)} ms`,
      ],
      [
        'Ben → Ana keystroke, under the flood (p50 / p95)',
        `${p(underFlood, 0.5).toFixed(1)} / ${p(underFlood, 0.95).toFixed(1)} ms`,
      ],
      ['under the flood / quiet (p50)', `${ratio.toFixed(2)} × (goal ≤ ${RATIO_GOAL})`],
      [
        'SYNC_STEP_1 sent by the hostile laptop while Ben typed',
        `${asked} (${total.asked} in the whole run)`,
      ],
      [
        'answers Ana sent it while Ben typed',
        `${answers} in ${floodSeconds.toFixed(1)} s (${answerRate.toFixed(1)}/s)`,
      ],
      ['bytes Ana sent it while Ben typed', `${(bytes / 1e6).toFixed(3)} MB`],
      ['hostile links Ana dropped (whole run)', String(total.dropped)],
      ['hostile processes that crashed and were restarted', String(flood.restarts())],
    ];
    console.log('\n| measure | value |\n| --- | --- |');
    for (const [measure, value] of rows) console.log(`| ${measure} | ${value} |`);
    const budget = ANSWER_BUDGET.answers + ANSWER_BUDGET.answersPerSecond * floodSeconds;
    const ok = ratio <= RATIO_GOAL && answers <= budget * (total.dropped + flood.restarts() + 1);
    console.log(ok ? '\nflood bench: pass' : '\nflood bench: FAIL');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await browser.close();
    await Promise.all([anaHost.stop(), benHost.stop()]);
    await rm(work, { recursive: true, force: true });
  }
}
