/**
 * The invite codec: what lets a new laptop join a circle. Two format versions, byte by
 * byte (all lengths are single unsigned bytes; see ./INVITE.md for the full description):
 *
 *   u8       version = 1 or 2
 *   16 bytes circle id (the bytes behind the 22-character base64url CircleId)
 *   32 bytes circle key
 *   u8 n     circle name length in UTF-8 bytes, 1..240; then n bytes of UTF-8
 *            (at most 80 characters, as the notebook's own limit)
 *   u8 m     number of signalling endpoint addresses, 0..8; then m times:
 *            u8 k (1..128) and k ASCII bytes: version 1 `ws://host:port` only;
 *            version 2 also `wss://`, an optional port and a path (./meetingPoints.ts)
 *   version 2 only — u8 t, number of TURN relays, 0..3; then t times:
 *            u8 + ASCII `turn:`/`turns:` URL, u8 + UTF-8 username, u8 + UTF-8 credential
 *   4 bytes  CRC-32 (./crc32.ts) of every byte before it, big-endian
 *
 * The encoder writes version 1 whenever the invite holds nothing version 1 cannot say,
 * so a laptop with an older Hearth in the room still reads the usual invite.
 *
 * Text forms: the link `hearth://join/<base64url>` and the bare `<base64url>` (RFC 4648
 * §5, no padding). Decoding trims surrounding whitespace and is otherwise strict: any
 * other character, a wrong version, a bad checksum, a short or long body, or a field out
 * of bounds is refused with a reason a member can be shown.
 */
import { fromBase64Url, toBase64Url } from '../crypto/base64url';
import { isId, type CircleId } from '../notebook/ids';
import type { Checked } from '../validate';
import { CIRCLE_KEY_BYTES } from './circleSecrets';
import { crc32 } from './crc32';
import {
  MAX_TURN_SERVERS,
  signallingProblem,
  turnServerProblem,
  type TurnServer,
} from './meetingPoints';

/** The invite format version written when the invite carries meeting points beyond the room. */
export const INVITE_VERSION = 2;
/** The first format version, still written (and read) for invites within one room. */
export const ROOM_INVITE_VERSION = 1;
/** The scheme and path of an invite link. */
export const INVITE_LINK_PREFIX = 'hearth://join/';
/** The most signalling endpoint addresses an invite carries. */
export const MAX_INVITE_ENDPOINTS = 8;
/** The longest endpoint address, in characters. */
export const MAX_ENDPOINT_CHARS = 128;
/** The longest circle name, in characters (the notebook's limit). */
export const MAX_CIRCLE_NAME_CHARS = 80;

const CIRCLE_ID_BYTES = 16;
const MAX_NAME_BYTES = 240;
const CHECKSUM_BYTES = 4;
const FIXED_BYTES = 1 + CIRCLE_ID_BYTES + CIRCLE_KEY_BYTES;
const MIN_BYTES = FIXED_BYTES + 1 + 1 + 1 + CHECKSUM_BYTES;
const MAX_TURN_FIELD_BYTES = 255;
const MAX_BYTES =
  FIXED_BYTES +
  1 +
  MAX_NAME_BYTES +
  1 +
  MAX_INVITE_ENDPOINTS * (1 + MAX_ENDPOINT_CHARS) +
  1 +
  MAX_TURN_SERVERS * 3 * (1 + MAX_TURN_FIELD_BYTES) +
  4;
// Generous room for whitespace around a pasted code; anything longer is not an invite.
const MAX_TEXT_CHARS = 8192;

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const ENDPOINT_PATTERN = new RegExp(
  `^ws://(\\d{1,3}(?:\\.\\d{1,3}){3}|\\[[0-9A-Fa-f:.]{2,45}\\]|${LABEL}(?:\\.${LABEL})*):(\\d{1,5})$`,
);

// No control characters, no leading or trailing space (as shared/ipc/arguments.ts).
const DISPLAY_NAME_PATTERN = /^(?!\s)[^\p{Cc}]*(?<!\s)$/u;

/** An invite to a circle. */
export interface Invite {
  circleId: CircleId;
  /** The circle key, base64url (43 characters), as profiles and IPC carry it. */
  circleKey: string;
  circleName: string;
  /** Signalling endpoints to try: `ws://host:port` in the room, `ws(s)://` beyond it. */
  endpoints: readonly string[];
  /** TURN relays (version 2); absent or empty in an invite within one room. */
  turn?: readonly TurnServer[];
}

/** True when `address` is a signalling endpoint address an invite may carry. */
export function isEndpointAddress(address: string): boolean {
  if (address.length > MAX_ENDPOINT_CHARS) return false;
  const match = ENDPOINT_PATTERN.exec(address);
  if (match === null) return false;
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return false;
  const host = match[1]!;
  // A dotted quad must be a real IPv4 address, not a hostname of digits.
  if (/^[\d.]+$/.test(host)) return host.split('.').every((octet) => Number(octet) <= 255);
  return true;
}

