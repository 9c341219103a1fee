/**
 * A key vault backed by a master key in a file, for browser mode and tests, where the
 * operating system's keychain is out of reach. It protects the circles' data keys only
 * as well as the file's permissions do (mode 0600 in a 0700 folder).
 *
 * Master key file: exactly 32 random bytes, created on the first `seal`, never replaced.
 *
 * Sealed key, version 1:
 *   0   4  magic, the ASCII bytes "HKV1"
 *   4  12  nonce
 *  16   n  AES-256-GCM ciphertext of the data key under the master key
 *  16+n 16 tag; the additional data is UTF-8 "hearth-key-file-vault-v1"
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SealedKeyError, type KeyVault } from './keyVault';

const MASTER_KEY_BYTES = 32;
const MAGIC = Buffer.from('HKV1', 'ascii');
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const AAD = Buffer.from('hearth-key-file-vault-v1', 'utf8');

/** Seals data keys with a master key kept in a file. */
export class FileKeyVault implements KeyVault {
  readonly kind = 'key-file';
  private master: Promise<Buffer> | null = null;

  /** A vault whose master key lives at `keyPath`. */
  constructor(readonly keyPath: string) {}

  /** The vault of a data folder: its master key in `<dataDir>/keys/master.key`. */
  static inDataDir(dataDir: string): FileKeyVault {
    return new FileKeyVault(join(dataDir, 'keys', 'master.key'));
  }

  /** Seals a data key, making the master key file if there is none yet. */
  async seal(dataKey: Uint8Array): Promise<Uint8Array> {
    const master = await this.masterKey(true);
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', master, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(AAD);
    return Buffer.concat([
      MAGIC,
      nonce,
      cipher.update(dataKey),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
  }

  /** Opens a sealed data key; throws {@link SealedKeyError} when this master key did not seal it. */
  async open(sealed: Uint8Array): Promise<Uint8Array> {
    const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (bytes.length < MAGIC.length + NONCE_BYTES + TAG_BYTES + 1) {
      throw new SealedKeyError("A circle's sealed key is too short: the key file is damaged.");
    }
    if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new SealedKeyError("A circle's sealed key is not in a form Hearth knows.");
    }
    const master = await this.masterKey(false);
    const nonce = bytes.subarray(MAGIC.length, MAGIC.length + NONCE_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', master, nonce, {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(AAD);
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      const body = bytes.subarray(MAGIC.length + NONCE_BYTES, bytes.length - TAG_BYTES);
      return new Uint8Array(Buffer.concat([decipher.update(body), decipher.final()]));
    } catch {
      throw new SealedKeyError(
        `A circle's key was sealed with a different master key than the one at ${this.keyPath}, or it is damaged; its writing cannot be opened with this key.`,
      );
    }
  }

  private masterKey(create: boolean): Promise<Buffer> {
    // Remembered once read; a failure is not, so a fixed file can be tried again.
    this.master ??= this.readOrCreate(create).catch((error: unknown) => {
      this.master = null;
      throw error;
    });
    return this.master;
  }

  private async readOrCreate(create: boolean): Promise<Buffer> {
    try {
      return checkMasterKey(await fsp.readFile(this.keyPath), this.keyPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException | null)?.code !== 'ENOENT') throw error;
      if (!create) {
        throw new SealedKeyError(
          `The master key file ${this.keyPath} is missing, so no circle on this laptop can be opened.`,
        );
      }
    }
    return this.createMasterKey();
  }

  private async createMasterKey(): Promise<Buffer> {
    const folder = dirname(this.keyPath);
    await fsp.mkdir(folder, { recursive: true, mode: 0o700 });
    const key = randomBytes(MASTER_KEY_BYTES);
    const temporary = `${this.keyPath}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await fsp.open(temporary, 'wx', 0o600);
    try {
      await handle.write(key);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      // link() refuses to replace a key another process made first; rename would not.
      await fsp.link(temporary, this.keyPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException | null)?.code !== 'EEXIST') {
        await fsp.unlink(temporary).catch(() => undefined);
        throw error;
      }
      await fsp.unlink(temporary);
      return checkMasterKey(await fsp.readFile(this.keyPath), this.keyPath);
    }
    await fsp.unlink(temporary);
    // Windows cannot open a folder for fsync; elsewhere this makes the new name durable.
    if (process.platform !== 'win32') {
      const dir = await fsp.open(folder, 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
    }
    return key;
  }
}

function checkMasterKey(bytes: Buffer, path: string): Buffer {
  if (bytes.length !== MASTER_KEY_BYTES) {
    throw new SealedKeyError(
      `The master key file ${path} is damaged (${bytes.length} bytes instead of ${MASTER_KEY_BYTES}); it was left as it is.`,
    );
  }
  return bytes;
}
