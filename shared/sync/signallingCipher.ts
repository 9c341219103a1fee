/**
 * Encryption of signalling messages, compatible with y-webrtc 10 (its src/crypto.js and
 * publishSignalingMessage), so a stock y-webrtc client given the room name and the
 * signalling secret of ./circleSecrets.ts as its `password` can talk to Hearth laptops.
 *
 * Scheme (y-webrtc's; nothing on the wire names a version, so a stock client can read it:
 * a new scheme would need its own algorithm name in the sealed bytes):
 * - key: PBKDF2-SHA-256 over the UTF-8 secret, salt = the UTF-8 room name, 100,000
 *   iterations, 256 bits, used as an AES-GCM key;
 * - plaintext: the message encoded with lib0's `writeAny` (JSON-like values: objects,
 *   arrays, strings, numbers, booleans, null, Uint8Array);
 * - sealed bytes: lib0 encoding of varString `AES-GCM`, varUint8Array iv (12 random
 *   bytes), varUint8Array ciphertext (AES-GCM output, 16-byte tag at its end);
 * - on the wire: those bytes in standard base64 with padding (lib0's `toBase64`) as the
 *   `data` string of the endpoint's `{ type: 'publish', topic: roomName, data }`.
 *
 * The messages sealed inside `data` are described in ./SIGNALLING.md.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { fromBase64Url, toBase64Url } from '../crypto/base64url';

/** y-webrtc's PBKDF2 iteration count; must match for interoperation. */
export const SIGNALLING_KEY_ITERATIONS = 100_000;
/** The largest sealed message `openSignal` will look at (an SDP offer is a few KiB). */
export const MAX_SEALED_SIGNAL_CHARS = 256 * 1024;

const ALGORITHM = 'AES-GCM';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Derives the AES-GCM key that seals a room's signalling, as y-webrtc's `deriveKey` does. */
export async function signallingKey(secret: string, roomName: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    {
      name: 'PBKDF2',
      hash: 'SHA-256',
      salt: new TextEncoder().encode(roomName),
      iterations: SIGNALLING_KEY_ITERATIONS,
    },
    material,
    256,
  );
  return crypto.subtle.importKey('raw', bits, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

/** Seals a message into the base64 string y-webrtc puts in a publish message's `data`. */
export async function sealSignal(key: CryptoKey, message: unknown): Promise<string> {
  const plain = encoding.createEncoder();
  encoding.writeAny(plain, message as Parameters<typeof encoding.writeAny>[1]);
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const cipher = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    key,
    new Uint8Array(encoding.toUint8Array(plain)),
  );
  const sealed = encoding.createEncoder();
  encoding.writeVarString(sealed, ALGORITHM);
  encoding.writeVarUint8Array(sealed, iv);
  encoding.writeVarUint8Array(sealed, new Uint8Array(cipher));
  return toBase64(encoding.toUint8Array(sealed));
}

/**
 * Opens a sealed `data` string: the message, or null for anything that was not sealed
 * with this key (wrong secret, wrong room, tampered, truncated, not a string). Never throws.
 */
export async function openSignal(key: CryptoKey, sealed: unknown): Promise<unknown> {
  if (typeof sealed !== 'string' || sealed.length > MAX_SEALED_SIGNAL_CHARS) return null;
  const bytes = fromBase64(sealed);
  if (bytes === null) return null;
  try {
    const decoder = decoding.createDecoder(bytes);
    if (decoding.readVarString(decoder) !== ALGORITHM) return null;
    const iv = decoding.readVarUint8Array(decoder);
    const cipher = decoding.readVarUint8Array(decoder);
    if (iv.length !== IV_BYTES || cipher.length < TAG_BYTES || decoding.hasContent(decoder)) {
      return null;
    }
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: new Uint8Array(iv) },
      key,
      new Uint8Array(cipher),
    );
    const message = decoding.createDecoder(new Uint8Array(plain));
    const value: unknown = decoding.readAny(message);
    return decoding.hasContent(message) ? null : value;
  } catch {
    // A failed tag check, a truncated field or an unreadable value: not ours.
    return null;
  }
}

/** Standard base64 with padding, as lib0's `toBase64` (btoa) writes it. */
function toBase64(bytes: Uint8Array): string {
  const url = toBase64Url(bytes).replaceAll('-', '+').replaceAll('_', '/');
  return url + '='.repeat((4 - (url.length % 4)) % 4);
}

/** Strict standard base64 (padding required where due); null for anything else. */
function fromBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const unpadded = text.replace(/=+$/, '');
  return fromBase64Url(unpadded.replaceAll('+', '-').replaceAll('/', '_'));
}
