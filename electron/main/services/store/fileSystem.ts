/**
 * The few file operations the store uses, behind an interface so a test can make the
 * disk fail (full disk, failing fsync) without touching the real one. The default
 * implementation is node:fs.
 */
import { constants } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { dirname } from 'node:path';

/** An open file the store writes at explicit positions. */
export interface StoreFileHandle {
  /** Writes every byte of `bytes` at `position` (looping over short writes). */
  write(bytes: Uint8Array, position: number): Promise<void>;
  /** Forces what was written to the disk (fsync). */
  sync(): Promise<void>;
  /** Cuts the file to `length` bytes. */
  truncate(length: number): Promise<void>;
  /** Closes the file. */
  close(): Promise<void>;
}

/** File-system operations of the store. */
export interface StoreFileSystem {
  /** Reads a whole file; rejects with ENOENT when it does not exist. */
  readFile(path: string): Promise<Uint8Array>;
  /** Opens an existing file for reading and writing. */
  openExisting(path: string): Promise<StoreFileHandle>;
  /** Creates (or empties) a file for writing, with the given permission bits. */
  create(path: string, mode: number): Promise<StoreFileHandle>;
  /** Renames a file or folder, replacing a file at `to` in one step. */
  rename(from: string, to: string): Promise<void>;
  /** Copies a file; refuses to replace an existing target. */
  copyNew(from: string, to: string): Promise<void>;
  /** Removes a file. */
  unlink(path: string): Promise<void>;
  /** Creates a folder and its parents (mode 0700: the folder holds private writing). */
  mkdir(path: string): Promise<void>;
  /** Names in a folder; an empty list when the folder does not exist. */
  readdir(path: string): Promise<string[]>;
  /** Removes a folder and everything in it. */
  removeTree(path: string): Promise<void>;
  /** Makes a folder's entries (created, renamed files) durable. */
  syncDir(path: string): Promise<void>;
}

function wrapHandle(handle: fsp.FileHandle): StoreFileHandle {
  return {
    async write(bytes, position) {
      let done = 0;
      while (done < bytes.length) {
        const { bytesWritten } = await handle.write(
          bytes,
          done,
          bytes.length - done,
          position + done,
        );
        done += bytesWritten;
      }
    },
    sync: () => handle.sync(),
    truncate: (length) => handle.truncate(length),
    close: () => handle.close(),
  };
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** The real file system. */
export const nodeFileSystem: StoreFileSystem = {
  readFile: async (path) => new Uint8Array(await fsp.readFile(path)),
  openExisting: async (path) => wrapHandle(await fsp.open(path, 'r+')),
  create: async (path, mode) => wrapHandle(await fsp.open(path, 'w', mode)),
  rename: (from, to) => fsp.rename(from, to),
  copyNew: (from, to) => fsp.copyFile(from, to, constants.COPYFILE_EXCL),
  unlink: (path) => fsp.unlink(path),
  mkdir: async (path) => {
    await fsp.mkdir(path, { recursive: true, mode: 0o700 });
  },
  readdir: async (path) => {
    try {
      return await fsp.readdir(path);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  },
  removeTree: (path) => fsp.rm(path, { recursive: true, force: true }),
  syncDir: async (path) => {
    // Windows cannot open a folder for fsync; its renames are durable without it.
    if (process.platform === 'win32') return;
    const dir = await fsp.open(path, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  },
};

/** True when `error` says a file or folder does not exist. */
export function isMissingFile(error: unknown): boolean {
  return isMissing(error);
}

/** Ends the name of a file being written; one left behind by a crash is never the only copy. */
export const TEMPORARY_SUFFIX = '.tmp';

/**
 * Replaces `path` with `bytes` so that a crash leaves either the old file or the new
 * one, never a mix: write a temporary file beside it, fsync, rename over, fsync the
 * folder.
 */
export async function writeFileAtomically(
  fs: StoreFileSystem,
  path: string,
  bytes: Uint8Array,
  mode = 0o600,
): Promise<void> {
  const temporary = `${path}${TEMPORARY_SUFFIX}`;
  try {
    const handle = await fs.create(temporary, mode);
    try {
      await handle.write(bytes, 0);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, path);
  } catch (error) {
    // The old file is untouched; only the half-written copy goes.
    await fs.unlink(temporary).catch(() => undefined);
    throw error;
  }
  await fs.syncDir(dirname(path));
}