/** Encodes an invite to bytes, or says which field does not fit the format. */
export function encodeInvite(invite: Invite): Checked<Uint8Array> {
  const circleId = isId(invite.circleId) ? fromBase64Url(invite.circleId) : null;
  if (circleId?.length !== CIRCLE_ID_BYTES) return refuse('the circle id is not a circle id');
  const key = fromBase64Url(invite.circleKey);
  if (key?.length !== CIRCLE_KEY_BYTES) return refuse('the circle key is not 32 bytes');
  const name = new TextEncoder().encode(invite.circleName);
  if (invite.circleName.length === 0 || invite.circleName.length > MAX_CIRCLE_NAME_CHARS) {
    return refuse(`the circle name must have 1 to ${MAX_CIRCLE_NAME_CHARS} characters`);
  }
  if (invite.endpoints.length > MAX_INVITE_ENDPOINTS) {
    return refuse(`an invite carries at most ${MAX_INVITE_ENDPOINTS} addresses`);
  }
  const turn = invite.turn ?? [];
  const version =
    turn.length === 0 && invite.endpoints.every(isEndpointAddress)
      ? ROOM_INVITE_VERSION
      : INVITE_VERSION;
  const endpoints: Uint8Array[] = [];
  for (const address of invite.endpoints) {
    if (signallingProblem(address) !== null) {
      return refuse(`"${address}" is not a ws:// or wss:// address`);
    }
    endpoints.push(new TextEncoder().encode(address));
  }
  const relays = encodeTurn(turn);
  if (!relays.ok) return relays;
  const length =
    FIXED_BYTES +
    1 +
    name.length +
    1 +
    endpoints.reduce((sum, e) => sum + 1 + e.length, 0) +
    (version === INVITE_VERSION ? relays.value.length : 0) +
    4;
  const out = new Uint8Array(length);
  let at = 0;
  out[at++] = version;
  out.set(circleId, at);
  at += CIRCLE_ID_BYTES;
  out.set(key, at);
  at += CIRCLE_KEY_BYTES;
  out[at++] = name.length;
  out.set(name, at);
  at += name.length;
  out[at++] = endpoints.length;
  for (const endpoint of endpoints) {
    out[at++] = endpoint.length;
    out.set(endpoint, at);
    at += endpoint.length;
  }
  if (version === INVITE_VERSION) {
    out.set(relays.value, at);
    at += relays.value.length;
  }
  writeChecksum(out, at);
  return { ok: true, value: out };
}

/** Decodes invite bytes strictly; a reason says what is wrong. */
export function decodeInvite(bytes: Uint8Array): Checked<Invite> {
  if (bytes.length === 0) return refuse('the invite is empty');
  const version = bytes[0];
  if (version !== ROOM_INVITE_VERSION && version !== INVITE_VERSION) {
    return refuse(`this invite has format version ${version}; this Hearth reads versions 1 and 2`);
  }
  if (bytes.length < MIN_BYTES) return refuse('the invite is cut short');
  if (bytes.length > MAX_BYTES) return refuse('the invite is longer than any invite can be');
  const body = bytes.length - CHECKSUM_BYTES;
  if (readChecksum(bytes, body) !== crc32(bytes.subarray(0, body))) {
    return refuse('the invite does not check out: a character was changed, added or lost');
  }
  let at = 1;
  const circleId = toBase64Url(bytes.subarray(at, at + CIRCLE_ID_BYTES)) as CircleId;
  at += CIRCLE_ID_BYTES;
  const circleKey = toBase64Url(bytes.subarray(at, at + CIRCLE_KEY_BYTES));
  at += CIRCLE_KEY_BYTES;
  const nameLength = bytes[at++]!;
  if (nameLength === 0 || nameLength > MAX_NAME_BYTES || at + nameLength > body) {
    return refuse('the circle name in the invite has a wrong length');
  }
  const circleName = decodeUtf8(bytes.subarray(at, at + nameLength));
  at += nameLength;
  // The same rule as a name typed into Hearth: a forged invite could otherwise show a
  // name with line breaks or control characters, which joining would then refuse.
  if (
    circleName === null ||
    circleName.length > MAX_CIRCLE_NAME_CHARS ||
    !DISPLAY_NAME_PATTERN.test(circleName)
  ) {
    return refuse('the circle name in the invite is not readable text');
  }
  if (at >= body) return refuse('the invite is cut short');
  const count = bytes[at++]!;
  if (count > MAX_INVITE_ENDPOINTS) return refuse('the invite lists too many addresses');
  const endpoints: string[] = [];
  for (let i = 0; i < count; i++) {
    const length = at < body ? bytes[at++]! : 0;
    if (length === 0 || length > MAX_ENDPOINT_CHARS || at + length > body) {
      return refuse('an address in the invite has a wrong length');
    }
    const address = decodeUtf8(bytes.subarray(at, at + length));
    at += length;
    const fine =
      address !== null &&
      (version === ROOM_INVITE_VERSION
        ? isEndpointAddress(address)
        : signallingProblem(address) === null);
    if (!fine) return refuse('an address in the invite is not a signalling address');
    endpoints.push(address);
  }
  let turn: TurnServer[] = [];
  if (version === INVITE_VERSION) {
    const relays = decodeTurn(bytes, at, body);
    if (!relays.ok) return relays;
    turn = relays.value.turn;
    at = relays.value.at;
  }
  if (at !== body) return refuse('the invite has bytes after its last field');
  const invite: Invite = { circleId, circleKey, circleName, endpoints };
  return { ok: true, value: version === INVITE_VERSION ? { ...invite, turn } : invite };
}

