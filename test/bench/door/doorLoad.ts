/**
 * The door under load from a second process: a facilitator's page with the door open
 * types into an entry while ./knockFlood.ts knocks 200 times a second from 50 loopback
 * addresses. Input latency — keydown to the next frame after the page handled it — is
 * measured in the page, idle and then under the flood; the flood says what the door did
 * with its knocks. A benchmark, not a test: it prints figures and asserts nothing about time.
 */
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { DoorState } from '../../../shared/ipc/contract';
import { decodeFrame } from '../../../shared/ipc/wire';
import { HearthHost } from '../../helpers/hearthHost';
import { REPO_ROOT } from '../../helpers/repoRoot';
import { addMeeting, createCircle, startEntry } from '../../helpers/member';

/** What the load run measured. */
export interface DoorLoadResult {
  idle: number[];
  loaded: number[];
  flood: { sent: number; sentPerSecond: number; outcomes: Record<string, number> };
  /** Door events the facilitator's page received during the flood, and the most knocks one showed. */
  doorEvents: number;
  mostWaiting: number;
}

const KEYSTROKES = 150;
const FLOOD_SECONDS = 12;

// Keydown to the frame after it, per key (rAF runs before the paint, the task after it
// after). A string: the bench runs under tsx, whose helpers do not exist in the page.
async function installProbe(page: Page): Promise<void> {
  await page.evaluate(`
    window.inputLatency = [];
    document.addEventListener('keydown', (event) => {
      const t0 = event.timeStamp;
      requestAnimationFrame(() => setTimeout(() => window.inputLatency.push(performance.now() - t0), 0));
    }, true);
  `);
}

async function typeAndMeasure(page: Page): Promise<number[]> {
  await page.evaluate(() => {
    (window as unknown as { inputLatency: number[] }).inputLatency = [];
  });
  await page.keyboard.type('a quiet evening of writing together '.repeat(5).slice(0, KEYSTROKES), {
    delay: 40,
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  return page.evaluate(() => [...(window as unknown as { inputLatency: number[] }).inputLatency]);
}

/** Runs the load benchmark in `browser`, with a host under `root`. */
export async function measureDoorLoad(
  browser: Browser,
  root: string,
  rendererDir: string,
): Promise<DoorLoadResult> {
  const dataDir = join(root, 'facilitator');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const host = new HearthHost({ name: 'facilitator', dataDir, rendererDir, discovery: true });
  await host.start();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const door = { events: 0, mostWaiting: 0, counting: false };
    // What the page hears from its host over the bridge: every door event, decoded.
    page.on('websocket', (socket) => {
      socket.on('framereceived', ({ payload }) => {
        if (typeof payload === 'string' || !door.counting) return;
        const decoded = decodeFrame(
          new Uint8Array(payload.buffer, payload.byteOffset, payload.length),
        );
        if (!decoded.ok || decoded.value.kind !== 'event') return;
        if (decoded.value.channel !== 'hearth:door:state') return;
        door.events++;
        const state = decoded.value.payload as DoorState | null;
        door.mostWaiting = Math.max(door.mostWaiting, state?.knocks.length ?? 0);
      });
    });
    await page.goto(host.url);
    await createCircle(page, { name: 'Busy doorway circle', memberName: 'Sam' });
    await addMeeting(page, { title: 'Under load' });
    await page.getByRole('button', { name: 'Let people in' }).click();
    const dialog = page.getByRole('dialog', { name: /^Let people in/ });
    await dialog.getByRole('button', { name: 'Open the door' }).click();
    const nickname = (await dialog.getByTestId('door-nickname').textContent()) ?? '';
    await dialog.getByRole('button', { name: 'Done' }).click();
    await startEntry(page);
    await installProbe(page);

    const idle = await typeAndMeasure(page);
    door.counting = true;
    const flood = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'test/bench/door/knockFlood.ts',
        '--nickname',
        nickname,
        '--rate',
        '200',
        '--seconds',
        String(FLOOD_SECONDS),
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    flood.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const floodDone = new Promise<number | null>((resolve) => flood.on('exit', resolve));
    // Let the flood find the door and reach its pace before measuring.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const loaded = await typeAndMeasure(page);
    const code = await floodDone;
    if (code !== 0) throw new Error(`the flood failed (${String(code)}): ${output}`);
    door.counting = false;
    const last = output.trim().split('\n').pop() ?? '{}';
    return {
      idle,
      loaded,
      flood: JSON.parse(last) as DoorLoadResult['flood'],
      doorEvents: door.events,
      mostWaiting: door.mostWaiting,
    };
  } finally {
    await context.close();
    await host.stop();
  }
}
