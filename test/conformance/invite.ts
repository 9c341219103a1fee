/** Reads a Hearth invite link, as INVITE.md describes its bytes. */

/** What an invite holds. */
export interface Invite {
  circleId: Uint8Array;
  circleKey: Uint8Array;
  name: string;
  endpoints: string[];
  /** TURN relays (version 2 only). */
  turn: { url: string; username: string; credential: string }[];
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** The invite in `text` (a `hearth://join/` link or the bare code); throws on anything else. */
export function readInvite(text: string): Invite {
  const code = text.trim().replace(/^hearth:\/\/join\//i, '');
  const bytes = new Uint8Array(Buffer.from(code, 'base64url'));
  const version = bytes[0];
  if (version !== 1 && version !== 2) throw new Error('not a version 1 or 2 invite');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(bytes.length - 4) !== crc32(bytes.subarray(0, bytes.length - 4))) {
    throw new Error('the invite checksum does not match');
  }
  let at = 1;
  const take = (n: number): Uint8Array => bytes.subarray(at, (at += n));
  const circleId = take(16);
  const circleKey = take(32);
  const name = new TextDecoder().decode(take(bytes[at++]!));
  const endpoints: string[] = [];
  for (let count = bytes[at++]!; count > 0; count--) {
    endpoints.push(new TextDecoder().decode(take(bytes[at++]!)));
  }
  const turn: Invite['turn'] = [];
  const field = (): string => new TextDecoder().decode(take(bytes[at++]!));
  for (let count = version === 2 ? bytes[at++]! : 0; count > 0; count--) {
    turn.push({ url: field(), username: field(), credential: field() });
  }
  return { circleId, circleKey, name, endpoints, turn };
}
