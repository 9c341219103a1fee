import { describe, expect, it } from 'vitest';
import {
  MAX_BLOBS,
  MAX_DEPTH,
  MAX_FRAME_BYTES,
  MAX_JSON_BYTES,
  WIRE_VERSION,
  WireError,
  decodeFrame,
  encodeFrame,
  type WireMessage,
} from '../../../../shared/ipc/wire';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

// Builds a frame by hand, so the decoder can be shown frames no encoder would write.
function rawFrame(
  json: string | Uint8Array,
  blobs: Uint8Array[] = [],
  version = WIRE_VERSION,
): Uint8Array {
  const text = typeof json === 'string' ? new TextEncoder().encode(json) : json;
  const frame = new Uint8Array(5 + text.length + blobs.reduce((sum, b) => sum + 4 + b.length, 0));
  frame[0] = version;
  frame.set(u32(text.length), 1);
  frame.set(text, 5);
  let offset = 5 + text.length;
  for (const blob of blobs) {
    frame.set(u32(blob.length), offset);
    frame.set(blob, offset + 4);
    offset += 4 + blob.length;
  }
  return frame;
}

function u32(n: number): number[] {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}

function roundTrip(message: WireMessage): WireMessage {
  const decoded = decodeFrame(encodeFrame(message));
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded.value;
}

function refusal(frame: Uint8Array): string {
  const decoded = decodeFrame(frame);
  if (decoded.ok) throw new Error('the frame was accepted');
  return decoded.reason;
}

describe('wire frames', () => {
  it('round-trips every message kind', () => {
    const messages: WireMessage[] = [
      { kind: 'hello', wireVersion: 1, contractVersion: 1 },
      { kind: 'invoke', id: 1, channel: 'hearth:app:info', args: [] },
      { kind: 'invoke', id: 2, channel: 'hearth:settings:update', args: [{ theme: 'dark' }] },
      { kind: 'result', id: 3, ok: true, value: { name: 'Tuesday circle — ☕ ünïcode', n: -1.5 } },
      { kind: 'result', id: 4, ok: true, value: null },
      { kind: 'result', id: 5, ok: false, error: '[not-found] no such circle' },
      { kind: 'event', channel: 'hearth:menu:command', payload: 'new-entry' },
    ];
    for (const message of messages) expect(roundTrip(message)).toEqual(message);
  });

  it('carries bytes as bytes, including empty and nested ones, in any number', () => {
    const update = new Uint8Array(10_000).map((_, i) => i % 251);
    const message: WireMessage = {
      kind: 'invoke',
      id: 9,
      channel: 'hearth:docs:append',
      args: ['c', { deep: [bytes(), { inner: update }] }, bytes(0, 255, 7)],
    };
    const back = roundTrip(message);
    expect(back).toEqual(message);
    if (back.kind !== 'invoke') throw new Error('kind changed');
    const inner = (back.args[1] as { deep: [Uint8Array, { inner: Uint8Array }] }).deep;
    expect(inner[0]).toBeInstanceOf(Uint8Array);
    expect(inner[0].length).toBe(0);
    expect(inner[1].inner).toEqual(update);
  });

  it('sends bytes without base64: the frame is barely larger than the bytes', () => {
    const update = new Uint8Array(1_000_000);
    const frame = encodeFrame({
      kind: 'invoke',
      id: 1,
      channel: 'hearth:docs:append',
      args: [update],
    });
    expect(frame.length).toBeLessThan(update.length + 100);
  });

  it('decodes bytes into fresh arrays, not views of the frame', () => {
    const frame = encodeFrame({ kind: 'result', id: 1, ok: true, value: bytes(1, 2, 3) });
    const decoded = decodeFrame(frame);
    frame.fill(0);
    expect(
      decoded.ok && decoded.value.kind === 'result' && decoded.value.ok && decoded.value.value,
    ).toEqual(bytes(1, 2, 3));
  });

  it('reads a void result (no value field) back as undefined', () => {
    const back = roundTrip({ kind: 'result', id: 7, ok: true, value: undefined });
    expect(back).toEqual({ kind: 'result', id: 7, ok: true, value: undefined });
  });

  it('drops undefined object fields like structured clone and JSON do', () => {
    const back = roundTrip({
      kind: 'invoke',
      id: 1,
      channel: 'x',
      args: [{ theme: undefined, textSize: 'large' }],
    });
    expect(back).toEqual({ kind: 'invoke', id: 1, channel: 'x', args: [{ textSize: 'large' }] });
  });

  it('refuses to encode what it could not read back faithfully', () => {
    const encode = (value: unknown) => () =>
      encodeFrame({ kind: 'result', id: 1, ok: true, value });
    expect(encode({ $bytes: 0 })).toThrow(WireError);
    expect(encode(Number.NaN)).toThrow(WireError);
    expect(encode(Number.POSITIVE_INFINITY)).toThrow(WireError);
    expect(encode(() => 1)).toThrow(WireError);
    expect(encode(10n)).toThrow(WireError);
    expect(encode(new Date())).toThrow(WireError);
    expect(encode(new Map())).toThrow(WireError);
    expect(encode([1, undefined])).toThrow(WireError);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(encode(cycle)).toThrow(WireError);
    expect(encode('x'.repeat(MAX_JSON_BYTES))).toThrow(WireError);
    expect(encode(Array.from({ length: MAX_BLOBS + 1 }, () => bytes(1)))).toThrow(WireError);
  });

  it('accepts objects without a prototype', () => {
    const value = Object.assign(Object.create(null) as object, { a: 1 });
    expect(roundTrip({ kind: 'result', id: 1, ok: true, value })).toEqual({
      kind: 'result',
      id: 1,
      ok: true,
      value: { a: 1 },
    });
  });
});

