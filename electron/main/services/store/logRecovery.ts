/**
 * Reading a document log back, damaged or not. A file that cannot be read in full is
 * never overwritten as it is: an untouched copy is put beside it first, named
 * `<file>.damaged-<time>`, and the member is told. Then:
 * - some records read: the caller rewrites the file from them (repair by compaction);
 * - the header is unreadable, or no record opens (another key, or all damaged): the
 *   file itself is moved aside and the document starts empty.
 * A file from a newer Hearth is left alone and refused.
 */
import { basename, dirname, join } from 'node:path';
import * as Y from 'yjs';
import { HearthError } from '../../../../shared/ipc/errors';
import { isMissingFile, TEMPORARY_SUFFIX, type StoreFileSystem } from './fileSystem';
import type { DamageReport } from './notices';
import type { RecordCipher } from './recordCipher';
import { FILE_KIND, FORMAT_VERSION, RECORD_KIND, scanFile } from './recordFormat';

/** A document log as read from disk. */
export interface RecoveredLog {
  /** Every Yjs update (snapshot first) that could be read, in file order. */
  updates: Uint8Array[];
  /** Bytes of the file, or null when there is no file (a new or set-aside document). */
  fileBytes: number | null;
  /** Bytes of the last snapshot record and everything before it; the rest is the tail. */
  snapshotEnd: number;
  /** Update records after the last snapshot. */
  tailRecords: number;
  /** True when a compaction of this format wrote the file (a version 2 header). */
  currentSnapshot: boolean;
  /** Set when the file was damaged: it must be rewritten from `updates` (or was set aside). */
  damage: DamageReport | null;
}

/** Reads the log at `path`, setting damaged files aside as described above. */
export async function recoverDocLog(
  fs: StoreFileSystem,
  path: string,
  cipher: RecordCipher,
  now: number,
): Promise<RecoveredLog> {
  // A temporary file is a compaction or creation that never reached its rename.
  await fs.unlink(`${path}${TEMPORARY_SUFFIX}`).catch(() => undefined);
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (error) {
    if (isMissingFile(error)) return noFile(null);
    throw error;
  }
  const scanned = scanFile(bytes, FILE_KIND.docLog);
  if (scanned.header.state === 'newer') {
    throw new HearthError(
      'storage-failed',
      `A document was saved by a newer version of Hearth (format ${scanned.header.version}); update Hearth to open it.`,
    );
  }
  const updates: Uint8Array[] = [];
  let bytesLost = scanned.damaged.reduce((sum, range) => sum + range.end - range.start, 0);
  let unopened = 0;
  let snapshotEnd = 0;
  let tailRecords = 0;
  const currentSnapshot =
    scanned.header.state === 'ok' &&
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readUInt16BE(8) >=
      FORMAT_VERSION.snapshotV2;
  for (const record of scanned.records) {
    const payload = STORED_KINDS.has(record.kind)
      ? storedUpdate(record.kind, cipher.open(record.kind, record.flags, record.body))
      : null;
    if (payload === null) {
      unopened++;
      bytesLost += record.end - record.offset;
      continue;
    }
    updates.push(payload);
    if (record.kind === RECORD_KIND.update) {
      tailRecords++;
    } else {
      snapshotEnd = record.end;
      tailRecords = 0;
    }
  }
  const fileBytes = bytes.length;
  if (bytesLost === 0 && scanned.header.state === 'ok') {
    return { updates, fileBytes, snapshotEnd, tailRecords, currentSnapshot, damage: null };
  }
  const unreadable =
    scanned.header.state !== 'ok' || (updates.length === 0 && scanned.records.length > 0);
  if (unreadable) {
    const savedCopyPath = await moveAside(fs, path, now);
    return noFile({ kind: 'unreadable-file-set-aside', savedCopyPath, bytesLost: fileBytes });
  }
  const savedCopyPath = await copyAside(fs, path, now);
  const onlyTail = unopened === 0 && scanned.damaged.every((range) => range.atEnd);
  return {
    updates,
    fileBytes,
    snapshotEnd,
    tailRecords,
    currentSnapshot,
    damage: {
      kind: onlyTail ? 'damaged-tail-dropped' : 'damaged-records-skipped',
      savedCopyPath,
      bytesLost,
    },
  };
}

/** A document with no file (new, or its file set aside): it starts empty. */
function noFile(damage: DamageReport | null): RecoveredLog {
  return {
    updates: [],
    fileBytes: null,
    snapshotEnd: 0,
    tailRecords: 0,
    currentSnapshot: false,
    damage,
  };
}

const STORED_KINDS: ReadonlySet<number> = new Set([
  RECORD_KIND.update,
  RECORD_KIND.snapshot,
  RECORD_KIND.snapshotV2,
]);

/**
 * A record's Yjs update in the v1 format the rest of Hearth reads, or null when it could
 * not be opened or (a v2 snapshot) converted: then it counts as damaged like any other.
 * Tools that read a store's files themselves (the tests' disk readers) use it too.
 */
export function storedUpdate(kind: number, opened: Uint8Array | null): Uint8Array | null {
  if (opened === null || kind !== RECORD_KIND.snapshotV2) return opened;
  try {
    return Y.convertUpdateFormatV2ToV1(opened);
  } catch {
    return null;
  }
}

async function copyAside(fs: StoreFileSystem, path: string, now: number): Promise<string> {
  const aside = await freeAsideName(fs, path, now);
  await fs.copyNew(path, aside);
  const copy = await fs.openExisting(aside);
  try {
    await copy.sync();
  } finally {
    await copy.close();
  }
  await fs.syncDir(dirname(path));
  return aside;
}

async function moveAside(fs: StoreFileSystem, path: string, now: number): Promise<string> {
  const aside = await freeAsideName(fs, path, now);
  await fs.rename(path, aside);
  await fs.syncDir(dirname(path));
  return aside;
}

// Names sort by time, and a second damage in the same millisecond gets its own name.
async function freeAsideName(fs: StoreFileSystem, path: string, now: number): Promise<string> {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const taken = new Set(await fs.readdir(dirname(path)));
  const base = `${basename(path)}.damaged-${stamp}`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  return join(dirname(path), name);
}
