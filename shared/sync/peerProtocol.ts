/**
 * The peer-to-peer message format, version 1: what two laptops of one circle say to each
 * other over their one data channel (binary, reliable, ordered). Every document of the
 * circle travels over it, each message naming its document. Encoded with lib0:
 *
 *   u8 version (= 1)   u8 kind   fields of the kind:
 *   HELLO        varString memberId, varUint protocolVersion, varUint docCount
 *   SYNC_STEP_1  varString docId, varUint8Array stateVector      (y-protocols sync step 1)
 *   SYNC_STEP_2  varString docId, varUint8Array update           (y-protocols sync step 2)
 *   UPDATE       varString docId, varUint8Array update           (y-protocols update)
 *   AWARENESS    varString docId, varUint8Array awarenessUpdate  (y-protocols awareness)
 *   CHUNK        u32 messageId (little-endian), varUint index, varUint count,
 *                varUint8Array bytes: one piece of a larger message (./chunking.ts)
 *   CLOCK_PING   f64 t0: the sender's clock, ms since 1970 (./clockOffset.ts)
 *   CLOCK_PONG   f64 t0 echoed, f64 t1: the answerer's clock when it answered
 *   CIRCLE_STATE varUint count, count × (varString docId, varUint8Array stateVector):
 *                every document the sender holds, in one message (the opening of a
 *                session whose HELLO says version 2)
 *   CIRCLE_UPDATES u8 last (0 or 1), varUint count, count × (varString docId,
 *                varUint8Array update): one batch of the answer to a CIRCLE_STATE
 *
 * Updates and state vectors are Yjs update format V1. HELLO opens a session and says how
 * many SYNC_STEP_1 messages follow it, so the other side knows when the initial exchange
 * is done. Decoding is strict: an unknown version or kind, a field out of bounds, a
 * document id that is not one, or a byte left over is refused with a reason. The full
 * description, with the session rules, is ./PEER_PROTOCOL.md.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { isDocId, isId, type DocId, type MemberId } from '../notebook/ids';
import type { Checked } from '../validate';

/** The version byte every frame of this format starts with. */
export const PEER_PROTOCOL_VERSION = 1;
/**
 * The session version a HELLO announces: 2 opens with one CIRCLE_STATE (join by circle);
 * 1 opens with one SYNC_STEP_1 per document, and is still answered.
 */
export const CIRCLE_SYNC_VERSION = 2;

/** Message kinds (the second byte of every frame). */
export const MESSAGE_KIND = {
  HELLO: 1,
  SYNC_STEP_1: 2,
  SYNC_STEP_2: 3,
  UPDATE: 4,
  AWARENESS: 5,
  CHUNK: 6,
  CLOCK_PING: 7,
  CLOCK_PONG: 8,
  CIRCLE_STATE: 9,
  CIRCLE_UPDATES: 10,
} as const;

/** The name of a message kind, as logs and counters show it. */
export type MessageKindName = keyof typeof MESSAGE_KIND;

/** Message kind names by number. */
export const MESSAGE_KIND_NAME: Readonly<Record<number, MessageKindName>> = Object.fromEntries(
  Object.entries(MESSAGE_KIND).map(([name, kind]) => [kind, name]),
) as Record<number, MessageKindName>;

/** Every frame handed to a data channel is at most this long (Chromium allows 256 KiB). */
export const MAX_FRAME_BYTES = 64 * 1024;
/** The largest message, once its chunks are put together. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** Bytes of payload in every chunk but the last; leaves room for the chunk header. */
export const CHUNK_PAYLOAD_BYTES = MAX_FRAME_BYTES - 64;
/** The most chunks one message can need. */
export const MAX_CHUNKS = Math.ceil(MAX_MESSAGE_BYTES / CHUNK_PAYLOAD_BYTES);
/** The largest awareness update accepted. */
export const MAX_AWARENESS_BYTES = 16 * 1024;
/** The largest state vector accepted (about 50,000 writers of one document). */
export const MAX_STATE_VECTOR_BYTES = 1024 * 1024;
/** Yjs client ids are unsigned 32-bit numbers. */
export const MAX_CLIENT_ID = 0xffffffff;
/**
 * No real clock comes near this (it counts one writer's characters); far below 2^53,
 * where numbers stop being exact and ids would collide.
 */
