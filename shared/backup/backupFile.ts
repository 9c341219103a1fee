/**
 * The circle backup file, format version 1: a whole circle (this laptop's profile in it,
 * the circle key, every document's state) in one file, encrypted with a passphrase the
 * member chooses. WebCrypto only, so it is the same in main, in tests and in a script.
 *
 *   offset  size  field
 *    0       8    magic, ASCII "HEARTHBK"
 *    8       1    format version (1)
 *    9       1    key derivation: 1 = PBKDF2-HMAC-SHA-256
 *   10       4    iterations, unsigned 32-bit big-endian (600,000 when written here)
 *   14      16    salt (random)
 *   30      12    AES-GCM nonce (random)
 *   46      16    passphrase check: the first 16 bytes of SHA-256(check key)
 *   62       8    n, the ciphertext length, unsigned 64-bit big-endian
 *   70       4    CRC-32 of bytes 0..69, so a damaged header is told apart from a wrong passphrase
 *   74       n    AES-256-GCM ciphertext of the payload; additional data = bytes 0..73
 *   74+n    16    GCM tag
 *
 * The file is exactly 90 + n bytes. Keys: PBKDF2(passphrase as NFC UTF-8, salt,
 * iterations) gives 64 bytes: the first 32 are the AES key, the last 32 the check key.
 * The tag authenticates the header and the payload: any flipped, missing or extra byte
 * is refused. The passphrase check only lets the reader say "wrong passphrase" rather
 * than "damaged"; it helps a guesser no more than the tag already does.
 *
 * Payload, version 1:
 *   4 bytes  J, unsigned 32-bit big-endian
 *   J bytes  UTF-8 JSON manifest: { version: 1, createdAt, circle: {...profile, name},
 *            docs: [{ id, bytes }] }
 *   then each document's state (one Yjs update) in manifest order, `bytes` long each.
 */
import { crc32 } from '../sync/crc32';
import { randomBytes } from '../crypto/random';

/** Bumped when the layout above changes; readers refuse versions they do not know. */
export const BACKUP_FORMAT_VERSION = 1;
/** Iterations written by this version (OWASP's 2023 figure for PBKDF2-HMAC-SHA-256). */
export const BACKUP_ITERATIONS = 600_000;
/** The fewest iterations a reader accepts, and the most (a bound on the work a file can ask for). */
export const ITERATION_BOUNDS = { min: 100_000, max: 10_000_000 } as const;
/** The shortest passphrase Hearth accepts when making a backup. */
export const MIN_PASSPHRASE_LENGTH = 10;

const MAGIC = new TextEncoder().encode('HEARTHBK');
const KDF_PBKDF2_SHA256 = 1;
const HEADER_BYTES = 74;
const TAG_BYTES = 16;
const SALT_BYTES = 16;
const NONCE_BYTES = 12;
const CHECK_BYTES = 16;

/** Why a backup file could not be opened, in words the dialog can show. */
export type BackupRefusal = 'not-a-backup' | 'newer-version' | 'damaged' | 'wrong-passphrase';

/** Raised by {@link openBackupFile}; nothing has been changed when it is thrown. */
export class BackupRefused extends Error {
  constructor(
    readonly reason: BackupRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'BackupRefused';
  }
}

/** Encrypts `payload` under `passphrase`; `iterations` may be lowered only by tests. */
export async function sealBackupFile(
  payload: Uint8Array,
  passphrase: string,
  iterations: number = BACKUP_ITERATIONS,
): Promise<Uint8Array<ArrayBuffer>> {
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const keys = await deriveKeys(passphrase, salt, iterations);
  const header = new Uint8Array(HEADER_BYTES);
  const view = new DataView(header.buffer);
  header.set(MAGIC, 0);
  header[8] = BACKUP_FORMAT_VERSION;
  header[9] = KDF_PBKDF2_SHA256;
  view.setUint32(10, iterations);
  header.set(salt, 14);
  header.set(nonce, 30);
  header.set(keys.check, 46);
  view.setBigUint64(62, BigInt(payload.length));
  view.setUint32(70, crc32(header.subarray(0, 70)));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: nonce, additionalData: header, tagLength: TAG_BYTES * 8 },
      keys.aes,
      copy(payload),
    ),
  );
  const file = new Uint8Array(HEADER_BYTES + sealed.length);
  file.set(header, 0);
  file.set(sealed, HEADER_BYTES);
  return file;
}

/** Decrypts a backup file; throws {@link BackupRefused} with the reason. */
export async function openBackupFile(file: Uint8Array, passphrase: string): Promise<Uint8Array> {
  if (file.length < MAGIC.length || !MAGIC.every((byte, i) => file[i] === byte)) {
    throw new BackupRefused('not-a-backup', 'This file is not a Hearth backup.');
  }
  if (file.length < HEADER_BYTES + TAG_BYTES) {
    throw new BackupRefused('damaged', 'This backup file is incomplete: it ends too early.');
  }
  const header = file.subarray(0, HEADER_BYTES);
  const view = new DataView(header.buffer, header.byteOffset, HEADER_BYTES);
  if (view.getUint32(70) !== crc32(header.subarray(0, 70))) {
    throw new BackupRefused('damaged', 'This backup file is damaged at its start.');
  }
  if (header[8] !== BACKUP_FORMAT_VERSION) {
    throw new BackupRefused(
      'newer-version',
      'This backup was made by a newer Hearth. Update Hearth, then try again.',
    );
  }
  const iterations = view.getUint32(10);
  if (
    header[9] !== KDF_PBKDF2_SHA256 ||
    iterations < ITERATION_BOUNDS.min ||
    iterations > ITERATION_BOUNDS.max
  ) {
    throw new BackupRefused('damaged', 'This backup file is damaged at its start.');
  }
  const length = view.getBigUint64(62);
  if (BigInt(file.length) !== BigInt(HEADER_BYTES + TAG_BYTES) + length) {
    throw new BackupRefused(
      'damaged',
      BigInt(file.length) < BigInt(HEADER_BYTES + TAG_BYTES) + length
        ? 'This backup file is incomplete: it ends too early.'
        : 'This backup file has extra bytes at its end: it is damaged.',
    );
  }
  const keys = await deriveKeys(passphrase, header.slice(14, 30), iterations);
  if (!keys.check.every((byte, i) => header[46 + i] === byte)) {
    throw new BackupRefused('wrong-passphrase', 'That passphrase does not open this backup.');
  }
  try {
    const plain = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: header.slice(30, 42),
        additionalData: copy(header),
        tagLength: TAG_BYTES * 8,
      },
      keys.aes,
      copy(file.subarray(HEADER_BYTES)),
    );
    return new Uint8Array(plain);
  } catch {
    throw new BackupRefused(
      'damaged',
      'This backup file is damaged: its contents do not match their seal.',
    );
  }
}

async function deriveKeys(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<{ aes: CryptoKey; check: Uint8Array }> {
  const secret = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
      secret,
      512,
    ),
  );
  const aes = await crypto.subtle.importKey('raw', bits.slice(0, 32), { name: 'AES-GCM' }, false, [
    'encrypt',
    'decrypt',
  ]);
  const check = new Uint8Array(await crypto.subtle.digest('SHA-256', bits.slice(32, 64))).slice(
    0,
    CHECK_BYTES,
  );
  return { aes, check };
}

function copy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out;
}
