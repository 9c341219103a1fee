/**
 * The door protocol's messages, version 1 (the whole protocol: ../DOOR.md). One message
 * is one binary WebSocket frame; every message starts with the version byte and its kind:
 *
 *   1 KNOCK        knocker -> door   32 commitment, u8 colour, u8 n (1..180), n bytes name (UTF-8)
 *   2 DOOR_KEY     door -> knocker   32 door public key (X25519)
 *   3 REVEAL       knocker -> door   32 knocker public key (X25519)
 *   4 WELCOME      door -> knocker   12 iv, then the sealed invite (AES-256-GCM, tag included)
 *   5 END          door -> knocker   u8 reason: 1 not now, 2 the door closed, 3 expired, 4 busy
 *
 * Decoding is strict: another version, an unknown kind, a wrong length, a name that is
 * not a display name, an unknown colour or reason, or a byte after the last field is
 * refused with a reason (which never quotes the message).
 */
import { MEMBER_COLOURS, LIMITS, type MemberColour } from '../../notebook/schema';
import type { Checked } from '../../validate';

/** The protocol version every message starts with. */
export const DOOR_PROTOCOL_VERSION = 1;
/** The largest message either side sends (a WELCOME with the largest invite); larger frames close the connection. */
export const MAX_DOOR_MESSAGE_BYTES = 2048;
/** X25519 public keys, commitments and transcript hashes are this long. */
export const DOOR_KEY_BYTES = 32;
/** The AES-GCM nonce of a WELCOME. */
export const DOOR_IV_BYTES = 12;
/** The AES-GCM tag at the end of a sealed invite. */
export const DOOR_TAG_BYTES = 16;
/** The longest knocker name, in UTF-8 bytes (60 characters of up to 3 bytes each). */
export const MAX_KNOCKER_NAME_BYTES = 180;

/** Message kinds. */
export const DOOR_KIND = {
  knock: 1,
  doorKey: 2,
  reveal: 3,
  welcome: 4,
  end: 5,
} as const;

/** Why a door ended a knock without letting the knocker in. */
export const END_REASONS = ['not-now', 'door-closed', 'expired', 'busy'] as const;
/** One of {@link END_REASONS}. */
export type EndReason = (typeof END_REASONS)[number];

/** A decoded door message. */
export type DoorMessage =
  | { kind: 'knock'; commitment: Uint8Array; colour: MemberColour; name: string }
  | { kind: 'door-key'; publicKey: Uint8Array }
  | { kind: 'reveal'; publicKey: Uint8Array }
  | { kind: 'welcome'; iv: Uint8Array; sealed: Uint8Array }
  | { kind: 'end'; reason: EndReason };

// As shared/ipc/arguments.ts: no control characters, no space at either end.
const DISPLAY_NAME = /^(?!\s)[^\p{Cc}]*(?<!\s)$/u;
const MIN_SEALED_BYTES = DOOR_TAG_BYTES + 1;

/** Encodes a message; throws on a value no caller should produce (a bug, not input). */
export function encodeDoorMessage(message: DoorMessage): Uint8Array<ArrayBuffer> {
  switch (message.kind) {
    case 'knock': {
      const name = new TextEncoder().encode(message.name);
      const colour = MEMBER_COLOURS.indexOf(message.colour);
      if (!isDisplayName(message.name) || name.length > MAX_KNOCKER_NAME_BYTES || colour < 0) {
        throw new RangeError('a knock needs a display name and a member colour');
      }
      return frame(DOOR_KIND.knock, [
        exact(message.commitment, DOOR_KEY_BYTES),
        Uint8Array.of(colour, name.length),
        name,
      ]);
    }
    case 'door-key':
      return frame(DOOR_KIND.doorKey, [exact(message.publicKey, DOOR_KEY_BYTES)]);
    case 'reveal':
      return frame(DOOR_KIND.reveal, [exact(message.publicKey, DOOR_KEY_BYTES)]);
    case 'welcome':
      if (message.sealed.length < MIN_SEALED_BYTES) throw new RangeError('nothing sealed');
      return frame(DOOR_KIND.welcome, [exact(message.iv, DOOR_IV_BYTES), message.sealed]);
    case 'end':
      return frame(DOOR_KIND.end, [Uint8Array.of(END_REASONS.indexOf(message.reason) + 1)]);
  }
}

