import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../../../../shared/crypto/base64url';
import type { CircleId } from '../../../../shared/notebook/ids';
import {
  INVITE_LINK_PREFIX,
  decodeInvite,
  encodeInvite,
  inviteCode,
  inviteLink,
  parseInvite,
  type Invite,
} from '../../../../shared/sync/invite';
import { crc32 } from '../../../../shared/sync/crc32';
import { seededRandom } from '../../../helpers/seededRandom';

const random = seededRandom(7);
const bytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => random.int(0, 255));

const INVITE: Invite = {
  circleId: toBase64Url(bytes(16)) as CircleId,
  circleKey: toBase64Url(bytes(32)),
  circleName: 'Thursday circle — café ☕',
  endpoints: ['ws://192.168.1.20:4444', 'ws://[fe80::1]:4444', 'ws://anas-laptop.local:61000'],
};

const BEYOND_THE_ROOM: Invite = {
  ...INVITE,
  endpoints: ['ws://192.168.1.20:4444', 'wss://signal.example.org/hearth', 'ws://203.0.113.5'],
  turn: [
    { url: 'turn:203.0.113.5:3478', username: '1767225600:circle', credential: 'c2VjcmV0' },
    { url: 'turns:relay.example.org?transport=tcp', username: 'ana', credential: 'pässwörd' },
  ],
};

