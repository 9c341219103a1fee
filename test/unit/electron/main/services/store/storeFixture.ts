/**
 * Shared set-up for the store's tests: throw-away data folders, a circle to store, and
 * updates that do not depend on each other (so losing one loses nothing else).
 */
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { StoreNotice } from '../../../../../../shared/ipc/contract';
import { newId, type CircleId, type MemberId } from '../../../../../../shared/notebook/ids';
import { FileKeyVault } from '../../../../../../electron/main/services/keys/fileKeyVault';
import type { StoredCircle } from '../../../../../../electron/main/services/store/circleProfile';
import {
  nodeFileSystem,
  type StoreFileSystem,
} from '../../../../../../electron/main/services/store/fileSystem';
import { Store, type StoreOptions } from '../../../../../../electron/main/services/store/store';

const folders: string[] = [];

/** A new empty data folder, removed by {@link removeDataDirs}. */
export async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-store-'));
  folders.push(dir);
  return dir;
}

/** Removes every folder made by {@link tempDataDir} or {@link crashCopy}. */
export async function removeDataDirs(): Promise<void> {
  for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
}

/** A copy of a data folder as it is this moment, as if the laptop lost power now. */
export async function crashCopy(dataDir: string): Promise<string> {
  const copy = await tempDataDir();
  await cp(dataDir, copy, { recursive: true });
  return copy;
}

/** A store on `dataDir` with the folder's own key-file vault, collecting its notices. */
export async function openStore(
  dataDir: string,
  options: Partial<StoreOptions> = {},
): Promise<{ store: Store; notices: StoreNotice[] }> {
  const notices: StoreNotice[] = [];
  const store = await Store.open({
    dataDir,
    keyVault: FileKeyVault.inDataDir(dataDir),
    onNotice: (notice) => notices.push(notice),
    ...options,
  });
  return { store, notices };
}

/** A circle ready to be stored. */
export function testCircle(name = 'Thursday Circle'): StoredCircle {
  return {
    profile: {
      circleId: newId<CircleId>(),
      memberId: newId<MemberId>(),
      memberName: 'Robin',
      colour: 'lake',
      circleKey: 'A'.repeat(43),
      createdAt: 1_700_000_000_000,
      inviteEndpoints: [],
    },
    name,
    lastOpenedAt: 1_700_000_000_000,
  };
}

/** The state of an empty document. */
export function emptyState(): Uint8Array {
  return Y.encodeStateAsUpdate(new Y.Doc());
}

/** An update from a client of its own that sets `key` in the map `notes`. */
export function noteUpdate(key: string, value: string): Uint8Array {
  const ydoc = new Y.Doc();
  ydoc.getMap<string>('notes').set(key, value);
  return Y.encodeStateAsUpdate(ydoc);
}

/** The keys of the map `notes` in a stored state. */
export function noteKeys(state: Uint8Array | null): string[] {
  const ydoc = new Y.Doc();
  if (state !== null) Y.applyUpdate(ydoc, state);
  return [...ydoc.getMap('notes').keys()].sort();
}

/** Every file under `dir`, by path relative to it, with its bytes. */
export async function filesUnder(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    try {
      files.set(path.slice(dir.length + 1), await readFile(path));
    } catch (error) {
      // A temporary file renamed away between listing and reading (a compaction).
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return files;
}

/** The real file system without fsync: for tests of sizes, not of durability, that write a lot. */
export const unsyncedFileSystem: StoreFileSystem = {
  ...nodeFileSystem,
  syncDir: () => Promise.resolve(),
  openExisting: async (path) => ({
    ...(await nodeFileSystem.openExisting(path)),
    sync: () => Promise.resolve(),
  }),
};