export const MAX_CLOCK = 2 ** 40;
/** The latest time a clock message may carry: JavaScript's last representable date. */
export const MAX_CLOCK_TIME = 8.64e15;
/** The most documents a HELLO may announce or a CIRCLE_STATE name. */
export const MAX_DOC_COUNT = 1_000_000;
const MAX_AWARENESS_CLIENTS = 64;

/** A message of the peer protocol. */
export type PeerMessage =
  | {
      kind: typeof MESSAGE_KIND.HELLO;
      memberId: MemberId;
      protocolVersion: number;
      docCount: number;
    }
  | { kind: typeof MESSAGE_KIND.SYNC_STEP_1; docId: DocId; stateVector: Uint8Array }
  | { kind: typeof MESSAGE_KIND.SYNC_STEP_2; docId: DocId; update: Uint8Array }
  | { kind: typeof MESSAGE_KIND.UPDATE; docId: DocId; update: Uint8Array }
  | { kind: typeof MESSAGE_KIND.AWARENESS; docId: DocId; update: Uint8Array }
  | {
      kind: typeof MESSAGE_KIND.CHUNK;
      messageId: number;
      index: number;
      count: number;
      bytes: Uint8Array;
    }
  | { kind: typeof MESSAGE_KIND.CLOCK_PING; t0: number }
  | { kind: typeof MESSAGE_KIND.CLOCK_PONG; t0: number; t1: number }
  | { kind: typeof MESSAGE_KIND.CIRCLE_STATE; states: DocState[] }
  | { kind: typeof MESSAGE_KIND.CIRCLE_UPDATES; last: boolean; updates: DocUpdate[] };

/** One document's state vector in a CIRCLE_STATE. */
export interface DocState {
  docId: DocId;
  stateVector: Uint8Array;
}

/** One document's update in a CIRCLE_UPDATES batch. */
export interface DocUpdate {
  docId: DocId;
  update: Uint8Array;
}

/** A chunk message. */
export type ChunkMessage = Extract<PeerMessage, { kind: typeof MESSAGE_KIND.CHUNK }>;

/** Encodes a message (the caller splits it into chunks if it is longer than a frame). */
export function encodePeerMessage(message: PeerMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeUint8(encoder, PEER_PROTOCOL_VERSION);
  encoding.writeUint8(encoder, message.kind);
  switch (message.kind) {
    case MESSAGE_KIND.HELLO:
      encoding.writeVarString(encoder, message.memberId);
      encoding.writeVarUint(encoder, message.protocolVersion);
      encoding.writeVarUint(encoder, message.docCount);
      break;
    case MESSAGE_KIND.SYNC_STEP_1:
      encoding.writeVarString(encoder, message.docId);
      encoding.writeVarUint8Array(encoder, message.stateVector);
      break;
    case MESSAGE_KIND.SYNC_STEP_2:
    case MESSAGE_KIND.UPDATE:
    case MESSAGE_KIND.AWARENESS:
      encoding.writeVarString(encoder, message.docId);
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case MESSAGE_KIND.CHUNK:
      encoding.writeUint32(encoder, message.messageId);
      encoding.writeVarUint(encoder, message.index);
      encoding.writeVarUint(encoder, message.count);
      encoding.writeVarUint8Array(encoder, message.bytes);
      break;
    case MESSAGE_KIND.CLOCK_PING:
      encoding.writeFloat64(encoder, message.t0);
      break;
    case MESSAGE_KIND.CLOCK_PONG:
      encoding.writeFloat64(encoder, message.t0);
      encoding.writeFloat64(encoder, message.t1);
      break;
    case MESSAGE_KIND.CIRCLE_STATE:
      encoding.writeVarUint(encoder, message.states.length);
      for (const { docId, stateVector } of message.states) {
        encoding.writeVarString(encoder, docId);
        encoding.writeVarUint8Array(encoder, stateVector);
      }
      break;
    case MESSAGE_KIND.CIRCLE_UPDATES:
      encoding.writeUint8(encoder, message.last ? 1 : 0);
      encoding.writeVarUint(encoder, message.updates.length);
      for (const { docId, update } of message.updates) {
        encoding.writeVarString(encoder, docId);
        encoding.writeVarUint8Array(encoder, update);
      }
      break;
  }
  return encoding.toUint8Array(encoder);
}

