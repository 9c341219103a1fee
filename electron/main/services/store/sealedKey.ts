/**
 * A circle's data key at rest, sealed by a {@link KeyVault}. File `circle.key`:
 *
 *   0  4  magic, the ASCII bytes "HKEY"
 *   4  1  format version (1)
 *   5  1  vault kind: 1 safe-storage (OS keychain), 2 key-file
 *   6  …  the sealed key, as the vault returned it
 */
import { randomBytes } from 'node:crypto';
import { SealedKeyError, type KeyVault, type KeyVaultKind } from '../keys/keyVault';
import { DATA_KEY_BYTES } from './recordCipher';

const MAGIC = Buffer.from('HKEY', 'ascii');
const VERSION = 1;
const KIND_CODES: Record<KeyVaultKind, number> = { 'safe-storage': 1, 'key-file': 2 };
const KIND_WORDS: Record<KeyVaultKind, string> = {
  'safe-storage': "the system's keychain",
  'key-file': 'the key file of browser mode',
};

/** A new random data key, and its sealed file contents. */
export async function newSealedDataKey(
  vault: KeyVault,
): Promise<{ dataKey: Uint8Array; file: Uint8Array }> {
  const dataKey = new Uint8Array(randomBytes(DATA_KEY_BYTES));
  const sealed = await vault.seal(dataKey);
  const file = Buffer.concat([MAGIC, Buffer.from([VERSION, KIND_CODES[vault.kind]]), sealed]);
  return { dataKey, file };
}

/** Opens a sealed key file's contents; throws {@link SealedKeyError} with plain words. */
export async function openSealedDataKey(vault: KeyVault, file: Uint8Array): Promise<Uint8Array> {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (bytes.length < 6 || !bytes.subarray(0, 4).equals(MAGIC) || bytes[4] !== VERSION) {
    throw new SealedKeyError("A circle's key file is damaged, so its writing cannot be opened.");
  }
  const sealedBy = (Object.keys(KIND_CODES) as KeyVaultKind[]).find(
    (kind) => KIND_CODES[kind] === bytes[5],
  );
  if (sealedBy !== undefined && sealedBy !== vault.kind) {
    throw new SealedKeyError(
      `A circle's files were locked with ${KIND_WORDS[sealedBy]}, but Hearth is now using ${KIND_WORDS[vault.kind]}. Open Hearth the way it was opened when the circle was made.`,
    );
  }
  const dataKey = await vault.open(bytes.subarray(6));
  if (dataKey.length !== DATA_KEY_BYTES) {
    throw new SealedKeyError("A circle's key file holds a key of the wrong size.");
  }
  return dataKey;
}
