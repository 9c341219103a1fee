/**
 * The browser-mode wire format, version 1: how the renderer and the local Node host
 * exchange the IPC contract over one WebSocket at {@link BRIDGE_PATH}, one binary
 * WebSocket message per frame. The page opens the socket offering two subprotocols,
 * {@link BRIDGE_PROTOCOL} and `hearth.token.<access token>`; the host answers with the
 * first, or refuses the handshake.
 *
 *   byte 0         WIRE_VERSION
 *   bytes 1..4     J, unsigned 32-bit big-endian: length of the JSON text
 *   next J bytes   the message as UTF-8 JSON; every Uint8Array in it is replaced by a
 *                  placeholder object {"$bytes": i}, i counting from 0
 *   then, once per placeholder, in index order:
 *                  unsigned 32-bit big-endian length, then that many bytes
 *
 * The frame ends exactly after the last blob. Bytes travel as they are (no base64), so
 * a 30 MB Yjs update costs 30 MB on the wire.
 *
 * Messages ({@link WireMessage}):
 *   hello   host -> page once the socket is authenticated: versions, so a stale page knows
 *   invoke  page -> host: {id, channel, args}
 *   result  host -> page: {id, ok: true, value} or {id, ok: false, error} (a HearthError wire string)
 *   event   host -> page: {channel, payload}
 *
 * The host also sends an event on {@link BRIDGE_BEAT_CHANNEL} every
 * {@link BRIDGE_BEAT_MS} (no payload): a page that hears nothing for
 * {@link BRIDGE_SILENCE_MS} knows the host is gone even when no socket closed (a
 * frozen or suspended process). A page that knows no beat ignores it as an event
 * nobody listens to.
 *
 * The host treats every frame as untrusted: {@link decodeFrame} never throws, bounds
 * every size and nesting depth, refuses anything that is not exactly this format and
 * says why. An object whose own key is "$bytes" cannot be sent (it would read back as
 * bytes), and neither can "__proto__" keys, functions, non-finite numbers or cycles.
 */
import type { Checked } from '../validate';

/** Bumped whenever the framing or the message shapes change. */
export const WIRE_VERSION = 1;

/** The path of the host's WebSocket endpoint. */
export const BRIDGE_PATH = '/bridge';
/** The subprotocol that names the bridge and its wire version. */
export const BRIDGE_PROTOCOL = 'hearth.bridge.1';
/** The prefix of the subprotocol that carries the access token. */
export const TOKEN_PROTOCOL_PREFIX = 'hearth.token.';
/** An access token: 32 random bytes in base64url, which are also valid subprotocol characters. */
export const ACCESS_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The largest frame either side sends or accepts: a maximal update plus room for JSON. */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;
/** The largest JSON part of a frame. Every message is small apart from its bytes. */
export const MAX_JSON_BYTES = 4 * 1024 * 1024;
/** The most byte arrays one frame may carry. */
export const MAX_BLOBS = 1024;
/** The deepest nesting of arrays and objects in a message. */
export const MAX_DEPTH = 32;

/** The channel of the host's heartbeat events (not an event of the IPC contract). */
export const BRIDGE_BEAT_CHANNEL = 'hearth:bridge:beat';
/** How often the host's heartbeat comes. */
export const BRIDGE_BEAT_MS = 500;
/** After this long without a frame, the page takes the host for gone. */
export const BRIDGE_SILENCE_MS = 1500;

/** Sent by the host when a socket has been let in. */
export interface HelloMessage {
  kind: 'hello';
  wireVersion: number;
  contractVersion: number;
}

/** A request from the page. `channel` and `args` are checked by the host, not here. */
export interface InvokeMessage {
  kind: 'invoke';
  id: number;
  channel: string;
  args: unknown[];
}

/** The outcome of one request; `error` is a `HearthError` wire string. */
export type ResultMessage =
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number; ok: false; error: string };

/** An event pushed by the host to every authenticated page. */
export interface EventMessage {
  kind: 'event';
  channel: string;
  payload: unknown;
}

/** Any message of the browser-mode bridge. */
export type WireMessage = HelloMessage | InvokeMessage | ResultMessage | EventMessage;

/** Raised by {@link encodeFrame} for a value the format cannot carry. */
export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireError';
  }
}

