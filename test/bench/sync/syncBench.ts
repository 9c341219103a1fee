/**
 * The sync benchmark of issue 3, Hearth beside a bare stock y-webrtc page (the floor),
 * on this machine, in one Chromium (one browser context per peer), with the same peer
 * counts:
 *
 * 1. keystroke on A → painted on B, with 2, 4 and 8 peers (./keystrokeLatency.ts);
 * 2. data-channel messages per keystroke, in the same runs;
 * 3. a new laptop joining the one-year circle of ../oneYearCircle.ts (./joinOneYear.ts);
 * 4. reconnecting after an offline meeting (./offlineMeeting.ts).
 *
 * The floor runs first, then Hearth, so neither side's setup (Hearth's host processes
 * starting) falls into the other's measurements. Data folders go under
 * test-results/bench/sync/ (the previous run's are removed). Needs a built renderer
 * (`npx electron-vite build`, or the one `npm run bench` builds).
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { addMeeting, createCircle, readInvite, startEntry } from '../../helpers/member';
import { chromiumLaunchOptions } from '../../helpers/chromium';
import { REPO_ROOT } from '../../helpers/repoRoot';
import { oneYearCircle, type OneYearCircle } from '../oneYearCircle';
import { startFloorServer, type FloorServer } from './floorServer';
import { floorRoom } from './floorRoom';
import {
  affirmingAgreementsUntilShown,
  closeLaptop,
  entryEditor,
  joinAll,
  openLaptop,
  startHost,
  waitForMesh,
  type Laptop,
  type RoomPlace,
} from './hearthRoom';
import { floorJoinOneYear, hearthJoinOneYear, type JoinResult } from './joinOneYear';
import {
  measureKeystrokeCost,
  measureKeystrokes,
  type KeystrokeCost,
  type KeystrokeResult,
  type TypingRun,
} from './keystrokeLatency';
import { floorOfflineMeeting, hearthOfflineMeeting, type ReconnectResult } from './offlineMeeting';
import { bundlePages, type PageBundles } from './pageBundles';
import {
  PEER_COUNTS,
  printDetails,
  printRows,
  syncRows,
  type SideResults,
  type SyncBenchRow,
} from './syncReport';

const MEMBERS = ['Ana', 'Ben', 'Cat', 'Dev', 'Eli', 'Fay', 'Gus', 'Hal'];
const RUN_ROOT = resolve(REPO_ROOT, 'test-results/bench/sync');

export type { SyncBenchRow } from './syncReport';

/** How to run the sync benchmark. */
export interface SyncBenchOptions {
  /** The built renderer the hosts serve; out/renderer by default. */
  rendererDir?: string;
}

/** How to run the join benchmark alone. */
export interface JoinBenchOptions extends SyncBenchOptions {
  /** The circle joined: the one-year circle by default. */
  circle?: OneYearCircle;
  /** Names the circle in what is printed. */
  label?: string;
}

/** Runs the whole sync benchmark, prints its table and details, and returns the rows. */
export async function runSyncBench(options: SyncBenchOptions = {}): Promise<SyncBenchRow[]> {
  const rendererDir = options.rendererDir ?? resolve(REPO_ROOT, 'out/renderer');
  if (!existsSync(resolve(rendererDir, 'index.html'))) {
    throw new Error(`the sync bench needs the built renderer in ${rendererDir}`);
  }
  const place: RoomPlace = { root: RUN_ROOT, rendererDir };
  const started = performance.now();
  const loadAtStart = machineLoad();
  await rm(RUN_ROOT, { recursive: true, force: true });
  const circle = await oneYearCircle((line) => log(started, line.trim()));
  const bundles = await bundlePages();
  const server = await startFloorServer(bundles.floorPage);
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    log(started, 'floor: stock y-webrtc pages');
    const floor = await floorSide(browser, server, bundles, circle);
    log(started, 'Hearth: host processes and app pages');
    const hearth = await hearthSide(browser, bundles, circle, place, started);
    const rows = syncRows(hearth, floor);
    console.log(
      '\nSync benchmark (issue 3): Hearth beside stock y-webrtc, one Chromium, one context per peer\n',
    );
    printRows(rows);
    console.log('');
    printDetails(hearth, floor);
    // Latencies on a shared machine mean little when other work competes for the cores.
    console.log(`Machine load: ${loadAtStart} at the start, ${machineLoad()} at the end.`);
    log(started, 'sync bench done');
    return rows;
  } finally {
    await browser.close();
    await server.close();
  }
}