/** Decodes one message strictly; never throws. */
export function decodePeerMessage(bytes: Uint8Array): Checked<PeerMessage> {
  if (bytes.length > MAX_MESSAGE_BYTES) return refuse(`a message of ${bytes.length} bytes`);
  if (bytes.length < 2) return refuse('a message shorter than its header');
  if (bytes[0] !== PEER_PROTOCOL_VERSION) {
    return refuse(`a message in protocol version ${bytes[0]}, not ${PEER_PROTOCOL_VERSION}`);
  }
  const reader = new StrictReader(bytes.subarray(2));
  try {
    const message = readBody(bytes[1]!, reader);
    if (!message.ok) return message;
    if (reader.remaining() !== 0) return refuse('a message with bytes after its last field');
    return message;
  } catch (error) {
    // lib0 throws on a truncated varint; the reader's own checks throw FieldError.
    return refuse(error instanceof FieldError ? error.message : 'a message cut short');
  }
}

/** True when `stateVector` is a well-formed Yjs state vector within bounds. */
export function isStateVector(stateVector: Uint8Array): boolean {
  if (stateVector.length > MAX_STATE_VECTOR_BYTES) return false;
  try {
    const decoder = decoding.createDecoder(stateVector);
    const count = decoding.readVarUint(decoder);
    // Each entry takes at least two bytes, so a larger count is a lie.
    if (count > stateVector.length / 2) return false;
    const seen = new Set<number>();
    for (let i = 0; i < count; i++) {
      const client = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      if (client > MAX_CLIENT_ID || clock > MAX_CLOCK || seen.has(client)) return false;
      seen.add(client);
    }
    return !decoding.hasContent(decoder);
  } catch {
    return false;
  }
}

/**
 * True when `update` is a well-formed y-protocols awareness update within bounds:
 * varUint count, then per client varUint clientID, varUint clock, varString JSON state
 * (an object or null), nothing after. The states themselves are checked by whoever
 * applies them (./awarenessStates.ts).
 */
export function isAwarenessUpdate(update: Uint8Array): boolean {
  if (update.length > MAX_AWARENESS_BYTES) return false;
  try {
    const reader = new StrictReader(update);
    const count = reader.varUint();
    if (count > MAX_AWARENESS_CLIENTS) return false;
    for (let i = 0; i < count; i++) {
      if (reader.varUint() > MAX_CLIENT_ID) return false;
      reader.varUint();
      const state: unknown = JSON.parse(reader.string(MAX_AWARENESS_BYTES));
      if (typeof state !== 'object' || Array.isArray(state)) return false;
    }
    return reader.remaining() === 0;
  } catch {
    return false;
  }
}

