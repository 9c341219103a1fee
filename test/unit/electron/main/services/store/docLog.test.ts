import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  DocLog,
  DEFAULT_DOC_LOG_TUNING,
} from '../../../../../../electron/main/services/store/docLog';
import {
  nodeFileSystem,
  type StoreFileSystem,
} from '../../../../../../electron/main/services/store/fileSystem';
import { recordCipher } from '../../../../../../electron/main/services/store/recordCipher';
import { removeDataDirs, tempDataDir, unsyncedFileSystem } from './storeFixture';

const KEY = new Uint8Array(32).fill(7);

/** A file system that counts fsyncs and can hold them until released. */
function countingFileSystem() {
  let syncs = 0;
  let gate: Promise<void> | null = null;
  const fs: StoreFileSystem = {
    ...nodeFileSystem,
    openExisting: async (path) => {
      const handle = await nodeFileSystem.openExisting(path);
      return {
        ...handle,
        sync: async () => {
          if (gate !== null) await gate;
          syncs++;
          await handle.sync();
        },
      };
    },
  };
  return {
    fs,
    syncs: () => syncs,
    holdSyncs: () => {
      let release = (): void => undefined;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = null;
        release();
      };
    },
  };
}

async function openLog(path: string, fs: StoreFileSystem = nodeFileSystem, tuning = {}) {
  const { log } = await DocLog.open({
    fs,
    path,
    cipher: recordCipher(KEY, 'doc/test/test'),
    tuning: { ...DEFAULT_DOC_LOG_TUNING, ...tuning },
    now: Date.now,
  });
  return log;
}

/** Types `text` one character per update, like a member at the keyboard. */
function typeInto(ydoc: Y.Doc, text: string, onUpdate: (update: Uint8Array) => void): void {
  const yText = ydoc.getText('body');
  ydoc.on('update', onUpdate);
  for (const char of text) yText.insert(yText.length, char);
  ydoc.off('update', onUpdate);
}

const PROSE =
  'We talked about how hard the winter has been, and about small things that help: a walk, a call, a cup of tea with someone who listens. ';

describe('a document log', () => {
  afterEach(removeDataDirs);

  it('gives identical Yjs state after a clean close and reopen', async () => {
    const path = join(await tempDataDir(), 'doc.hlog');
    const log = await openLog(path);
    const ydoc = new Y.Doc();
    const appends: Promise<void>[] = [];
    typeInto(ydoc, PROSE.repeat(3), (update) => appends.push(log.append(update)));
    ydoc.getMap('meta').set('title', 'Winter');
    appends.push(log.append(Y.encodeStateAsUpdate(ydoc)));
    await Promise.all(appends);
    await log.close();

    const reopened = await openLog(path);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, reopened.load()!);
    expect(copy.getText('body').toJSON()).toBe(PROSE.repeat(3));
    expect(copy.getMap('meta').toJSON()).toEqual({ title: 'Winter' });
    expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(ydoc));
    await reopened.close();
  });

  it('keeps the state identical through compaction and shrinks the file', async () => {
    const path = join(await tempDataDir(), 'doc.hlog');
    const log = await openLog(path, nodeFileSystem, {
      commitWindowMs: 0,
      compactTailBytes: Number.POSITIVE_INFINITY,
    });
    const ydoc = new Y.Doc();
    const updates: Uint8Array[] = [];
    typeInto(ydoc, PROSE.repeat(2), (update) => updates.push(update));
    for (const update of updates) await log.append(update);
    const before = (await stat(path)).size;
    const stateBefore = log.load()!;

    await log.compact();
    const after = (await stat(path)).size;
    expect(after).toBeLessThan(before / 10);
    const compacted = new Y.Doc();
    Y.applyUpdate(compacted, log.load()!);
    expect(compacted.getText('body').toJSON()).toBe(PROSE.repeat(2));
    expect(Y.encodeStateAsUpdate(compacted)).toEqual(
      Y.encodeStateAsUpdate(
        (() => {
          const d = new Y.Doc();
          Y.applyUpdate(d, stateBefore);
          return d;
        })(),
      ),
    );
    await log.close();
  });

  it('writes updates handed over together as one record with one fsync', async () => {
    const path = join(await tempDataDir(), 'doc.hlog');
    const counting = countingFileSystem();
    const log = await openLog(path, counting.fs);
    const ydoc = new Y.Doc();
    const appends: Promise<void>[] = [];
    typeInto(ydoc, 'hello there', (update) => appends.push(log.append(update)));
    await Promise.all(appends);
    expect(counting.syncs()).toBe(1);
    await log.close();
  });

  it('resolves an append only once its record is fsynced', async () => {
    const path = join(await tempDataDir(), 'doc.hlog');
    const counting = countingFileSystem();
    const log = await openLog(path, counting.fs, { commitWindowMs: 5 });
    await log.append(Y.encodeStateAsUpdate(new Y.Doc())); // the file exists from here
    const release = counting.holdSyncs();
    let saved = false;
    const ydoc = new Y.Doc();
    ydoc.getText('body').insert(0, 'x');
    const appending = log.append(Y.encodeStateAsUpdate(ydoc)).then(() => (saved = true));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(saved).toBe(false);
    release();
    await appending;
    expect(saved).toBe(true);
    await log.close();
  });

  it('compacts itself while typing so the file stays near the size of its text', async () => {
    const path = join(await tempDataDir(), 'doc.hlog');
    const log = await openLog(path, unsyncedFileSystem, { commitWindowMs: 0 });
    const ydoc = new Y.Doc();
    const updates: Uint8Array[] = [];
    const text = PROSE.repeat(12);
    typeInto(ydoc, text, (update) => updates.push(update));
    let largest = 0;
    for (const [typed, update] of updates.entries()) {
      await log.append(update);
      if (typed % 50 === 0) {
        const size = (await stat(path)).size;
        largest = Math.max(largest, size - typed);
      }
    }
    // The tail never grows far past its 1 KiB floor before it is compacted away.
    expect(largest).toBeLessThan(1500);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, log.load()!);
    expect(copy.getText('body').toJSON()).toBe(text);
    await log.close();
  });
});
