/**
 * Where a circle's data key is kept safe. Each circle's files are encrypted with its own
 * random data key; the key itself is stored only in sealed form, and only a vault can
 * open it. In the desktop app the vault is the operating system's keychain (Electron
 * `safeStorage`); in browser mode and in tests it is a master key in a file
 * (./fileKeyVault.ts).
 */
import { HearthError } from '../../../../shared/ipc/errors';

/** Seals and opens data keys. */
export interface KeyVault {
  /** Which kind of protection this vault gives; recorded next to every sealed key. */
  readonly kind: 'safe-storage' | 'key-file';
  /** Seals a data key so that only this vault (on this laptop) can open it again. */
  seal(dataKey: Uint8Array): Promise<Uint8Array>;
  /** Opens a key this vault sealed; throws {@link SealedKeyError} for a wrong or damaged one. */
  open(sealed: Uint8Array): Promise<Uint8Array>;
}

/** A kind of vault, as a name a member can be told. */
export type KeyVaultKind = KeyVault['kind'];

/**
 * A sealed key that cannot be opened: sealed by another vault, another laptop or user
 * account, or damaged. Crosses IPC as a `storage-failed` error with a plain message.
 */
export class SealedKeyError extends HearthError {
  constructor(message: string) {
    super('storage-failed', message);
    this.name = 'SealedKeyError';
  }
}