/**
 * Only Hearth's join of the one-year circle (`npm run bench -- --join`): the quick loop
 * while working on the join; prints the figures and the join's details.
 */
export async function runJoinBench(options: JoinBenchOptions = {}): Promise<JoinResult> {
  const rendererDir = options.rendererDir ?? resolve(REPO_ROOT, 'out/renderer');
  const place: RoomPlace = { root: RUN_ROOT, rendererDir };
  const started = performance.now();
  const loadAtStart = machineLoad();
  await rm(RUN_ROOT, { recursive: true, force: true });
  const circle = options.circle ?? (await oneYearCircle((line) => log(started, line.trim())));
  const label = options.label ?? 'one-year';
  const bundles = await bundlePages();
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const join = await hearthJoinOneYear(
      browser,
      { ...place, root: resolve(RUN_ROOT, label) },
      bundles.probe('hearth'),
      circle,
    );
    const whole =
      join.wholeNotebookMs === null ? 'never' : `${(join.wholeNotebookMs / 1000).toFixed(2)} s`;
    console.log(
      `join, ${label} circle: whole notebook ${whole}, stores ${join.verified === true ? 'equal' : 'DIFFER'}; ` +
        `largest message ${(join.largestMessage / 1024).toFixed(1)} KiB; busy ${join.busy.map((b) => b.toFixed(0)).join(' (holder), ')} ms (joiner); ` +
        `messages ${JSON.stringify(join.messages)}`,
    );
    if (join.holderHeap !== null) {
      const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
      console.log(
        `  holder's heap after a forced GC: ${mb(join.holderHeap[0])} before the join, ${mb(join.holderHeap[1])} after`,
      );
    }
    join.hottest.forEach((hottest, page) =>
      console.log(
        `  ${page === 0 ? 'holder' : 'joiner'}: ${hottest.map(([name, time]) => `${name} ${time.toFixed(1)} ms`).join(', ')}`,
      ),
    );
    console.log(`Machine load: ${loadAtStart} at the start, ${machineLoad()} at the end.`);
    return join;
  } finally {
    await browser.close();
  }
}

/**
 * Only Hearth's typing at 2, 4 and 8 peers (`npm run bench -- --typing`): the quick loop
 * while working on what a keystroke costs; prints paint p95 and the messages by kind.
 */
export async function runTypingBench(options: SyncBenchOptions = {}): Promise<void> {
  const rendererDir = options.rendererDir ?? resolve(REPO_ROOT, 'out/renderer');
  const place: RoomPlace = { root: RUN_ROOT, rendererDir };
  const started = performance.now();
  const loadAtStart = machineLoad();
  await rm(RUN_ROOT, { recursive: true, force: true });
  const bundles = await bundlePages();
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const { keystrokes } = await hearthTyping(browser, bundles, place, started);
    for (const [n, result] of keystrokes) {
      const painted = result.painted.toSorted((a, b) => a - b);
      const p95 = painted[Math.floor(0.95 * (painted.length - 1))] ?? NaN;
      const perKey = Object.entries(result.byKind)
        .map(([kind, count]) => `${kind} ${(count / result.keystrokes).toFixed(2)}`)
        .join(', ');
      console.log(
        `${n} peers: paint p95 ${p95.toFixed(1)} ms; messages per keystroke ` +
          `${result.messagesPerKeystroke.toFixed(2)} (${perKey})`,
      );
    }
    console.log(`Machine load: ${loadAtStart} at the start, ${machineLoad()} at the end.`);
  } finally {
    await browser.close();
  }
}

async function floorSide(
  browser: Browser,
  server: FloorServer,
  bundles: PageBundles,
  circle: OneYearCircle,
): Promise<SideResults> {
  const probe = bundles.probe('y-webrtc');
  const keystrokes = new Map<number, KeystrokeResult>();
  let keystrokeCost: KeystrokeCost | null = null;
  const room = floorRoom(browser, server, probe, `floor-typing-${Date.now()}`);
  try {
    for (const n of PEER_COUNTS) {
      await room.grow(n - room.peers.length);
      const [typist, ...receivers] = room.peers.map(({ page }) => page);
      const run: TypingRun = {
        typist: typist!,
        focusTypist: async () => {
          await typist!.focus('#input');
          await typist!.keyboard.press('Control+End');
        },
        receivers,
        textSelector: '#view',
        updateKind: 'sync-update',
      };
      keystrokes.set(n, await measureKeystrokes(run));
      if (n === 2) keystrokeCost = await measureKeystrokeCost(run);
    }
  } finally {
    await room.close();
  }
  const pair = floorRoom(browser, server, probe, `floor-apart-${Date.now()}`);
  let reconnect: ReconnectResult;
  try {
    await pair.grow(2);
    reconnect = await floorOfflineMeeting(pair.peers);
  } finally {
    await pair.close();
  }
  const join = await floorJoinOneYear(browser, server, probe, circle.textBytes);
  return { keystrokes, keystrokeCost: keystrokeCost!, reconnect, join };
}

