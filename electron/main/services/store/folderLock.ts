/**
 * One writer per data folder. The desktop app, browser mode and the export command all
 * open the same kind of store; two of them writing one folder at once could interleave
 * log records and compactions. Whoever opens a folder first takes `hearth.lock` in it
 * (created exclusively, holding who took it: which program, its process id, the host
 * and when), and removes it on close. A second one is refused with a sentence saying
 * which program has the folder.
 *
 * A lock left behind by a program that crashed is taken over: its process is gone (on
 * this host; a lock written on another host — a folder on a network drive — is
 * respected until it is removed by hand).
 */
import { open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { HearthError } from '../../../../shared/ipc/errors';
import { logger } from '../../../../shared/log';

const log = logger('store');

/** The lock file's name, in the data folder. */
export const LOCK_FILE_NAME = 'hearth.lock';

/** Which program holds a folder, in words for the member. */
export type LockHolder = 'the Hearth app' | 'Hearth in browser mode' | 'the export command';

interface LockRecord {
  holder: LockHolder;
  pid: number;
  host: string;
  since: number;
}

/** A held lock. */
export interface FolderLock {
  readonly path: string;
  /** Removes the lock file (once; later calls do nothing). */
  release(): Promise<void>;
}

/** The data folder is in use by another program. */
export class FolderLockedError extends HearthError {
  constructor(
    message: string,
    readonly holder: LockHolder | null,
  ) {
    super('storage-failed', message);
    this.name = 'FolderLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readLock(path: string): Promise<LockRecord | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockRecord>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return null;
    return parsed as LockRecord;
  } catch {
    return null;
  }
}

/**
 * Takes the lock of `dataDir` (which must exist) for `holder`, or throws
 * {@link FolderLockedError} when another live program holds it.
 */
export async function lockDataFolder(dataDir: string, holder: LockHolder): Promise<FolderLock> {
  const path = join(dataDir, LOCK_FILE_NAME);
  const record: LockRecord = { holder, pid: process.pid, host: hostname(), since: Date.now() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const file = await open(path, 'wx', 0o600);
      try {
        await file.writeFile(`${JSON.stringify(record)}\n`);
        await file.sync();
      } finally {
        await file.close();
      }
      let released = false;
      return {
        path,
        release: async () => {
          if (released) return;
          released = true;
          await rm(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const current = await readLock(path);
    const stale =
      current === null
        ? // Half-written by a program that died while taking it, or damaged.
          true
        : current.host === hostname() && current.pid !== process.pid && !isAlive(current.pid);
    if (current !== null && current.pid === process.pid && current.host === hostname()) {
      throw new FolderLockedError('This Hearth already has its data folder open.', current.holder);
    }
    if (!stale && current !== null) {
      throw new FolderLockedError(
        `Hearth’s data folder ${dataDir} is in use by ${current.holder} ` +
          `(process ${current.pid}${current.host === hostname() ? '' : ` on ${current.host}`}). ` +
          'Close it first, then try again.',
        current.holder,
      );
    }
    log.warn('took over a lock left by a program that stopped', { pid: current?.pid ?? null });
    await rm(path, { force: true });
  }
  throw new FolderLockedError(`Hearth could not take the lock of ${dataDir}.`, null);
}
