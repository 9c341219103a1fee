import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocId } from '../../../../../../shared/notebook/ids';
import {
  nodeFileSystem,
  type StoreFileSystem,
} from '../../../../../../electron/main/services/store/fileSystem';
import {
  crashCopy,
  emptyState,
  noteKeys,
  noteUpdate,
  openStore,
  removeDataDirs,
  tempDataDir,
  testCircle,
} from './storeFixture';
import { capturedLogs } from '../../../../../helpers/capturedLogs';

const ENTRY = 'entryAAAAAAAAAAAAAAAAA' as DocId;

function noSpace(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
}

/** A file system whose disk can fill up: a write then stores half its bytes and fails. */
function fillableFileSystem() {
  const state = { full: false };
  const fs: StoreFileSystem = {
    ...nodeFileSystem,
    openExisting: async (path) => {
      const handle = await nodeFileSystem.openExisting(path);
      return {
        ...handle,
        write: async (bytes, position) => {
          if (!state.full) return handle.write(bytes, position);
          await handle.write(bytes.subarray(0, Math.floor(bytes.length / 2)), position);
          throw noSpace();
        },
      };
    },
    create: async (path, mode) => {
      if (state.full) throw noSpace();
      return nodeFileSystem.create(path, mode);
    },
  };
  return { fs, state };
}

describe('a full disk', () => {
  capturedLogs();
  afterEach(async () => {
    await removeDataDirs();
  });

  it('rejects the append with disk-full, loses nothing stored, and saves again once there is room', async () => {
    const dataDir = await tempDataDir();
    const { fs, state } = fillableFileSystem();
    const { store } = await openStore(dataDir, {
      fs,
      tuning: { commitWindowMs: 5, retryMs: 60_000 },
    });
    const circle = testCircle();
    const folder = await store.createCircle(circle, emptyState());
    await folder.append(ENTRY, noteUpdate('before', 'saved'));
    const path = join(dataDir, 'circles', circle.profile.circleId, 'docs', `${ENTRY}.hlog`);
    const sizeBefore = (await stat(path)).size;

    state.full = true;
    await expect(
      folder.append(ENTRY, noteUpdate('during', 'kept in memory')),
    ).rejects.toMatchObject({
      name: 'HearthError',
      kind: 'disk-full',
      message: expect.stringMatching(/disk is full/) as unknown,
    });
    expect((await stat(path)).size).toBe(sizeBefore);
    await expect(store.flush()).rejects.toMatchObject({ kind: 'disk-full' });

    // What is on disk now opens whole, with nothing to repair.
    const meanwhile = await openStore(await crashCopy(dataDir));
    const copy = await meanwhile.store.circle(circle.profile.circleId);
    expect(noteKeys(await copy.load(ENTRY))).toEqual(['before']);
    expect(meanwhile.notices).toEqual([]);
    await meanwhile.store.close();

    state.full = false;
    await folder.append(ENTRY, noteUpdate('after', 'saved'));
    await store.close();

    const reopened = await openStore(dataDir);
    const stored = await reopened.store.circle(circle.profile.circleId);
    expect(noteKeys(await stored.load(ENTRY))).toEqual(['after', 'before', 'during']);
    expect(reopened.notices).toEqual([]);
    await reopened.store.close();
  });

  it('writes the kept updates by itself once the disk has room again', async () => {
    const dataDir = await tempDataDir();
    const { fs, state } = fillableFileSystem();
    const { store } = await openStore(dataDir, { fs, tuning: { commitWindowMs: 5, retryMs: 50 } });
    const circle = testCircle();
    const folder = await store.createCircle(circle, emptyState());
    await folder.append(ENTRY, noteUpdate('before', 'saved'));
    state.full = true;
    await expect(folder.append(ENTRY, noteUpdate('during', 'kept'))).rejects.toMatchObject({
      kind: 'disk-full',
    });
    state.full = false;
    await new Promise((resolve) => setTimeout(resolve, 200));

    const copy = await openStore(await crashCopy(dataDir));
    const stored = await copy.store.circle(circle.profile.circleId);
    expect(noteKeys(await stored.load(ENTRY))).toEqual(['before', 'during']);
    await copy.store.close();
    await store.close();
  });

  it('leaves the log as it was when a compaction meets a full disk', async () => {
    const dataDir = await tempDataDir();
    const { fs, state } = fillableFileSystem();
    const { store } = await openStore(dataDir, { fs, tuning: { commitWindowMs: 5 } });
    const circle = testCircle();
    const folder = await store.createCircle(circle, emptyState());
    await folder.append(ENTRY, noteUpdate('one', 'saved'));
    await folder.append(ENTRY, noteUpdate('two', 'saved'));
    const path = join(dataDir, 'circles', circle.profile.circleId, 'docs', `${ENTRY}.hlog`);
    const before = await readFile(path);

    state.full = true;
    await folder.flush(); // nothing to write; its compaction fails quietly
    expect(await readFile(path)).toEqual(before);
    state.full = false;
    await folder.append(ENTRY, noteUpdate('three', 'saved'));
    await store.close();

    const reopened = await openStore(dataDir);
    const stored = await reopened.store.circle(circle.profile.circleId);
    expect(noteKeys(await stored.load(ENTRY))).toEqual(['one', 'three', 'two']);
    expect(reopened.notices).toEqual([]);
    await reopened.store.close();
  });

  it('refuses a new circle with disk-full and leaves no half-made circle behind', async () => {
    const dataDir = await tempDataDir();
    const { fs, state } = fillableFileSystem();
    const { store } = await openStore(dataDir, { fs });
    state.full = true;
    await expect(store.createCircle(testCircle(), emptyState())).rejects.toMatchObject({
      kind: 'disk-full',
    });
    state.full = false;
    expect(await store.circles()).toEqual([]);
    expect(await nodeFileSystem.readdir(join(dataDir, 'circles'))).toEqual([]);
    await store.close();
  });
});