/** Decodes one frame strictly; never throws. */
export function decodeDoorMessage(bytes: Uint8Array): Checked<DoorMessage> {
  if (bytes.length > MAX_DOOR_MESSAGE_BYTES) return refuse('the message is too long');
  if (bytes.length < 2) return refuse('the message is too short');
  if (bytes[0] !== DOOR_PROTOCOL_VERSION) return refuse('another protocol version');
  const body = bytes.subarray(2);
  switch (bytes[1]) {
    case DOOR_KIND.knock: {
      if (body.length < DOOR_KEY_BYTES + 3) return refuse('a knock is too short');
      const colour = MEMBER_COLOURS[body[DOOR_KEY_BYTES]!];
      if (colour === undefined) return refuse('a knock names no member colour');
      const length = body[DOOR_KEY_BYTES + 1]!;
      if (length < 1 || length > MAX_KNOCKER_NAME_BYTES)
        return refuse('a knock name of bad length');
      if (body.length !== DOOR_KEY_BYTES + 2 + length) return refuse('a knock of the wrong length');
      const name = utf8(body.subarray(DOOR_KEY_BYTES + 2));
      if (name === null || !isDisplayName(name)) return refuse('a knock name that is not a name');
      return ok({ kind: 'knock', commitment: body.slice(0, DOOR_KEY_BYTES), colour, name });
    }
    case DOOR_KIND.doorKey:
    case DOOR_KIND.reveal: {
      if (body.length !== DOOR_KEY_BYTES) return refuse('a public key of the wrong length');
      const kind = bytes[1] === DOOR_KIND.doorKey ? 'door-key' : 'reveal';
      return ok({ kind, publicKey: body.slice() });
    }
    case DOOR_KIND.welcome: {
      if (body.length < DOOR_IV_BYTES + MIN_SEALED_BYTES) return refuse('a welcome is too short');
      return ok({
        kind: 'welcome',
        iv: body.slice(0, DOOR_IV_BYTES),
        sealed: body.slice(DOOR_IV_BYTES),
      });
    }
    case DOOR_KIND.end: {
      const reason = body.length === 1 ? END_REASONS[body[0]! - 1] : undefined;
      if (reason === undefined) return refuse('an end with no known reason');
      return ok({ kind: 'end', reason });
    }
    default:
      return refuse('an unknown kind of message');
  }
}

/** True for a name a knocker may give: 1–60 characters, no control characters, trimmed. */
export function isKnockerName(name: string): boolean {
  return (
    name.length >= 1 &&
    name.length <= LIMITS.memberName &&
    isDisplayName(name) &&
    new TextEncoder().encode(name).length <= MAX_KNOCKER_NAME_BYTES
  );
}

function isDisplayName(name: string): boolean {
  return name.length >= 1 && name.length <= LIMITS.memberName && DISPLAY_NAME.test(name);
}

function frame(kind: number, parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const length = 2 + parts.reduce((sum, part) => sum + part.length, 0);
  if (length > MAX_DOOR_MESSAGE_BYTES) throw new RangeError('a door message over the limit');
  const out = new Uint8Array(length);
  out[0] = DOOR_PROTOCOL_VERSION;
  out[1] = kind;
  let at = 2;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function exact(bytes: Uint8Array, length: number): Uint8Array {
  if (bytes.length !== length) throw new RangeError(`expected ${length} bytes`);
  return bytes;
}

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function ok(message: DoorMessage): Checked<DoorMessage> {
  return { ok: true, value: message };
}

function refuse(reason: string): Checked<DoorMessage> {
  return { ok: false, reason };
}
