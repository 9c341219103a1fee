/**
 * Encryption of record bodies (framing in ./recordFormat.ts). Each body is
 *
 *   nonce (12 random bytes) | AES-256-GCM ciphertext | tag (16 bytes)
 *
 * under the circle's data key. The additional authenticated data binds a record to the
 * file it belongs in and to its frame:
 *
 *   UTF-8 "hearth-record-v1\0" + binding + "\0", then the record kind byte and flags byte
 *
 * where binding is `doc/<circleId>/<docId>` or `profile/<circleId>`, so a record copied
 * into another document's file, another circle's file, or with its flags changed fails
 * to open. The payload is compressed with deflate-raw first when that makes it smaller.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { FLAG_DEFLATED, type RecordKind } from './recordFormat';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Bytes of a data key (AES-256). */
export const DATA_KEY_BYTES = 32;
// Below this, deflate's own framing outweighs anything it could save.
const COMPRESS_FROM_BYTES = 64;

/** A record body ready to frame, with the flags it was sealed under. */
export interface SealedPayload {
  flags: number;
  body: Uint8Array;
}

/** Seals and opens the records of one file. */
export interface RecordCipher {
  seal(kind: RecordKind, payload: Uint8Array): SealedPayload;
  /** The payload, or null when the record was not sealed for this file with this key. */
  open(kind: number, flags: number, body: Uint8Array): Uint8Array | null;
}

/** The binding of a document log's records. */
export function docBinding(circleId: string, docId: string): string {
  return `doc/${circleId}/${docId}`;
}

/** The binding of a circle profile's record. */
export function profileBinding(circleId: string): string {
  return `profile/${circleId}`;
}

/** A cipher for the file named by `binding`, under `dataKey`. */
export function recordCipher(dataKey: Uint8Array, binding: string): RecordCipher {
  if (dataKey.length !== DATA_KEY_BYTES) throw new RangeError('a data key is 32 bytes');
  const context = Buffer.from(`hearth-record-v1\0${binding}\0`, 'utf8');
  const aad = (kind: number, flags: number): Buffer =>
    Buffer.concat([context, Buffer.from([kind, flags])]);
  return {
    seal(kind, payload) {
      let flags = 0;
      let plain = payload;
      if (payload.length >= COMPRESS_FROM_BYTES) {
        const deflated = deflateRawSync(payload);
        if (deflated.length < payload.length) {
          flags |= FLAG_DEFLATED;
          plain = deflated;
        }
      }
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', dataKey, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(aad(kind, flags));
      const body = Buffer.concat([
        nonce,
        cipher.update(plain),
        cipher.final(),
        cipher.getAuthTag(),
      ]);
      return { flags, body };
    },
    open(kind, flags, body) {
      if (body.length < NONCE_BYTES + TAG_BYTES) return null;
      const nonce = body.subarray(0, NONCE_BYTES);
      const tag = body.subarray(body.length - TAG_BYTES);
      try {
        const decipher = createDecipheriv('aes-256-gcm', dataKey, nonce, {
          authTagLength: TAG_BYTES,
        });
        decipher.setAAD(aad(kind, flags));
        decipher.setAuthTag(tag);
        const plain = Buffer.concat([
          decipher.update(body.subarray(NONCE_BYTES, body.length - TAG_BYTES)),
          decipher.final(),
        ]);
        return (flags & FLAG_DEFLATED) !== 0 ? new Uint8Array(inflateRawSync(plain)) : plain;
      } catch {
        // A failed tag check is the expected outcome for a foreign or damaged record.
        return null;
      }
    },
  };
}