const HEADER_BYTES = 5;
const BYTES_KEY = '$bytes';
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** Encodes a message as one frame; throws {@link WireError} if it cannot be carried. */
export function encodeFrame(message: WireMessage): Uint8Array<ArrayBuffer> {
  const blobs: Uint8Array[] = [];
  const json = utf8Encoder.encode(JSON.stringify(toJsonSafe(message, blobs, 0, 'message')));
  if (json.length > MAX_JSON_BYTES) {
    throw new WireError(`the message is ${json.length} bytes of JSON, over ${MAX_JSON_BYTES}`);
  }
  if (blobs.length > MAX_BLOBS)
    throw new WireError(`the message holds over ${MAX_BLOBS} byte arrays`);
  let size = HEADER_BYTES + json.length;
  for (const blob of blobs) size += 4 + blob.length;
  if (size > MAX_FRAME_BYTES)
    throw new WireError(`the frame would be ${size} bytes, over ${MAX_FRAME_BYTES}`);

  const frame = new Uint8Array(size);
  const view = new DataView(frame.buffer);
  frame[0] = WIRE_VERSION;
  view.setUint32(1, json.length);
  frame.set(json, HEADER_BYTES);
  let offset = HEADER_BYTES + json.length;
  for (const blob of blobs) {
    view.setUint32(offset, blob.length);
    frame.set(blob, offset + 4);
    offset += 4 + blob.length;
  }
  return frame;
}

// Copies `value` into plain JSON, moving every Uint8Array into `blobs`.
function toJsonSafe(value: unknown, blobs: Uint8Array[], depth: number, path: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    // JSON would silently turn these into null.
    if (!Number.isFinite(value)) throw new WireError(`${path} is not a finite number`);
    return value;
  }
  if (value instanceof Uint8Array) {
    blobs.push(value);
    return { [BYTES_KEY]: blobs.length - 1 };
  }
  if (typeof value !== 'object') throw new WireError(`${path} cannot be sent (${typeof value})`);
  if (depth >= MAX_DEPTH) throw new WireError(`${path} is nested deeper than ${MAX_DEPTH}`);
  if (Array.isArray(value)) {
    return value.map((item: unknown, i) => {
      // JSON would turn a hole or undefined into null; refuse instead of changing the value.
      if (item === undefined) throw new WireError(`${path}[${i}] is undefined`);
      return toJsonSafe(item, blobs, depth + 1, `${path}[${i}]`);
    });
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new WireError(`${path} is not a plain object`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === BYTES_KEY || key === '__proto__') {
      throw new WireError(`${path} has the reserved key ${JSON.stringify(key)}`);
    }
    // Like JSON and like Electron's structured clone of a missing field: undefined drops out.
    if (item === undefined) continue;
    out[key] = toJsonSafe(item, blobs, depth + 1, `${path}.${key}`);
  }
  return out;
}

/** Decodes one frame from an untrusted sender; never throws, says why a frame is refused. */
export function decodeFrame(frame: Uint8Array): Checked<WireMessage> {
  try {
    return decodeStrictly(frame);
  } catch (error) {
    // Every expected fault is reported below; this is the last line against surprises.
    return refuse(`the frame could not be read (${error instanceof Error ? error.name : 'error'})`);
  }
}

function decodeStrictly(frame: Uint8Array): Checked<WireMessage> {
  if (frame.length < HEADER_BYTES) return refuse(`the frame is only ${frame.length} bytes`);
  if (frame.length > MAX_FRAME_BYTES) return refuse(`the frame is over ${MAX_FRAME_BYTES} bytes`);
  if (frame[0] !== WIRE_VERSION) {
    return refuse(`the frame is wire version ${frame[0]}, expected ${WIRE_VERSION}`);
  }
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const jsonLength = view.getUint32(1);
  if (jsonLength > MAX_JSON_BYTES) return refuse(`the JSON part is over ${MAX_JSON_BYTES} bytes`);
  if (HEADER_BYTES + jsonLength > frame.length)
    return refuse('the frame ends inside its JSON part');

  const blobs: Uint8Array[] = [];
  let offset = HEADER_BYTES + jsonLength;
  while (offset < frame.length) {
    if (blobs.length >= MAX_BLOBS) return refuse(`the frame holds over ${MAX_BLOBS} byte arrays`);
    if (offset + 4 > frame.length) return refuse('the frame ends inside a byte array length');
    const length = view.getUint32(offset);
    if (offset + 4 + length > frame.length) return refuse('the frame ends inside a byte array');
    // A copy (not `slice`, which a Node Buffer turns into a view), so a handler that
    // keeps the bytes does not pin the whole frame, and the value is a plain Uint8Array.
    const blob = new Uint8Array(length);
    blob.set(frame.subarray(offset + 4, offset + 4 + length));
    blobs.push(blob);
    offset += 4 + length;
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(
      utf8Decoder.decode(frame.subarray(HEADER_BYTES, HEADER_BYTES + jsonLength)),
    );
  } catch {
    return refuse('the JSON part is not valid UTF-8 JSON');
  }
  const used = new Uint8Array(blobs.length);
  const revived = revive(parsed, blobs, used, 0);
  if (!revived.ok) return revived;
  if (used.includes(0)) return refuse('the frame carries a byte array no placeholder refers to');
  return checkMessage(revived.value);
}