function encoded(invite: Invite = INVITE): Uint8Array {
  const result = encodeInvite(invite);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

describe('invite', () => {
  it('round-trips through bytes, the bare code and the link', () => {
    expect(decodeInvite(encoded())).toEqual({ ok: true, value: INVITE });
    const code = inviteCode(INVITE);
    const link = inviteLink(INVITE);
    expect(code.ok && link.ok).toBe(true);
    if (!code.ok || !link.ok) return;
    expect(link.value).toBe(INVITE_LINK_PREFIX + code.value);
    expect(parseInvite(code.value)).toEqual({ ok: true, value: INVITE });
    expect(parseInvite(link.value)).toEqual({ ok: true, value: INVITE });
  });

  it('accepts the link or the code with whitespace and newlines around it', () => {
    const link = inviteLink(INVITE);
    if (!link.ok) throw new Error(link.reason);
    for (const text of [
      `  ${link.value}\n`,
      `\n\t${link.value.slice(INVITE_LINK_PREFIX.length)} \r\n`,
    ]) {
      expect(parseInvite(text)).toEqual({ ok: true, value: INVITE });
    }
    expect(parseInvite('HEARTH://join/' + link.value.slice(INVITE_LINK_PREFIX.length)).ok).toBe(
      true,
    );
  });

  it('refuses every single-byte corruption with a reason', () => {
    const good = encoded();
    for (let at = 0; at < good.length; at++) {
      for (let value = 0; value < 256; value++) {
        if (value === good[at]) continue;
        const bad = Uint8Array.from(good);
        bad[at] = value;
        const result = decodeInvite(bad);
        expect(result.ok, `byte ${at} = ${value}`).toBe(false);
        if (!result.ok) expect(result.reason.length).toBeGreaterThan(10);
      }
    }
  });

  it('refuses every one-character change of the pasted code', () => {
    const code = toBase64Url(encoded());
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=. ';
    for (let at = 0; at < code.length; at++) {
      for (const char of alphabet) {
        if (char === code[at]) continue;
        const text = code.slice(0, at) + char + code.slice(at + 1);
        // A space or an end character that only changes padding bits: both are refused too.
        expect(parseInvite(text).ok, `${at}: ${char}`).toBe(false);
      }
    }
  });

  it('refuses every truncation and extension', () => {
    const good = encoded();
    for (let length = 0; length < good.length; length++) {
      expect(decodeInvite(good.subarray(0, length)).ok).toBe(false);
    }
    const longer = new Uint8Array(good.length + 1);
    longer.set(good);
    expect(decodeInvite(longer).ok).toBe(false);
    const code = toBase64Url(good);
    for (let length = 0; length < code.length; length++)
      expect(parseInvite(code.slice(0, length)).ok).toBe(false);
  });

  it('writes version 1 for an invite within the room, so an older Hearth still reads it', () => {
    expect(encoded()[0]).toBe(1);
  });

  it('round-trips meeting points beyond the room in a version 2 invite', () => {
    const bytes = encoded(BEYOND_THE_ROOM);
    expect(bytes[0]).toBe(2);
    expect(decodeInvite(bytes)).toEqual({ ok: true, value: BEYOND_THE_ROOM });
    const link = inviteLink(BEYOND_THE_ROOM);
    expect(link.ok && parseInvite(link.value)).toEqual({ ok: true, value: BEYOND_THE_ROOM });
    // A relay alone is enough to need version 2.
    expect(encoded({ ...INVITE, turn: BEYOND_THE_ROOM.turn! })[0]).toBe(2);
  });

  it('refuses every single-byte corruption and every truncation of a version 2 invite', () => {
    const good = encoded(BEYOND_THE_ROOM);
    for (let at = 0; at < good.length; at++) {
      const bad = good.slice();
      bad[at] = bad[at]! ^ 0x5a;
      expect(decodeInvite(bad).ok, `byte ${at}`).toBe(false);
    }
    for (let length = 0; length < good.length; length++) {
      expect(decodeInvite(good.subarray(0, length)).ok, `length ${length}`).toBe(false);
    }
  });

  it('refuses relays that are not TURN, or come without credentials', () => {
    for (const server of [
      { url: 'stun:203.0.113.5:3478', username: 'a', credential: 'b' },
      { url: 'http://203.0.113.5', username: 'a', credential: 'b' },
      { url: 'turn:203.0.113.5:3478', username: '', credential: 'b' },
      { url: 'turn:203.0.113.5:3478', username: 'a', credential: '' },
      { url: 'turn:203.0.113.5:99999', username: 'a', credential: 'b' },
    ]) {
      expect(encodeInvite({ ...INVITE, turn: [server] }).ok, server.url).toBe(false);
    }
    const four = Array.from({ length: 4 }, () => BEYOND_THE_ROOM.turn![0]!);
    expect(encodeInvite({ ...INVITE, turn: four }).ok).toBe(false);
  });

  it('refuses another version, even with a correct checksum', () => {
    const bytes = encoded();
    bytes[0] = 3;
    const sum = crc32(bytes.subarray(0, bytes.length - 4));
    bytes.set([sum >>> 24, (sum >>> 16) & 255, (sum >>> 8) & 255, sum & 255], bytes.length - 4);
    expect(decodeInvite(bytes)).toEqual({
      ok: false,
      reason: expect.stringMatching(/version 3/) as string,
    });
  });

  it('refuses too many addresses, too long ones and ones of another form', () => {
    const many = Array.from({ length: 9 }, (_, i) => `ws://10.0.0.${i}:4444`);
    expect(encodeInvite({ ...INVITE, endpoints: many }).ok).toBe(false);
    expect(encodeInvite({ ...INVITE, endpoints: many.slice(0, 8) }).ok).toBe(true);
    const long = `ws://${'a'.repeat(60)}.${'b'.repeat(60)}.local:4444`;
    expect(encodeInvite({ ...INVITE, endpoints: [long] }).ok).toBe(false);
    for (const address of [
      'http://10.0.0.1:80',
      'ws:/10.0.0.1',
      'ws://300.0.0.1:80',
      'ws://h:0',
      'ws://h:70000',
      'wss://h:1/a b',
    ]) {
      expect(encodeInvite({ ...INVITE, endpoints: [address] }).ok, address).toBe(false);
    }
    expect(encodeInvite({ ...INVITE, circleName: 'x'.repeat(81) }).ok).toBe(false);
    expect(encodeInvite({ ...INVITE, circleName: '' }).ok).toBe(false);
  });

  it('refuses text that is not an invite at all', () => {
    for (const text of [
      '',
      '   ',
      'https://example.org/join/abc',
      'hearth://join/',
      'not base64!',
      'x'.repeat(9000),
    ]) {
      const result = parseInvite(text);
      expect(result.ok, text.slice(0, 30)).toBe(false);
    }
    expect(fromBase64Url(toBase64Url(encoded()))).toEqual(encoded());
  });

  it('computes the standard CRC-32 check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it.each(['line\nbreak', ' leading space', 'trailing space ', 'nul\u0000'])(
    'refuses a forged invite whose circle name %j could not be typed into Hearth',
    (circleName) => {
      const code = inviteCode({ ...INVITE, circleName });
      expect(code.ok).toBe(true);
      if (!code.ok) return;
      expect(parseInvite(code.value)).toEqual({
        ok: false,
        reason: 'the circle name in the invite is not readable text',
      });
    },
  );

  it('reads and writes the two examples in INVITE.md byte for byte', () => {
    const room: Invite = {
      circleId: 'AQEBAQEBAQEBAQEBAQEBAQ' as CircleId,
      circleKey: 'A'.repeat(43),
      circleName: 'Thursday circle',
      endpoints: ['ws://192.168.1.20:4444'],
    };
    const beyond: Invite = {
      ...room,
      endpoints: ['ws://192.168.1.20:4444', 'wss://signal.example.org/hearth'],
      turn: [
        {
          url: 'turn:203.0.113.1:3478',
          username: '1767225600:hearth',
          credential: 'Vb2SRQxPp4mhgQ3GT3D5zj7D0F0=',
        },
      ],
    };
    const v1 =
      'hearth://join/AQEBAQEBAQEBAQEBAQEBAQEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA9UaHVyc2RheSBjaXJjbGUBFndzOi8vMTkyLjE2OC4xLjIwOjQ0NDRAe4gc';
    const v2 =
      'hearth://join/AgEBAQEBAQEBAQEBAQEBAQEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA9UaHVyc2RheSBjaXJjbGUCFndzOi8vMTkyLjE2OC4xLjIwOjQ0NDQfd3NzOi8vc2lnbmFsLmV4YW1wbGUub3JnL2hlYXJ0aAEVdHVybjoyMDMuMC4xMTMuMTozNDc4ETE3NjcyMjU2MDA6aGVhcnRoHFZiMlNSUXhQcDRtaGdRM0dUM0Q1emo3RDBGMD2WMjMF';
    expect(inviteLink(room)).toEqual({ ok: true, value: v1 });
    expect(parseInvite(v1)).toEqual({ ok: true, value: room });
    expect(inviteLink(beyond)).toEqual({ ok: true, value: v2 });
    expect(parseInvite(v2)).toEqual({ ok: true, value: beyond });
  });
});