async function hearthSide(
  browser: Browser,
  bundles: PageBundles,
  circle: OneYearCircle,
  place: RoomPlace,
  started: number,
): Promise<SideResults> {
  const { laptops, keystrokes, keystrokeCost } = await hearthTyping(
    browser,
    bundles,
    place,
    started,
    true,
  );
  const probe = bundles.probe('hearth');
  try {
    for (const laptop of laptops.splice(2)) await closeLaptop(laptop);
    log(started, 'Hearth: offline meeting');
    const reconnect = await hearthOfflineMeeting(laptops[0]!, laptops[1]!);
    for (const laptop of laptops.splice(0)) await closeLaptop(laptop);
    log(started, 'Hearth: joining the one-year circle');
    const join = await hearthJoinOneYear(
      browser,
      { ...place, root: resolve(RUN_ROOT, 'one-year') },
      probe,
      circle,
    );
    return { keystrokes, keystrokeCost: keystrokeCost!, reconnect, join };
  } finally {
    for (const laptop of laptops) await closeLaptop(laptop);
  }
}

/**
 * Eight laptops join one circle, two, four and eight at a time, and Ana types at each
 * count. Unless `keepOpen`, the laptops are closed at the end; else the caller closes them.
 */
async function hearthTyping(
  browser: Browser,
  bundles: PageBundles,
  place: RoomPlace,
  started: number,
  keepOpen = false,
): Promise<{
  laptops: Laptop[];
  keystrokes: Map<number, KeystrokeResult>;
  keystrokeCost: KeystrokeCost | null;
}> {
  const probe = bundles.probe('hearth');
  const laptops: Laptop[] = [];
  const keystrokes = new Map<number, KeystrokeResult>();
  let keystrokeCost: KeystrokeCost | null = null;
  let done = false;
  try {
    const hosts = await Promise.all(MEMBERS.map((name) => startHost(place, name.toLowerCase())));
    for (const host of hosts) laptops.push(await openLaptop(browser, host, probe));
    const ana = laptops[0]!;
    await createCircle(ana.page, { name: 'Bench circle', memberName: 'Ana' });
    const meetings = ana.page.getByRole('navigation', { name: 'Meetings' });
    await affirmingAgreementsUntilShown(ana.page, meetings);
    await addMeeting(ana.page, { title: 'Thursday' });
    await startEntry(ana.page);
    await ana.page.keyboard.type('Ana begins. ');
    const invite = await readInvite(ana.page);
    const editor = entryEditor('Ana');

    let joined = 1;
    for (const n of PEER_COUNTS) {
      await joinAll(laptops.slice(joined, n), invite.link, (laptop) => memberName(laptop), editor);
      joined = n;
      await waitForMesh(laptops.slice(0, n));
      const receivers = laptops.slice(1, n).map(({ page }) => page);
      log(started, `Hearth: ${n} laptops in step; typing`);
      const run: TypingRun = {
        typist: ana.page,
        focusTypist: async () => {
          await ana.page.locator(editor).click();
          await ana.page.keyboard.press('Control+End');
        },
        receivers,
        textSelector: editor,
        updateKind: 'UPDATE',
      };
      keystrokes.set(n, await measureKeystrokes(run));
      if (n === 2) keystrokeCost = await measureKeystrokeCost(run);
    }
    done = true;
    return { laptops, keystrokes, keystrokeCost };
  } finally {
    if (!keepOpen || !done) for (const laptop of laptops) await closeLaptop(laptop);
  }
}

function memberName(laptop: Laptop): string {
  return laptop.name.charAt(0).toUpperCase() + laptop.name.slice(1);
}

function machineLoad(): string {
  const [oneMinute] = loadavg();
  return `load average ${oneMinute!.toFixed(1)} on ${availableParallelism()} cores`;
}

function log(started: number, step: string): void {
  console.log(`[sync bench ${((performance.now() - started) / 1000).toFixed(0)} s] ${step}`);
}
