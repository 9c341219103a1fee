/** The peer protocol's messages and frames (PEER_PROTOCOL.md), version 1. */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Message kinds. */
export const KIND = {
  HELLO: 1,
  SYNC_STEP_1: 2,
  SYNC_STEP_2: 3,
  UPDATE: 4,
  AWARENESS: 5,
  CHUNK: 6,
  CLOCK_PING: 7,
  CLOCK_PONG: 8,
} as const;

/** A message, as this client uses them. */
export type Message =
  | { kind: 1; memberId: string; protocolVersion: number; docCount: number }
  | { kind: 2; docId: string; stateVector: Uint8Array }
  | { kind: 3 | 4 | 5; docId: string; bytes: Uint8Array }
  | { kind: 7; t0: number }
  | { kind: 8; t0: number; t1: number };

const FRAME = 64 * 1024;
const CHUNK_BYTES = 65_472;

/** Encodes `message` into the frames that carry it (chunked past 64 KiB). */
export function framesOf(message: Message, messageId: number): Uint8Array[] {
  const e = encoding.createEncoder();
  encoding.writeUint8(e, 1);
  encoding.writeUint8(e, message.kind);
  switch (message.kind) {
    case 1:
      encoding.writeVarString(e, message.memberId);
      encoding.writeVarUint(e, message.protocolVersion);
      encoding.writeVarUint(e, message.docCount);
      break;
    case 2:
      encoding.writeVarString(e, message.docId);
      encoding.writeVarUint8Array(e, message.stateVector);
      break;
    case 3:
    case 4:
    case 5:
      encoding.writeVarString(e, message.docId);
      encoding.writeVarUint8Array(e, message.bytes);
      break;
    case 7:
      encoding.writeFloat64(e, message.t0);
      break;
    case 8:
      encoding.writeFloat64(e, message.t0);
      encoding.writeFloat64(e, message.t1);
      break;
  }
  const whole = encoding.toUint8Array(e);
  if (whole.length <= FRAME) return [whole];
  const count = Math.ceil(whole.length / CHUNK_BYTES);
  return Array.from({ length: count }, (_, index) => {
    const chunk = encoding.createEncoder();
    encoding.writeUint8(chunk, 1);
    encoding.writeUint8(chunk, KIND.CHUNK);
    encoding.writeUint32(chunk, messageId);
    encoding.writeVarUint(chunk, index);
    encoding.writeVarUint(chunk, count);
    encoding.writeVarUint8Array(
      chunk,
      whole.subarray(index * CHUNK_BYTES, (index + 1) * CHUNK_BYTES),
    );
    return encoding.toUint8Array(chunk);
  });
}

/** Turns frames back into messages, joining chunks. */
export class FrameJoiner {
  private parts: Uint8Array[] = [];

  /** The message `frame` completes, or null. */
  read(frame: Uint8Array): Message | null {
    if (frame[1] === KIND.CHUNK) {
      const d = decoding.createDecoder(frame.subarray(2));
      decoding.readUint32(d);
      const index = decoding.readVarUint(d);
      const count = decoding.readVarUint(d);
      this.parts.push(decoding.readVarUint8Array(d));
      if (index < count - 1) return null;
      const whole = Buffer.concat(this.parts);
      this.parts = [];
      return decodeMessage(new Uint8Array(whole));
    }
    return decodeMessage(frame);
  }
}

function decodeMessage(bytes: Uint8Array): Message | null {
  if (bytes[0] !== 1) throw new Error('not protocol version 1');
  const d = decoding.createDecoder(bytes.subarray(2));
  const kind = bytes[1]!;
  switch (kind) {
    case 1:
      return {
        kind,
        memberId: decoding.readVarString(d),
        protocolVersion: decoding.readVarUint(d),
        docCount: decoding.readVarUint(d),
      };
    case 2:
      return { kind, docId: decoding.readVarString(d), stateVector: decoding.readVarUint8Array(d) };
    case 3:
    case 4:
    case 5:
      return { kind, docId: decoding.readVarString(d), bytes: decoding.readVarUint8Array(d) };
    case 7:
      return { kind, t0: decoding.readFloat64(d) };
    case 8:
      return { kind, t0: decoding.readFloat64(d), t1: decoding.readFloat64(d) };
    default:
      return null;
  }
}