/** The bare invite code (base64url) to copy as text. */
export function inviteCode(invite: Invite): Checked<string> {
  const encoded = encodeInvite(invite);
  return encoded.ok ? { ok: true, value: toBase64Url(encoded.value) } : encoded;
}

/** The invite as a `hearth://join/…` link (for the QR code and the protocol handler). */
export function inviteLink(invite: Invite): Checked<string> {
  const code = inviteCode(invite);
  return code.ok ? { ok: true, value: INVITE_LINK_PREFIX + code.value } : code;
}

/** Reads pasted or opened text: the link or the bare code, with surrounding whitespace. */
export function parseInvite(text: string): Checked<Invite> {
  if (text.length > MAX_TEXT_CHARS) return refuse('this text is far too long to be an invite');
  let code = text.trim();
  if (code.slice(0, INVITE_LINK_PREFIX.length).toLowerCase() === INVITE_LINK_PREFIX) {
    code = code.slice(INVITE_LINK_PREFIX.length);
  } else if (code.includes('://')) {
    return refuse('this link is not a Hearth invite');
  }
  if (code.length === 0) return refuse('there is no invite code in this text');
  const bytes = fromBase64Url(code);
  if (bytes === null) {
    return refuse('the invite code has characters an invite never has, or a cut-off end');
  }
  return decodeInvite(bytes);
}

// The TURN section of a version 2 invite: a count, then url, username and credential.
function encodeTurn(turn: readonly TurnServer[]): Checked<Uint8Array> {
  if (turn.length > MAX_TURN_SERVERS) {
    return refuse(`an invite carries at most ${MAX_TURN_SERVERS} relays`);
  }
  const parts: Uint8Array[] = [Uint8Array.of(turn.length)];
  for (const server of turn) {
    if (turnServerProblem(server) !== null) return refuse(`"${server.url}" is not a usable relay`);
    for (const field of [server.url, server.username, server.credential]) {
      const encoded = new TextEncoder().encode(field);
      if (encoded.length > MAX_TURN_FIELD_BYTES)
        return refuse('a relay’s credentials are too long');
      parts.push(Uint8Array.of(encoded.length), encoded);
    }
  }
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return { ok: true, value: out };
}

function decodeTurn(
  bytes: Uint8Array,
  start: number,
  body: number,
): Checked<{ turn: TurnServer[]; at: number }> {
  let at = start;
  if (at >= body) return refuse('the invite is cut short');
  const count = bytes[at++]!;
  if (count > MAX_TURN_SERVERS) return refuse('the invite lists too many relays');
  const turn: TurnServer[] = [];
  for (let i = 0; i < count; i++) {
    const fields: string[] = [];
    for (let f = 0; f < 3; f++) {
      const length = at < body ? bytes[at++]! : 0;
      if (length === 0 || at + length > body)
        return refuse('a relay in the invite has a wrong length');
      const text = decodeUtf8(bytes.subarray(at, at + length));
      at += length;
      if (text === null) return refuse('a relay in the invite is not readable text');
      fields.push(text);
    }
    const server = { url: fields[0]!, username: fields[1]!, credential: fields[2]! };
    if (turnServerProblem(server) !== null) return refuse('a relay in the invite is not usable');
    turn.push(server);
  }
  return { ok: true, value: { turn, at } };
}

function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function writeChecksum(out: Uint8Array, at: number): void {
  const sum = crc32(out.subarray(0, at));
  out[at] = sum >>> 24;
  out[at + 1] = (sum >>> 16) & 0xff;
  out[at + 2] = (sum >>> 8) & 0xff;
  out[at + 3] = sum & 0xff;
}

function readChecksum(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0
  );
}
