/**
 * The door's cryptography, version 1 (../DOOR.md says why each step is there):
 *
 * - each side makes a fresh X25519 key pair for every knock (WebCrypto);
 * - commitment = SHA-256("hearth/door/v1/commitment" || knocker public key), sent in the
 *   KNOCK before the door shows its own key;
 * - transcript = SHA-256("hearth/door/v1/transcript" || for KNOCK, DOOR_KEY, REVEAL in
 *   order: u16 big-endian length || the message's bytes as sent);
 * - shared = X25519(own private key, the other's public key), refused when all zero;
 * - words = HKDF-SHA-256(ikm shared, salt transcript, info "hearth/door/v1/words"), 4 bytes,
 *   each byte one word of ../safetyWords.ts;
 * - invite key = HKDF-SHA-256(same ikm and salt, info "hearth/door/v1/invite-key"), 32 bytes;
 * - WELCOME = AES-256-GCM(invite key, 12 random bytes of iv, additional data the
 *   transcript) of the invite's bytes (../INVITE.md).
 */
import { SAFETY_WORDS } from '../safetyWords';
import { DOOR_IV_BYTES, DOOR_KEY_BYTES } from './doorMessages';

/** How many safety words both screens show. */
export const DOOR_WORD_COUNT = 4;

const LABEL = {
  commitment: 'hearth/door/v1/commitment',
  transcript: 'hearth/door/v1/transcript',
  words: 'hearth/door/v1/words',
  inviteKey: 'hearth/door/v1/invite-key',
} as const;
// An X25519 private key wrapped as PKCS #8 (RFC 8410): this prefix, then the 32 bytes.
const PKCS8_X25519_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20,
]);

/** One side's key pair for one knock, with its public key's bytes. */
export interface EphemeralKeys {
  privateKey: CryptoKey;
  publicKey: Uint8Array<ArrayBuffer>;
}

/** What both sides derive once the three opening messages have crossed. */
export interface KnockSecrets {
  transcript: Uint8Array<ArrayBuffer>;
  words: readonly string[];
  inviteKey: CryptoKey;
}

/** A fresh key pair, used for one knock and then dropped. */
export async function newEphemeralKeys(): Promise<EphemeralKeys> {
  const pair = await crypto.subtle.generateKey({ name: 'X25519' }, true, ['deriveBits']);
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey };
}

/** The key pair of a given private key: for test vectors only, never for a real knock. */
export async function ephemeralKeysFrom(
  privateKey: Uint8Array,
  publicKey: Uint8Array,
): Promise<EphemeralKeys> {
  const pkcs8 = new Uint8Array(PKCS8_X25519_PREFIX.length + DOOR_KEY_BYTES);
  pkcs8.set(PKCS8_X25519_PREFIX);
  pkcs8.set(privateKey, PKCS8_X25519_PREFIX.length);
  const key = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'X25519' }, false, [
    'deriveBits',
  ]);
  return { privateKey: key, publicKey: new Uint8Array(publicKey) };
}

/** The knocker's commitment to its public key. */
export async function commitmentTo(publicKey: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return sha256(concat([text(LABEL.commitment), publicKey]));
}

/** The transcript hash of the three opening messages, exactly as they crossed. */
export async function transcriptOf(
  knock: Uint8Array,
  doorKey: Uint8Array,
  reveal: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  const parts: Uint8Array[] = [text(LABEL.transcript)];
  for (const message of [knock, doorKey, reveal]) {
    parts.push(Uint8Array.of(message.length >> 8, message.length & 0xff), message);
  }
  return sha256(concat(parts));
}

/**
 * The words and the invite key from this side's private key, the other's public key
 * and the transcript. Rejects a public key that gives the all-zero secret (a low-order
 * point: any private key would give the same secret, so it proves nothing).
 */
export async function knockSecrets(
  own: EphemeralKeys,
  otherPublicKey: Uint8Array,
  transcript: Uint8Array<ArrayBuffer>,
): Promise<KnockSecrets> {
  const other = await crypto.subtle.importKey(
    'raw',
    new Uint8Array(otherPublicKey),
    { name: 'X25519' },
    true,
    [],
  );
  const shared = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'X25519', public: other }, own.privateKey, 256),
  );
  if (shared.every((byte) => byte === 0)) throw new RangeError('a low-order public key');
  const ikm = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveBits']);
  const expand = async (label: string, bytes: number): Promise<Uint8Array<ArrayBuffer>> =>
    new Uint8Array(
      await crypto.subtle.deriveBits(
        { name: 'HKDF', hash: 'SHA-256', salt: transcript, info: text(label) },
        ikm,
        bytes * 8,
      ),
    );
  const [wordBytes, keyBytes] = await Promise.all([
    expand(LABEL.words, DOOR_WORD_COUNT),
    expand(LABEL.inviteKey, 32),
  ]);
  const inviteKey = await crypto.subtle.importKey('raw', keyBytes, { name: 'AES-GCM' }, false, [
    'encrypt',
    'decrypt',
  ]);
  return {
    transcript,
    words: Object.freeze(Array.from(wordBytes, (byte) => SAFETY_WORDS[byte]!)),
    inviteKey,
  };
}

/** Seals the invite's bytes for the knocker; `iv` is random unless a test vector gives it. */
export async function sealInvite(
  secrets: KnockSecrets,
  invite: Uint8Array,
  iv: Uint8Array<ArrayBuffer> = crypto.getRandomValues(new Uint8Array(DOOR_IV_BYTES)),
): Promise<{ iv: Uint8Array<ArrayBuffer>; sealed: Uint8Array<ArrayBuffer> }> {
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: secrets.transcript },
    secrets.inviteKey,
    new Uint8Array(invite),
  );
  return { iv, sealed: new Uint8Array(sealed) };
}

/** Opens a sealed invite; null when it was not sealed with this knock's key and transcript. */
export async function openInvite(
  secrets: KnockSecrets,
  iv: Uint8Array,
  sealed: Uint8Array,
): Promise<Uint8Array | null> {
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: new Uint8Array(iv), additionalData: secrets.transcript },
      secrets.inviteKey,
      new Uint8Array(sealed),
    );
    return new Uint8Array(plain);
  } catch {
    return null;
  }
}

/** True when two byte strings are equal, in time that does not depend on where they differ. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

function text(value: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(value);
}

function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
