/**
 * Benchmark: what a year of writing costs on disk. The circle's folder is measured as
 * this Hearth's store writes it: a copy of the cached folder has every document
 * rewritten as one compacted snapshot in the current format (the cache may be from an
 * older one), against the plain text of every entry. For comparison it also reads every document back through
 * the store and reports the Yjs state's size, raw and deflated, since that is where
 * the bytes go (the encryption and framing add a fixed few dozen bytes per file).
 */
import { cp, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { openHearthServices } from '../../electron/main/services/hearthServices';
import { FileKeyVault } from '../../electron/main/services/keys/fileKeyVault';
import { Store } from '../../electron/main/services/store/store';
import type { CircleId } from '../../shared/notebook/ids';

/** Sizes of a circle on disk, in bytes. */
export interface DiskUse {
  /** Sum of the sizes of the files in the circle's folder. */
  folderBytes: number;
  /** Blocks the file system gave them (what `du` shows). */
  allocatedBytes: number;
  files: number;
  /** Every stored document's state as Yjs encodes it (merged, one update each). */
  yjsBytes: number;
  /** The same states, each deflated: what compressing snapshots would store. */
  deflatedBytes: number;
}

async function walk(dir: string): Promise<{ bytes: number; allocated: number; files: number }> {
  let bytes = 0;
  let allocated = 0;
  let files = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = await walk(path);
      bytes += inner.bytes;
      allocated += inner.allocated;
      files += inner.files;
    } else {
      const info = await stat(path);
      bytes += info.size;
      allocated += info.blocks * 512;
      files++;
    }
  }
  return { bytes, allocated, files };
}

/** Measures the circle `circleId` in the (closed) data folder `dataDir`. */
export async function measureDiskUse(dataDir: string, circleId: CircleId): Promise<DiskUse> {
  // Through a copy: rewriting changes the folder, and this one is the cache.
  const copy = await mkdtemp(join(tmpdir(), 'hearth-bench-disk-'));
  try {
    await cp(dataDir, copy, { recursive: true });
    const store = await Store.open({
      dataDir: copy,
      keyVault: FileKeyVault.inDataDir(copy),
      onNotice: () => undefined,
    });
    try {
      const circle = await store.circle(circleId);
      for (const docId of await circle.docIds()) await circle.compact(docId);
    } finally {
      await store.close();
    }
    const folder = await walk(join(copy, 'circles', circleId));
    const backend = await openHearthServices({
      dataDir: copy,
      keyVault: FileKeyVault.inDataDir(copy),
      appInfo: { mode: 'browser', version: 'bench' },
      emit: () => undefined,
    });
    let yjsBytes = 0;
    let deflatedBytes = 0;
    try {
      const { docIds } = await backend.handlers['hearth:circles:open'](circleId);
      for (const docId of docIds) {
        const state = await backend.handlers['hearth:docs:load'](circleId, docId);
        if (state === null) continue;
        yjsBytes += state.length;
        deflatedBytes += deflateRawSync(state).length;
      }
    } finally {
      await backend.close();
    }
    return {
      folderBytes: folder.bytes,
      allocatedBytes: folder.allocated,
      files: folder.files,
      yjsBytes,
      deflatedBytes,
    };
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}