// Replaces placeholders with their bytes, in place, within the depth bound.
function revive(
  value: unknown,
  blobs: Uint8Array[],
  used: Uint8Array,
  depth: number,
): Checked<unknown> {
  // JSON.parse reads 1e400 as Infinity, which encodeFrame refuses to send: refuse it here
  // too, so what is accepted is exactly what the format can carry (found by npm run fuzz).
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return refuse('the message holds a number out of range');
  }
  if (typeof value !== 'object' || value === null) return pass(value);
  if (depth >= MAX_DEPTH) return refuse(`the message is nested deeper than ${MAX_DEPTH}`);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = revive(value[i], blobs, used, depth + 1);
      if (!item.ok) return item;
      value[i] = item.value;
    }
    return pass(value);
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.includes(BYTES_KEY)) {
    const index = record[BYTES_KEY];
    if (keys.length !== 1 || typeof index !== 'number' || !Number.isInteger(index)) {
      return refuse('a byte array placeholder is malformed');
    }
    if (index < 0 || index >= blobs.length) return refuse(`placeholder ${index} has no byte array`);
    if (used[index] === 1) return refuse(`byte array ${index} is referred to twice`);
    used[index] = 1;
    return pass(blobs[index]);
  }
  for (const key of keys) {
    // Assigning such a key later would change an object's prototype.
    if (key === '__proto__') return refuse('the message has a "__proto__" key');
    const item = revive(record[key], blobs, used, depth + 1);
    if (!item.ok) return item;
    record[key] = item.value;
  }
  return pass(record);
}

// Checks the envelope: exactly the fields of one message kind, with the right types.
function checkMessage(value: unknown): Checked<WireMessage> {
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    value instanceof Uint8Array
  ) {
    return refuse('the message is not an object');
  }
  const m = value as Record<string, unknown>;
  const fields = Object.keys(m).sort().join(',');
  switch (m.kind) {
    case 'hello':
      if (fields !== 'contractVersion,kind,wireVersion')
        return refuse('a hello has the wrong fields');
      if (!isWholeNumber(m.wireVersion) || !isWholeNumber(m.contractVersion)) {
        return refuse('a hello has malformed versions');
      }
      return pass(m as unknown as HelloMessage);
    case 'invoke':
      if (fields !== 'args,channel,id,kind') return refuse('an invoke has the wrong fields');
      if (!isWholeNumber(m.id)) return refuse('an invoke id is not a whole number');
      if (typeof m.channel !== 'string') return refuse('an invoke channel is not a string');
      if (!Array.isArray(m.args)) return refuse('invoke arguments are not a list');
      return pass(m as unknown as InvokeMessage);
    case 'result':
      if (!isWholeNumber(m.id)) return refuse('a result id is not a whole number');
      if (m.ok === true) {
        // `value` is absent when the result is undefined (a void request).
        if (fields !== 'id,kind,ok,value' && fields !== 'id,kind,ok') {
          return refuse('a result has the wrong fields');
        }
        return pass({ kind: 'result', id: m.id, ok: true, value: m.value });
      }
      if (m.ok === false) {
        if (fields !== 'error,id,kind,ok') return refuse('a failed result has the wrong fields');
        if (typeof m.error !== 'string') return refuse('a result error is not a string');
        return pass(m as unknown as ResultMessage);
      }
      return refuse('a result has no ok flag');
    case 'event':
      if (fields !== 'channel,kind,payload') return refuse('an event has the wrong fields');
      if (typeof m.channel !== 'string') return refuse('an event channel is not a string');
      return pass(m as unknown as EventMessage);
    default:
      return refuse('the message has an unknown kind');
  }
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function pass<T>(value: T): Checked<T> {
  return { ok: true, value };
}

function refuse(reason: string): Checked<never> {
  return { ok: false, reason };
}
