/**
 * What a laptop derives from a circle key (32 random bytes) before it can meet its peers.
 *
 * Derivation, version 1: HKDF-SHA-256 (RFC 5869) with the circle key as input keying
 * material, the salt `hearth circle secrets v1` (UTF-8) and one `info` label per value,
 * so each value is independent of the others and none reveals the key:
 *
 * | value             | info (UTF-8)                  | bytes | form                          |
 * | ----------------- | ----------------------------- | ----- | ----------------------------- |
 * | room name         | `hearth/v1/room-name`         | 32    | base64url, 43 characters      |
 * | signalling secret | `hearth/v1/signalling-secret` | 32    | base64url, 43 characters      |
 * | safety code       | `hearth/v1/safety-code`       | 4     | one word per byte (./safetyWords.ts) |
 *
 * The room name is the signalling topic, so nothing on the wire names the circle. The
 * signalling secret is the y-webrtc "password" from which ./signallingCipher.ts derives
 * the AES-GCM key. The safety code is read aloud so a room can confirm that every laptop
 * joined the same circle; four words carry 32 bits, plenty to catch a wrong invite.
 */
import { fromBase64Url, toBase64Url } from '../crypto/base64url';
import { SAFETY_WORDS } from './safetyWords';

/**
 * Version of the derivation above, written into its salt and labels; a change of labels,
 * salt or safety-word list bumps it (and so changes every derived value).
 */
export const CIRCLE_SECRETS_VERSION = 1;
/** The length of a circle key, in bytes. */
export const CIRCLE_KEY_BYTES = 32;
/** How many words a safety code has. */
export const SAFETY_CODE_WORDS = 4;

const SALT = `hearth circle secrets v${CIRCLE_SECRETS_VERSION}`;
const LABEL = {
  roomName: `hearth/v${CIRCLE_SECRETS_VERSION}/room-name`,
  signallingSecret: `hearth/v${CIRCLE_SECRETS_VERSION}/signalling-secret`,
  safetyCode: `hearth/v${CIRCLE_SECRETS_VERSION}/safety-code`,
};

/** Everything a laptop derives from one circle key. */
export interface CircleSecrets {
  /** The signalling topic of the circle: opaque, 43 base64url characters. */
  roomName: string;
  /** The y-webrtc password that signalling encryption is derived from (43 characters). */
  signallingSecret: string;
  /** Words to read aloud; the same on every laptop holding the key. */
  safetyCode: readonly string[];
}

/**
 * Derives the room name, signalling secret and safety code from a circle key: its 32
 * bytes, or the 43-character base64url form that profiles, invites and IPC carry.
 */
export async function deriveCircleSecrets(circleKey: Uint8Array | string): Promise<CircleSecrets> {
  const ikm = await importCircleKey(circleKey);
  const [room, secret, code] = await Promise.all([
    expand(ikm, LABEL.roomName, 32),
    expand(ikm, LABEL.signallingSecret, 32),
    expand(ikm, LABEL.safetyCode, SAFETY_CODE_WORDS),
  ]);
  return {
    roomName: toBase64Url(room),
    signallingSecret: toBase64Url(secret),
    safetyCode: safetyCodeWords(code),
  };
}

/** The safety code alone, for the screens that show it. */
export async function deriveSafetyCode(circleKey: Uint8Array | string): Promise<readonly string[]> {
  const ikm = await importCircleKey(circleKey);
  return safetyCodeWords(await expand(ikm, LABEL.safetyCode, SAFETY_CODE_WORDS));
}

/** The words of a safety code as one line to show: `amber · harbor · lantern · wren`. */
export function safetyCodeText(words: readonly string[]): string {
  return words.join(' · ');
}

function safetyCodeWords(bytes: Uint8Array): readonly string[] {
  return Object.freeze(Array.from(bytes, (byte) => SAFETY_WORDS[byte]!));
}

async function importCircleKey(circleKey: Uint8Array | string): Promise<CryptoKey> {
  const bytes = typeof circleKey === 'string' ? fromBase64Url(circleKey) : circleKey;
  // A malformed key is a bug in the caller (invites and profiles are checked first).
  if (bytes?.length !== CIRCLE_KEY_BYTES) {
    throw new RangeError(`a circle key has ${CIRCLE_KEY_BYTES} bytes`);
  }
  return crypto.subtle.importKey('raw', new Uint8Array(bytes), 'HKDF', false, ['deriveBits']);
}

async function expand(ikm: CryptoKey, label: string, length: number): Promise<Uint8Array> {
  const bits = await crypto.subtle.deriveBits(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new TextEncoder().encode(SALT),
      info: new TextEncoder().encode(label),
    },
    ikm,
    length * 8,
  );
  return new Uint8Array(bits);
}
