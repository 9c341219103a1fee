/**
 * The address one data folder is served at in browser mode, kept across restarts, so a
 * tab left open while Hearth stopped reconnects by itself when it starts again (and
 * saves what it kept). Stored in `<data folder>/browser-address.json`:
 *
 *   { "version": 1, "token": "<43 base64url characters>", "port": 41234 }
 *
 * The token is the key to the notebook for anyone on this computer, so the file is
 * readable by this user only (0600), and a file that others can read is not trusted: a
 * new token is made instead. `npm run web -- --new-address` replaces it on request.
 */
import { randomBytes } from 'node:crypto';
import { chmod, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ACCESS_TOKEN_PATTERN } from '../../shared/ipc/wire';
import { logger } from '../../shared/log';

const log = logger('web-host');
const FILE_NAME = 'browser-address.json';
const VERSION = 1;

/** A folder's browser-mode address: its access token and its port. */
export interface KeptAddress {
  token: string;
  port: number;
}

/** The file the address is kept in. */
export function keptAddressFile(dataDir: string): string {
  return join(dataDir, FILE_NAME);
}

/** A fresh access token (32 random bytes, base64url). */
export function freshToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The kept address, or null when there is none (or none to trust). */
export async function readKeptAddress(dataDir: string): Promise<KeptAddress | null> {
  const file = keptAddressFile(dataDir);
  try {
    if (((await stat(file)).mode & 0o077) !== 0) {
      log.warn('the kept address could be read by others: making a new one');
      return null;
    }
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    const { version, token, port } = parsed;
    if (
      version !== VERSION ||
      typeof token !== 'string' ||
      !ACCESS_TOKEN_PATTERN.test(token) ||
      typeof port !== 'number' ||
      !Number.isInteger(port) ||
      port < 0 ||
      port > 65535
    ) {
      log.warn('the kept address is not one this version reads: making a new one');
      return null;
    }
    return { token, port };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      log.warn('could not read the kept address', { error: String(error) });
    }
    return null;
  }
}

/** Keeps `address` for the next start (written whole, then renamed over the old file). */
export async function keepAddress(dataDir: string, address: KeptAddress): Promise<void> {
  const file = keptAddressFile(dataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify({ version: VERSION, ...address }), { mode: 0o600 });
  // The mode given to writeFile passes through the umask; say it once more.
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}
