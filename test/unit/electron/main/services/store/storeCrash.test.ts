import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FileKeyVault } from '../../../../../../electron/main/services/keys/fileKeyVault';
import { Store } from '../../../../../../electron/main/services/store/store';
import type { StoredCircle } from '../../../../../../electron/main/services/store/circleProfile';
import {
  newId,
  type CircleId,
  type DocId,
  type MemberId,
} from '../../../../../../shared/notebook/ids';

const KILLS = 50;
const LOSS_WINDOW_MS = 500;
const DOC_ID = 'crashTestEntryAAAAAAAA' as DocId;
const WRITER = join(import.meta.dirname, '../../../../../helpers/storeWriter.ts');

// mulberry32: a small seeded generator, so a failing run can be repeated.
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface WriterRun {
  loaded: string | null;
  handedAt: Map<number, number>;
  killedAt: number;
  stderr: string;
}

/** Starts the writer and kills it `delay` ms after it is ready (or `early` ms after spawn). */
function runWriter(
  dataDir: string,
  circleId: CircleId,
  kill: { afterReadyMs: number } | { afterSpawnMs: number },
): Promise<WriterRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir, circleId], {
      cwd: join(import.meta.dirname, '../../../../../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: WriterRun = { loaded: null, handedAt: new Map(), killedAt: 0, stderr: '' };
    let buffered = '';
    const killNow = (): void => {
      run.killedAt = Date.now();
      child.kill('SIGKILL');
    };
    if ('afterSpawnMs' in kill) setTimeout(killNow, kill.afterSpawnMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let newline = buffered.indexOf('\n');
      while (newline !== -1) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf('\n');
        if (line.startsWith('loaded ')) run.loaded = line.slice('loaded '.length);
        else if (line === 'ready' && 'afterReadyMs' in kill) setTimeout(killNow, kill.afterReadyMs);
        else if (line.startsWith('seq ')) {
          const [, seq, at] = line.split(' ');
          run.handedAt.set(Number(seq), Number(at));
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (run.stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited by itself: ${run.stderr}`));
      else resolve(run);
    });
  });
}

/** The numbers in the typed text, checked to be 0, 1, 2, … with no gap. */
function prefixLength(text: string): number {
  const words = text === '' ? [] : text.trim().split(' ').map(Number);
  words.forEach((word, index) => expect(word, `word ${index} of the stored text`).toBe(index));
  return words.length;
}

describe('the store under sudden kills', () => {
  const folders: string[] = [];
  afterAll(async () => {
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });

  it(`keeps a gap-free prefix holding everything handed to append ${LOSS_WINDOW_MS} ms before each of ${KILLS} kills`, async () => {
    const started = Date.now();
    const random = seeded(0x4ea27);
    const dataDir = await mkdtemp(join(tmpdir(), 'hearth-crash-'));
    folders.push(dataDir);
    const setup = await Store.open({
      dataDir,
      keyVault: FileKeyVault.inDataDir(dataDir),
      onNotice: () => undefined,
    });
    const circleId = newId<CircleId>();
    const circle: StoredCircle = {
      profile: {
        circleId,
        memberId: newId<MemberId>(),
        memberName: 'Writer',
        colour: 'sage',
        circleKey: 'k'.repeat(43),
        createdAt: 1,
        inviteEndpoints: [],
      },
      name: 'Crash circle',
      lastOpenedAt: 1,
    };
    await setup.createCircle(circle, Y.encodeStateAsUpdate(new Y.Doc()));
    await setup.close();

    let mustHave = -1; // highest word that must survive every kill so far
    let handedMax = -1; // highest word ever handed to append
    let kills = 0;
    let verified = 0;
    let unverified: WriterRun[] = []; // runs killed since the store was last seen opened
    let oldestLostMs = 0; // how long before its kill the oldest lost word was handed over
    const measureLoss = (held: number): void => {
      for (const earlier of unverified) {
        for (const [seq, at] of earlier.handedAt) {
          if (seq >= held) oldestLostMs = Math.max(oldestLostMs, earlier.killedAt - at);
        }
      }
      unverified = [];
    };
    while (kills < KILLS) {
      // One kill in five lands while the writer is still opening (and perhaps repairing).
      const kill =
        random() < 0.2
          ? { afterSpawnMs: Math.floor(random() * 300) }
          : { afterReadyMs: 20 + Math.floor(random() * 700) };
      const run = await runWriter(dataDir, circleId, kill);
      kills++;
      if (run.loaded !== null) {
        const held = prefixLength(run.loaded);
        expect(
          held - 1,
          `kill ${kills}: lost writing older than ${LOSS_WINDOW_MS} ms`,
        ).toBeGreaterThanOrEqual(mustHave);
        expect(held - 1).toBeLessThanOrEqual(handedMax);
        verified++;
        measureLoss(held);
      }
      unverified.push(run);
      for (const [seq, at] of run.handedAt) {
        handedMax = Math.max(handedMax, seq);
        if (at < run.killedAt - LOSS_WINDOW_MS) mustHave = Math.max(mustHave, seq);
      }
    }

    const check = await Store.open({
      dataDir,
      keyVault: FileKeyVault.inDataDir(dataDir),
      onNotice: () => undefined,
    });
    const ydoc = new Y.Doc();
    const stored = await (await check.circle(circleId)).load(DOC_ID);
    if (stored !== null) Y.applyUpdate(ydoc, stored);
    const held = prefixLength(ydoc.getText('typed').toJSON());
    await check.close();
    measureLoss(held);
    expect(held - 1).toBeGreaterThanOrEqual(mustHave);
    expect(held - 1).toBeLessThanOrEqual(handedMax);
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    expect(verified).toBeGreaterThan(KILLS / 2);
    expect(mustHave).toBeGreaterThan(KILLS);
    console.info(
      `crash test: ${kills} kills, ${held} words kept, ${mustHave + 1} required, ${handedMax + 1} handed to append, oldest lost word handed ${oldestLostMs} ms before its kill, ${Date.now() - started} ms`,
    );
  }, 300_000); // 50 child processes: slow when the machine is shared, and no measure of speed
});
