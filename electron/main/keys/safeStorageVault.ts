/**
 * The desktop key vault: a circle's data key is sealed by the operating system's keychain
 * through Electron `safeStorage` (Keychain on macOS, DPAPI on Windows, the Secret Service
 * or KWallet on Linux). `safeStorage` seals strings, so the key travels as base64.
 *
 * On Linux without a keychain Chromium falls back to `basic_text`, which only obfuscates:
 * Hearth still works there, and says so in the log.
 */
import type { SafeStorage } from 'electron';
import type { KeyProtection } from '../../../shared/ipc/contract';
import { HearthError } from '../../../shared/ipc/errors';
import { logger } from '../../../shared/log';
import { SealedKeyError, type KeyVault } from '../services/keys/keyVault';

const log = logger('keys');

/** The slice of Electron's `safeStorage` the vault uses (a fake in tests). */
export type SafeStorageLike = Pick<
  SafeStorage,
  | 'isAsyncEncryptionAvailable'
  | 'encryptStringAsync'
  | 'decryptStringAsync'
  | 'getSelectedStorageBackend'
>;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * How circle keys are kept, for the app to tell the member (call once the app is ready).
 * Only Linux can fall back to Chromium's `basic_text`, which obfuscates rather than
 * protects; the macOS Keychain and Windows DPAPI are always there.
 */
export function keyProtectionOf(
  safeStorage: Pick<SafeStorage, 'getSelectedStorageBackend'>,
  platform: NodeJS.Platform,
): KeyProtection {
  if (platform !== 'linux') return 'keychain';
  return safeStorage.getSelectedStorageBackend() === 'basic_text' ? 'basic-text' : 'keychain';
}

/** A {@link KeyVault} over `safeStorage`; usable once the app is ready. */
export function createSafeStorageVault(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
): KeyVault {
  let checked = false;

  async function ensureAvailable(): Promise<void> {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      throw new HearthError(
        'storage-failed',
        'This computer’s keychain is not available, so Hearth cannot keep circle keys safe. ' +
          'Unlock or set up the keychain (on Linux: GNOME Keyring or KWallet) and start Hearth again.',
      );
    }
    if (checked) return;
    checked = true;
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      log.warn(
        'safeStorage is using the basic_text backend: circle keys are obfuscated, not protected ' +
          'by a keychain. Run Hearth in a desktop session with GNOME Keyring or KWallet to protect them.',
      );
    }
  }

  return {
    kind: 'safe-storage',

    async seal(dataKey) {
      await ensureAvailable();
      const sealed = await safeStorage.encryptStringAsync(Buffer.from(dataKey).toString('base64'));
      return new Uint8Array(sealed);
    },

    async open(sealed) {
      await ensureAvailable();
      let base64: string;
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(
          Buffer.from(sealed),
        );
        // The key still opens; re-sealing is the store's choice, so only note it.
        if (shouldReEncrypt) log.info('the keychain suggests re-sealing a circle key');
        base64 = result;
      } catch (error) {
        log.warn('a sealed circle key could not be opened', { error: String(error) });
        throw new SealedKeyError(
          'A circle key could not be opened with this computer’s keychain. It may have been ' +
            'sealed by another computer or user account.',
        );
      }
      if (base64.length === 0 || !BASE64.test(base64)) {
        throw new SealedKeyError('A circle key opened from the keychain is damaged.');
      }
      const decoded = Buffer.from(base64, 'base64');
      const dataKey = new Uint8Array(decoded);
      // Not a guarantee (the string copy stays until collected), but one less copy lying around.
      decoded.fill(0);
      return dataKey;
    },
  };
}