describe('decoding untrusted frames', () => {
  const invoke = '{"kind":"invoke","id":1,"channel":"c","args":[]}';

  it('accepts a hand-built frame', () => {
    expect(decodeFrame(rawFrame(invoke)).ok).toBe(true);
  });

  it('refuses empty, short, truncated and mislabelled frames with a reason', () => {
    const whole = rawFrame(invoke);
    expect(refusal(new Uint8Array())).toMatch(/only 0 bytes/);
    expect(refusal(whole.subarray(0, 4))).toMatch(/only 4 bytes/);
    expect(refusal(whole.subarray(0, whole.length - 1))).toMatch(/ends inside its JSON/);
    expect(refusal(rawFrame(invoke, [], 2))).toMatch(/wire version 2/);
    const lying = whole.slice();
    lying.set(u32(MAX_JSON_BYTES + 1), 1);
    expect(refusal(lying)).toMatch(/JSON part is over/);
  });

  it('refuses a number JSON reads as infinite, which the encoder could never send (found by npm run fuzz)', () => {
    expect(refusal(rawFrame('{"kind":"event","channel":"c","payload":1e400}'))).toBe(
      'the message holds a number out of range',
    );
    expect(refusal(rawFrame('{"kind":"invoke","id":1,"channel":"c","args":[[-1e999]]}'))).toBe(
      'the message holds a number out of range',
    );
  });

  it('refuses a frame over the size limit before reading it', () => {
    const huge = new Uint8Array(MAX_FRAME_BYTES + 1);
    huge[0] = WIRE_VERSION;
    expect(refusal(huge)).toMatch(/over \d+ bytes/);
  });

  it('refuses text that is not UTF-8 JSON of a known message', () => {
    expect(refusal(rawFrame(new Uint8Array([0xff, 0xfe, 0x7b])))).toMatch(/UTF-8 JSON/);
    expect(refusal(rawFrame('{"kind":'))).toMatch(/UTF-8 JSON/);
    expect(refusal(rawFrame('[]'))).toMatch(/not an object/);
    expect(refusal(rawFrame('42'))).toMatch(/not an object/);
    expect(refusal(rawFrame('{"kind":"shout"}'))).toMatch(/unknown kind/);
    expect(refusal(rawFrame('{"kind":"invoke","id":1,"channel":"c","args":[],"x":1}'))).toMatch(
      /wrong fields/,
    );
    expect(refusal(rawFrame('{"kind":"invoke","id":-1,"channel":"c","args":[]}'))).toMatch(
      /whole number/,
    );
    expect(refusal(rawFrame('{"kind":"invoke","id":1.5,"channel":"c","args":[]}'))).toMatch(
      /whole number/,
    );
    expect(refusal(rawFrame('{"kind":"invoke","id":1,"channel":7,"args":[]}'))).toMatch(/channel/);
    expect(refusal(rawFrame('{"kind":"invoke","id":1,"channel":"c","args":{}}'))).toMatch(
      /not a list/,
    );
    expect(refusal(rawFrame('{"kind":"result","id":1,"ok":"yes"}'))).toMatch(/no ok flag/);
    expect(refusal(rawFrame('{"kind":"result","id":1,"ok":false,"error":5}'))).toMatch(
      /not a string/,
    );
    expect(refusal(rawFrame('{"kind":"hello","wireVersion":"1","contractVersion":1}'))).toMatch(
      /versions/,
    );
  });

  it('refuses byte arrays that are cut short, missing, unreferenced or referenced twice', () => {
    const withBlob = '{"kind":"invoke","id":1,"channel":"c","args":[{"$bytes":0}]}';
    const good = rawFrame(withBlob, [bytes(1, 2, 3)]);
    expect(decodeFrame(good).ok).toBe(true);
    expect(refusal(good.subarray(0, good.length - 1))).toMatch(/ends inside a byte array/);
    expect(refusal(good.subarray(0, good.length - 5))).toMatch(/ends inside a byte array length/);
    expect(refusal(rawFrame(withBlob))).toMatch(/placeholder 0 has no byte array/);
    expect(refusal(rawFrame(invoke, [bytes(1)]))).toMatch(/no placeholder refers/);
    const twice = '{"kind":"invoke","id":1,"channel":"c","args":[{"$bytes":0},{"$bytes":0}]}';
    expect(refusal(rawFrame(twice, [bytes(1)]))).toMatch(/referred to twice/);
    const odd = '{"kind":"invoke","id":1,"channel":"c","args":[{"$bytes":0,"x":1}]}';
    expect(refusal(rawFrame(odd, [bytes(1)]))).toMatch(/placeholder is malformed/);
    const fraction = '{"kind":"invoke","id":1,"channel":"c","args":[{"$bytes":0.5}]}';
    expect(refusal(rawFrame(fraction, [bytes(1)]))).toMatch(/placeholder is malformed/);
    const tooMany = Array.from({ length: MAX_BLOBS + 1 }, () => bytes());
    expect(refusal(rawFrame(invoke, tooMany))).toMatch(/over 1024 byte arrays/);
  });

  it('refuses "__proto__" keys and nesting past the limit, even very deep nesting', () => {
    const proto = '{"kind":"invoke","id":1,"channel":"c","args":[{"__proto__":{"polluted":true}}]}';
    expect(refusal(rawFrame(proto))).toMatch(/__proto__/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const nested = (depth: number): string =>
      `{"kind":"invoke","id":1,"channel":"c","args":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    expect(decodeFrame(rawFrame(nested(MAX_DEPTH - 2))).ok).toBe(true);
    expect(refusal(rawFrame(nested(MAX_DEPTH)))).toMatch(/nested deeper/);
    const depth = Math.floor((MAX_JSON_BYTES - 100) / 2);
    expect(refusal(rawFrame(nested(depth)))).toMatch(/nested deeper/);
  });

  it('survives thousands of seeded random mutations: never throws, and what it accepts re-encodes', () => {
    const random = seededRandom(0x4ea27);
    const seeds = [
      encodeFrame({
        kind: 'invoke',
        id: 12,
        channel: 'hearth:docs:append',
        args: ['a', 'index', bytes(1, 2, 3)],
      }),
      encodeFrame({
        kind: 'result',
        id: 3,
        ok: true,
        value: { list: [bytes(), bytes(9)], name: 'ö' },
      }),
      encodeFrame({ kind: 'event', channel: 'hearth:notices:added', payload: { id: 'n', at: 1 } }),
      encodeFrame({ kind: 'hello', wireVersion: 1, contractVersion: 1 }),
    ];
    let accepted = 0;
    for (let round = 0; round < 5000; round++) {
      const frame = mutate(seeds[round % seeds.length]!, random);
      const decoded = decodeFrame(frame);
      if (!decoded.ok) {
        expect(typeof decoded.reason).toBe('string');
        continue;
      }
      accepted++;
      const again = decodeFrame(encodeFrame(decoded.value));
      expect(again).toEqual(decoded);
    }
    // Some mutations (a changed byte inside a blob or a string) stay valid frames.
    expect(accepted).toBeGreaterThan(0);
  });
});

function mutate(seed: Uint8Array, random: () => number): Uint8Array {
  let frame = seed.slice();
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * frame.length);
    switch (Math.floor(random() * 6)) {
      case 0:
        frame[at] = Math.floor(random() * 256);
        break;
      case 1:
        frame[at] = frame[at]! ^ (1 << Math.floor(random() * 8));
        break;
      case 2:
        frame = frame.slice(0, at);
        break;
      case 3: {
        const noise = Uint8Array.from({ length: 1 + Math.floor(random() * 8) }, () =>
          Math.floor(random() * 256),
        );
        frame = new Uint8Array([...frame.subarray(0, at), ...noise, ...frame.subarray(at)]);
        break;
      }
      case 4:
        // Lengths are where a careless decoder over-reads.
        if (frame.length >= 5) frame.set(u32(Math.floor(random() * 2 ** 32)), 1);
        break;
      default:
        frame = new Uint8Array([...frame.subarray(0, at), ...frame.subarray(at + 1)]);
    }
  }
  return frame;
}

// mulberry32: small, fast and the same on every run, so a failure can be replayed.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
