/**
 * Fuzz target: frames reaching the browser-mode host over its WebSocket, through
 * `decodeFrame` (format in shared/ipc/wire.ts). Each case is random bytes, a valid frame
 * (of a message built from ./hostileValues.ts) with bits flipped, cut or extended, a
 * frame whose length fields lie, or hand-made JSON aimed at the decoder's rules (byte
 * placeholders used twice or pointing nowhere, `__proto__` keys, nesting past the limit).
 *
 * Invariants: the decoder never throws; a refusal has a reason of at most 300 characters;
 * an accepted message encodes again, and that frame decodes to an equal message.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  decodeFrame,
  encodeFrame,
  MAX_DEPTH,
  WIRE_VERSION,
  type WireMessage,
} from '../../shared/ipc/wire';
import type { SeededRandom } from '../helpers/seededRandom';
import { Tally, type FuzzTarget, type PreparedTarget } from './fuzzTarget';
import { hostileValue, VALID_ARGUMENTS } from './hostileValues';
import { MAX_REASON_CHARS } from './ipcArguments';

type FrameKind = 'random bytes' | 'flipped' | 'cut' | 'extended' | 'lying lengths' | 'crafted JSON';

const KINDS: Readonly<Record<FrameKind, number>> = {
  'random bytes': 10,
  flipped: 25,
  cut: 15,
  extended: 10,
  'lying lengths': 10,
  'crafted JSON': 30,
};

function validMessage(random: SeededRandom): WireMessage {
  const samples = Object.entries(VALID_ARGUMENTS);
  const [channel, args] = random.pick(samples);
  switch (random.int(0, 3)) {
    case 0:
      return { kind: 'invoke', id: random.int(0, 1e6), channel, args };
    case 1:
      return { kind: 'result', id: random.int(0, 1e6), ok: true, value: structuredValue(random) };
    case 2:
      return { kind: 'event', channel: 'hearth:sync:endpoints', payload: structuredValue(random) };
    default:
      return { kind: 'hello', wireVersion: WIRE_VERSION, contractVersion: 1 };
  }
}

// A value the encoder accepts: hostile values with what JSON cannot carry taken out.
function structuredValue(random: SeededRandom): unknown {
  const value = hostileValue(random);
  try {
    encodeFrame({ kind: 'event', channel: 'x', payload: value });
    return value;
  } catch {
    return { text: 'plain', bytes: Uint8Array.of(1, 2, 3) };
  }
}

/** A frame of raw JSON text and blobs, bypassing the encoder's own checks. */
function rawFrame(json: string, blobs: Uint8Array[] = [], version = WIRE_VERSION): Uint8Array {
  const text = Buffer.from(json, 'utf8');
  const parts = [Buffer.of(version), Buffer.alloc(4), text];
  parts[1]!.writeUInt32BE(text.length);
  for (const blob of blobs) {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(blob.length);
    parts.push(length, Buffer.from(blob));
  }
  return Buffer.concat(parts);
}

function craftedJson(random: SeededRandom): Uint8Array {
  const blob = Uint8Array.of(9, 9, 9);
  switch (random.int(0, 6)) {
    case 0:
      return rawFrame(
        '{"kind":"invoke","id":1,"channel":"hearth:docs:append","args":[{"$bytes":0},{"$bytes":0}]}',
        [blob],
      );
    case 1:
      return rawFrame(
        `{"kind":"invoke","id":1,"channel":"x","args":[{"$bytes":${random.pick([1, -1, 0.5, '"0"', 1e9])}}]}`,
        [blob],
      );
    case 2:
      return rawFrame('{"kind":"event","channel":"x","payload":{"__proto__":{"polluted":true}}}');
    case 3: {
      const depth = MAX_DEPTH + random.int(-2, 40);
      return rawFrame(
        `{"kind":"event","channel":"x","payload":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      );
    }
    case 4:
      return rawFrame('{"kind":"result","id":1,"ok":true,"value":{"$bytes":0,"extra":1}}', [blob]);
    case 5:
      return rawFrame('{"kind":"hello","wireVersion":1,"contractVersion":1}', [blob]);
    default:
      return rawFrame(
        `{"kind":"invoke","id":${random.pick(['-1', '1.5', '1e400', 'null', '9007199254740993'])},"channel":"x","args":[]}`,
      );
  }
}

function frameFor(random: SeededRandom, kind: FrameKind): Uint8Array {
  const valid = (): Uint8Array => encodeFrame(validMessage(random));
  switch (kind) {
    case 'random bytes': {
      const bytes = Uint8Array.from({ length: random.int(0, 200) }, () => random.int(0, 255));
      if (bytes.length > 0 && random.chance(0.5)) bytes[0] = WIRE_VERSION;
      return bytes;
    }
    case 'flipped': {
      const frame = Uint8Array.from(valid());
      for (let n = random.int(1, 4); n > 0; n--)
        frame[random.int(0, frame.length - 1)]! ^= 1 << random.int(0, 7);
      return frame;
    }
    case 'cut': {
      const frame = valid();
      return frame.slice(0, random.int(0, frame.length - 1));
    }
    case 'extended':
      return Uint8Array.from([
        ...valid(),
        ...Array.from({ length: random.int(1, 12) }, () => random.int(0, 255)),
      ]);
    case 'lying lengths': {
      const frame = Uint8Array.from(valid());
      new DataView(frame.buffer).setUint32(
        1,
        random.pick([0, 0xffffffff, 0x7fffffff, frame.length, random.int(0, 400)]),
      );
      return frame;
    }
    case 'crafted JSON':
      return craftedJson(random);
  }
}

/** Browser-mode wire frames through the host's decoder. */
export const wireFramesTarget: FuzzTarget = {
  name: 'browser-mode wire frames',
  defaultCases: 50_000,
  smokeCases: 3_000,
  prepare(): Promise<PreparedTarget> {
    const outcomes = new Tally();
    return Promise.resolve({
      runCase(random, index) {
        const kind = random.weighted(KINDS);
        const frame = frameFor(random, kind);
        const t0 = performance.now();
        const decoded = decodeFrame(frame);
        const measuredMs = performance.now() - t0;
        const violations: string[] = [];
        if (!decoded.ok) {
          outcomes.add(`${kind} refused`);
          if (decoded.reason.length === 0 || decoded.reason.length > MAX_REASON_CHARS) {
            violations.push(
              `case ${index} (${kind}): a reason of ${decoded.reason.length} characters`,
            );
          }
          return { violations, measuredMs };
        }
        outcomes.add(`${kind} accepted`);
        let again: ReturnType<typeof decodeFrame>;
        try {
          again = decodeFrame(encodeFrame(decoded.value));
        } catch (error) {
          return {
            violations: [
              `case ${index} (${kind}): an accepted message does not encode again: ${String(error)}`,
            ],
            measuredMs,
          };
        }
        if (!again.ok || !isDeepStrictEqual(again.value, decoded.value)) {
          violations.push(`case ${index} (${kind}): an accepted message changes when sent again`);
        }
        return { violations, measuredMs };
      },
      summary: () => outcomes.toString(),
      dispose: () => Promise.resolve(),
    });
  },
};