function readBody(kind: number, reader: StrictReader): Checked<PeerMessage> {
  switch (kind) {
    case MESSAGE_KIND.HELLO: {
      const memberId = reader.string(64);
      if (!isId(memberId)) return refuse('a HELLO whose member id is not an id');
      const protocolVersion = reader.varUint();
      const docCount = reader.varUint();
      if (protocolVersion < 1 || protocolVersion > 255) return refuse('a HELLO with a bad version');
      if (docCount > MAX_DOC_COUNT) return refuse('a HELLO announcing too many documents');
      return ok({ kind, memberId: memberId as MemberId, protocolVersion, docCount });
    }
    case MESSAGE_KIND.SYNC_STEP_1: {
      const docId = reader.docId();
      if (docId === null) return refuse('a SYNC_STEP_1 for something that is not a document id');
      const stateVector = reader.bytes(MAX_STATE_VECTOR_BYTES);
      if (!isStateVector(stateVector)) return refuse('a SYNC_STEP_1 with a malformed state vector');
      return ok({ kind, docId, stateVector });
    }
    case MESSAGE_KIND.SYNC_STEP_2:
    case MESSAGE_KIND.UPDATE:
    case MESSAGE_KIND.AWARENESS: {
      const docId = reader.docId();
      if (docId === null) return refuse(`a ${MESSAGE_KIND_NAME[kind]} for a malformed document id`);
      const max = kind === MESSAGE_KIND.AWARENESS ? MAX_AWARENESS_BYTES : MAX_MESSAGE_BYTES;
      const update = reader.bytes(max);
      if (update.length === 0) return refuse(`an empty ${MESSAGE_KIND_NAME[kind]}`);
      return ok({ kind, docId, update });
    }
    case MESSAGE_KIND.CHUNK: {
      const messageId = reader.uint32();
      const index = reader.varUint();
      const count = reader.varUint();
      const bytes = reader.bytes(CHUNK_PAYLOAD_BYTES);
      if (count < 2 || count > MAX_CHUNKS) return refuse(`a CHUNK of a ${count}-chunk message`);
      if (index >= count) return refuse(`a CHUNK numbered ${index} of ${count}`);
      if (bytes.length === 0) return refuse('an empty CHUNK');
      return ok({ kind, messageId, index, count, bytes });
    }
    case MESSAGE_KIND.CLOCK_PING: {
      const t0 = reader.time();
      return t0 === null ? refuse('a CLOCK_PING with a time no clock shows') : ok({ kind, t0 });
    }
    case MESSAGE_KIND.CLOCK_PONG: {
      const t0 = reader.time();
      const t1 = reader.time();
      if (t0 === null || t1 === null) return refuse('a CLOCK_PONG with a time no clock shows');
      return ok({ kind, t0, t1 });
    }
    case MESSAGE_KIND.CIRCLE_STATE: {
      const count = reader.varUint();
      // Each entry takes at least three bytes (an id, a length, a state vector).
      if (count > MAX_DOC_COUNT || count > reader.remaining() / 3) {
        return refuse(`a CIRCLE_STATE naming ${count} documents`);
      }
      const states: DocState[] = [];
      const seen = new Set<DocId>();
      for (let i = 0; i < count; i++) {
        const docId = reader.docId();
        if (docId === null)
          return refuse('a CIRCLE_STATE naming something that is not a document id');
        if (seen.has(docId)) return refuse('a CIRCLE_STATE naming one document twice');
        seen.add(docId);
        const stateVector = reader.bytes(MAX_STATE_VECTOR_BYTES);
        if (!isStateVector(stateVector))
          return refuse('a CIRCLE_STATE with a malformed state vector');
        states.push({ docId, stateVector });
      }
      return ok({ kind, states });
    }
    case MESSAGE_KIND.CIRCLE_UPDATES: {
      const lastByte = reader.uint8();
      if (lastByte > 1) return refuse('a CIRCLE_UPDATES whose last flag is neither 0 nor 1');
      const count = reader.varUint();
      if (count > MAX_DOC_COUNT || count > reader.remaining() / 3) {
        return refuse(`a CIRCLE_UPDATES of ${count} updates`);
      }
      const updates: DocUpdate[] = [];
      for (let i = 0; i < count; i++) {
        const docId = reader.docId();
        if (docId === null) return refuse('a CIRCLE_UPDATES for a malformed document id');
        const update = reader.bytes(MAX_MESSAGE_BYTES);
        if (update.length === 0) return refuse('an empty update in a CIRCLE_UPDATES');
        updates.push({ docId, update });
      }
      return ok({ kind, last: lastByte === 1, updates });
    }
    default:
      return refuse(`a message of unknown kind ${kind}`);
  }
}

/**
 * One decoder for every string (making one per string cost a joining laptop more than
 * the strings). fatal: a string that is not UTF-8 is refused, never patched with U+FFFD.
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Thrown by StrictReader on a field out of bounds; caught in decodePeerMessage. */
class FieldError extends Error {}

/** Reads fields with a bounds check before every read (lib0 reads past the end silently). */
class StrictReader {
  private readonly decoder: decoding.Decoder;

  constructor(bytes: Uint8Array) {
    this.decoder = decoding.createDecoder(bytes);
  }

  remaining(): number {
    return this.decoder.arr.length - this.decoder.pos;
  }

  varUint(): number {
    return decoding.readVarUint(this.decoder);
  }

  uint8(): number {
    if (this.remaining() < 1) throw new FieldError('a message cut short');
    return decoding.readUint8(this.decoder);
  }

  uint32(): number {
    if (this.remaining() < 4) throw new FieldError('a message cut short');
    return decoding.readUint32(this.decoder);
  }

  /** A float64 time in milliseconds since 1970; null when it is no time a clock shows. */
  time(): number | null {
    if (this.remaining() < 8) throw new FieldError('a message cut short');
    const value = decoding.readFloat64(this.decoder);
    return Number.isFinite(value) && value >= 0 && value <= MAX_CLOCK_TIME ? value : null;
  }

  bytes(max: number): Uint8Array {
    const length = this.varUint();
    if (length > max) throw new FieldError(`a field of ${length} bytes, over ${max}`);
    if (length > this.remaining()) throw new FieldError('a message cut short');
    return decoding.readUint8Array(this.decoder, length);
  }

  string(maxBytes: number): string {
    return UTF8.decode(this.bytes(maxBytes));
  }

  docId(): DocId | null {
    const value = this.string(64);
    return isDocId(value) ? value : null;
  }
}

function ok(message: PeerMessage): Checked<PeerMessage> {
  return { ok: true, value: message };
}

function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
