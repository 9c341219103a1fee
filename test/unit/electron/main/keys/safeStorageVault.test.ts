import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SafeStorage } from 'electron';
import {
  createSafeStorageVault,
  keyProtectionOf,
  type SafeStorageLike,
} from '../../../../../electron/main/keys/safeStorageVault';
import { SealedKeyError } from '../../../../../electron/main/services/keys/keyVault';
import { HearthError } from '../../../../../shared/ipc/errors';
import { captureLogs } from '../../fakes';

// Stands in for the keychain: "encrypts" by prefixing and hex-encoding, so a test can see
// what was handed to it and a foreign blob fails to open.
function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}) {
  const sealedStrings: string[] = [];
  const storage = {
    sealedStrings,
    isAsyncEncryptionAvailable: vi.fn(() => Promise.resolve(options.available ?? true)),
    getSelectedStorageBackend: vi.fn(() => options.backend ?? 'gnome_libsecret'),
    encryptStringAsync: vi.fn((plain: string) => {
      sealedStrings.push(plain);
      return Promise.resolve(Buffer.from(`sealed:${Buffer.from(plain).toString('hex')}`));
    }),
    decryptStringAsync: vi.fn((encrypted: Buffer) => {
      const text = encrypted.toString();
      if (!text.startsWith('sealed:')) return Promise.reject(new Error('decrypt failed'));
      const result = Buffer.from(text.slice('sealed:'.length), 'hex').toString();
      return Promise.resolve({ result, shouldReEncrypt: false });
    }),
  };
  return storage;
}

const asLike = (storage: ReturnType<typeof fakeSafeStorage>) =>
  storage as unknown as SafeStorageLike;
const dataKey = () => Uint8Array.from({ length: 32 }, (_, i) => (i * 37) % 256);

let logs: ReturnType<typeof captureLogs>;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => {
  logs.restore();
});

describe('the safeStorage key vault', () => {
  it('opens exactly the key it sealed', async () => {
    const vault = createSafeStorageVault(asLike(fakeSafeStorage()), 'darwin');
    const sealed = await vault.seal(dataKey());

    expect(vault.kind).toBe('safe-storage');
    expect(sealed).toBeInstanceOf(Uint8Array);
    expect(await vault.open(sealed)).toEqual(dataKey());
  });

  it('hands the keychain the key as base64 text', async () => {
    const storage = fakeSafeStorage();
    await createSafeStorageVault(asLike(storage), 'win32').seal(dataKey());
    expect(storage.sealedStrings).toEqual([Buffer.from(dataKey()).toString('base64')]);
  });

  it('refuses to seal with a clear storage-failed error when the keychain is unavailable', async () => {
    const storage = fakeSafeStorage({ available: false });
    const vault = createSafeStorageVault(asLike(storage), 'linux');

    const error = await vault.seal(dataKey()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HearthError);
    expect((error as HearthError).kind).toBe('storage-failed');
    expect((error as HearthError).message).toMatch(/keychain is not available/);
    expect(storage.encryptStringAsync).not.toHaveBeenCalled();
    await expect(vault.open(new Uint8Array([1]))).rejects.toThrow(/keychain is not available/);
  });

  it('warns once on Linux when the keychain is only the basic_text fallback', async () => {
    const vault = createSafeStorageVault(
      asLike(fakeSafeStorage({ backend: 'basic_text' })),
      'linux',
    );
    await vault.open(await vault.seal(dataKey()));

    const warnings = logs.records.filter((r) => r.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain('basic_text');
  });

  it('does not ask for the Linux backend on other platforms', async () => {
    const storage = fakeSafeStorage({ backend: 'basic_text' });
    await createSafeStorageVault(asLike(storage), 'darwin').seal(dataKey());

    expect(storage.getSelectedStorageBackend).not.toHaveBeenCalled();
    expect(logs.records.filter((r) => r.level === 'warn')).toHaveLength(0);
  });

  it('reports a key the keychain cannot open as a SealedKeyError', async () => {
    const vault = createSafeStorageVault(asLike(fakeSafeStorage()), 'darwin');
    const error = await vault.open(Buffer.from('from another laptop')).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SealedKeyError);
    expect((error as SealedKeyError).kind).toBe('storage-failed');
  });

  it('reports a key that opens to something other than base64 as damaged', async () => {
    const storage = fakeSafeStorage();
    storage.decryptStringAsync.mockResolvedValueOnce({
      result: 'not base64!',
      shouldReEncrypt: false,
    });
    const vault = createSafeStorageVault(asLike(storage), 'darwin');

    await expect(vault.open(new Uint8Array([1]))).rejects.toBeInstanceOf(SealedKeyError);
  });
});

describe('how circle keys are kept, as the member is told', () => {
  it('says basic-text only on Linux without a keychain', () => {
    const backend = (name: string) => ({
      getSelectedStorageBackend: () => name as ReturnType<SafeStorage['getSelectedStorageBackend']>,
    });
    expect(keyProtectionOf(backend('basic_text'), 'linux')).toBe('basic-text');
    expect(keyProtectionOf(backend('gnome_libsecret'), 'linux')).toBe('keychain');
    expect(keyProtectionOf(backend('kwallet6'), 'linux')).toBe('keychain');
    expect(keyProtectionOf(backend('unknown'), 'darwin')).toBe('keychain');
    expect(keyProtectionOf(backend('unknown'), 'win32')).toBe('keychain');
  });
});
