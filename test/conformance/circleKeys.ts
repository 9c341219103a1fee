/** The secrets derived from a circle key (INVITE.md) and the signalling seal (SIGNALLING.md). */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { safetyWords } from './safetyWords';

const subtle = globalThis.crypto.subtle;

async function hkdf(key: Uint8Array, info: string, length: number): Promise<Uint8Array> {
  const material = await subtle.importKey('raw', new Uint8Array(key), 'HKDF', false, [
    'deriveBits',
  ]);
  const bits = await subtle.deriveBits(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new TextEncoder().encode('hearth circle secrets v1'),
      info: new TextEncoder().encode(info),
    },
    material,
    length * 8,
  );
  return new Uint8Array(bits);
}

/** What a circle key gives. */
export interface CircleKeys {
  roomName: string;
  safetyCode: string;
  seal(message: unknown): Promise<string>;
  open(data: unknown): Promise<unknown>;
}

/** Derives the room, the safety code and the seal from a circle key. */
export async function circleKeys(circleKey: Uint8Array): Promise<CircleKeys> {
  const roomName = Buffer.from(await hkdf(circleKey, 'hearth/v1/room-name', 32)).toString(
    'base64url',
  );
  const secret = Buffer.from(await hkdf(circleKey, 'hearth/v1/signalling-secret', 32)).toString(
    'base64url',
  );
  const words = safetyWords();
  const safetyCode = [...(await hkdf(circleKey, 'hearth/v1/safety-code', 4))]
    .map((byte) => words[byte]!)
    .join(' · ');
  const pbkdf2 = await subtle.importKey('raw', new TextEncoder().encode(secret), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await subtle.deriveBits(
    {
      name: 'PBKDF2',
      hash: 'SHA-256',
      salt: new TextEncoder().encode(roomName),
      iterations: 100_000,
    },
    pbkdf2,
    256,
  );
  const key = await subtle.importKey('raw', bits, 'AES-GCM', false, ['encrypt', 'decrypt']);
  return {
    roomName,
    safetyCode,
    async seal(message) {
      const plain = encoding.createEncoder();
      encoding.writeAny(plain, message as never);
      const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
      const cipher = await subtle.encrypt(
        { name: 'AES-GCM', iv },
        key,
        encoding.toUint8Array(plain),
      );
      const sealed = encoding.createEncoder();
      encoding.writeVarString(sealed, 'AES-GCM');
      encoding.writeVarUint8Array(sealed, iv);
      encoding.writeVarUint8Array(sealed, new Uint8Array(cipher));
      return Buffer.from(encoding.toUint8Array(sealed)).toString('base64');
    },
    async open(data) {
      if (typeof data !== 'string') return null;
      try {
        const decoder = decoding.createDecoder(new Uint8Array(Buffer.from(data, 'base64')));
        if (decoding.readVarString(decoder) !== 'AES-GCM') return null;
        const iv = decoding.readVarUint8Array(decoder);
        const cipher = decoding.readVarUint8Array(decoder);
        const plain = await subtle.decrypt({ name: 'AES-GCM', iv }, key, cipher);
        const message: unknown = decoding.readAny(decoding.createDecoder(new Uint8Array(plain)));
        return message;
      } catch {
        return null;
      }
    },
  };
}
