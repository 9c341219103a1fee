/**
 * Hostile frames for the signalling endpoint (protocol in
 * electron/main/services/signalling/signallingProtocol.ts), drawn from a seeded source:
 * random text and bytes, text that is not UTF-8, valid messages mutated character by
 * character, messages of the right shape with wrong values (types, topic lists and
 * names out of bounds, prototype keys, deep nesting), frames over the size limit, and
 * bursts over the message rate. Used by ./signallingFrames.ts and ./loadClient.ts.
 */
import type { SeededRandom } from '../helpers/seededRandom';

/** The kinds of hostile frame. */
export type HostileFrameKind =
  | 'random text'
  | 'random binary'
  | 'not UTF-8'
  | 'mutated message'
  | 'wrong values'
  | 'deep nesting'
  | 'oversize'
  | 'rate burst';

/** How often each kind is drawn. */
export const HOSTILE_FRAME_WEIGHTS: Readonly<Record<HostileFrameKind, number>> = {
  'random text': 12,
  'random binary': 8,
  'not UTF-8': 3,
  'mutated message': 30,
  'wrong values': 30,
  'deep nesting': 6,
  oversize: 3,
  'rate burst': 1,
};

/** One hostile frame (or burst of frames) to send on one connection. */
export interface HostileFrames {
  kind: HostileFrameKind;
  /** Text frames are strings; binary frames (and text frames of raw bytes) are Buffers. */
  frames: { data: string | Buffer; binary: boolean }[];
  /** True when the endpoint is expected to close the connection (oversized, not UTF-8). */
  closes: boolean;
}

/** The endpoint's frame limit (DEFAULT_SIGNALLING_LIMITS.maxFrameBytes). */
const FRAME_LIMIT = 64 * 1024;

const text = (data: string): { data: string; binary: boolean } => ({ data, binary: false });

/** Draws one hostile frame; `topics` are topics this connection has subscribed to. */
export function hostileFrames(random: SeededRandom, topics: readonly string[]): HostileFrames {
  const kind = random.weighted(HOSTILE_FRAME_WEIGHTS);
  switch (kind) {
    case 'random text':
      return { kind, frames: [text(randomString(random, random.int(0, 2000)))], closes: false };
    case 'random binary':
      return {
        kind,
        frames: [{ data: randomBytes(random, random.int(0, 4000)), binary: true }],
        closes: false,
      };
    case 'not UTF-8': {
      // A lone continuation byte or a cut multi-byte sequence inside JSON-looking text.
      const bytes = Buffer.concat([
        Buffer.from('{"type":"ping","x":"'),
        Buffer.of(0xc3),
        Buffer.from('"}'),
      ]);
      return {
        kind,
        frames: [{ data: random.chance(0.5) ? bytes : Buffer.of(0xff, 0xfe, 0x80), binary: false }],
        closes: true,
      };
    }
    case 'mutated message':
      return {
        kind,
        frames: [text(mutateText(random, JSON.stringify(validMessage(random, topics))))],
        closes: false,
      };
    case 'wrong values':
      return { kind, frames: [text(JSON.stringify(wrongValues(random, topics)))], closes: false };
    case 'deep nesting': {
      const depth = random.int(1_000, 30_000);
      const nested = '['.repeat(depth) + ']'.repeat(depth);
      const topic = topics.length > 0 ? random.pick(topics) : 'topic';
      const frame = random.chance(0.7)
        ? `{"type":"publish","topic":${JSON.stringify(topic)},"data":${nested}}`
        : nested;
      return { kind, frames: [text(frame)], closes: false };
    }
    case 'oversize': {
      const size = FRAME_LIMIT + random.int(1, 8192);
      const binary = random.chance(0.3);
      const data = binary
        ? Buffer.alloc(size, 7)
        : `{"type":"publish","topic":"t","data":"${'x'.repeat(size)}"}`;
      return { kind, frames: [{ data, binary }], closes: true };
    }
    case 'rate burst':
      return {
        kind,
        frames: Array.from({ length: 260 }, () => text('{"type":"ping"}')),
        closes: false,
      };
  }
}

/** A well-formed message of a random type. */
export function validMessage(
  random: SeededRandom,
  topics: readonly string[],
): Record<string, unknown> {
  const topic = topics.length > 0 ? random.pick(topics) : randomTopic(random);
  switch (random.int(0, 3)) {
    case 0:
      return { type: 'subscribe', topics: [randomTopic(random), topic] };
    case 1:
      return { type: 'unsubscribe', topics: [randomTopic(random)] };
    case 2:
      return {
        type: 'publish',
        topic,
        data: { to: 'x', type: 'signal', signal: randomString(random, 40) },
      };
    default:
      return { type: 'ping' };
  }
}

function wrongValues(random: SeededRandom, topics: readonly string[]): unknown {
  const anyValue = (): unknown =>
    random.pick<unknown>([
      null,
      true,
      0,
      -1,
      1e308,
      '',
      'subscribe',
      [],
      {},
      [null],
      { __proto__: { polluted: true } },
      randomString(random, random.int(0, 300)),
      Array.from({ length: random.int(0, 300) }, () => randomTopic(random)),
    ]);
  switch (random.int(0, 7)) {
    case 0:
      return { type: anyValue(), topics: anyValue(), topic: anyValue(), data: anyValue() };
    case 1:
      return { type: random.pick(['subscribe', 'unsubscribe']), topics: anyValue() };
    case 2: // more topics than one connection may hold, or names too long
      return {
        type: 'subscribe',
        topics: Array.from({ length: random.int(60, 200) }, () =>
          random.chance(0.1) ? 'x'.repeat(random.int(250, 400)) : randomTopic(random),
        ),
      };
    case 3: // publishing to a topic never subscribed to
      return { type: 'publish', topic: randomTopic(random), data: anyValue() };
    case 4:
      return { type: 'publish', topic: anyValue(), data: anyValue() };
    case 5: // prototype keys, as JSON text makes them own properties
      return JSON.parse(
        `{"type":"publish","topic":${JSON.stringify(topics[0] ?? 't')},"__proto__":{"data":1},"constructor":{"prototype":{}}}`,
      ) as unknown;
    case 6:
      return anyValue();
    default:
      return { type: 'publish', topic: topics[0] ?? 't' };
  }
}

/** A random topic name like the ones Hearth derives (base64url, 43 characters) or not. */
export function randomTopic(random: SeededRandom): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return Array.from({ length: random.int(1, 43) }, () => alphabet[random.int(0, 63)]).join('');
}

/** Random text, mostly ASCII, with JSON punctuation, controls and astral characters. */
export function randomString(random: SeededRandom, length: number): string {
  const pieces = [
    '{',
    '}',
    '[',
    ']',
    '"',
    ':',
    ',',
    '\\',
    'type',
    'publish',
    '\u0000',
    '\ud83d\udd25',
    '\ud800',
  ];
  let out = '';
  while (out.length < length) {
    out += random.chance(0.2) ? random.pick(pieces) : String.fromCharCode(random.int(0x20, 0x7e));
  }
  return out;
}

/** `length` random bytes. */
export function randomBytes(random: SeededRandom, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = random.int(0, 255);
  return bytes;
}

function mutateText(random: SeededRandom, source: string): string {
  const chars = Array.from(source);
  for (let edits = random.int(1, 4); edits > 0; edits--) {
    const at = random.int(0, Math.max(0, chars.length - 1));
    const roll = random.next();
    if (roll < 0.3) chars[at] = randomString(random, 1);
    else if (roll < 0.55) chars.splice(at, 1);
    else if (roll < 0.8) chars.splice(at, 0, randomString(random, random.int(1, 3)));
    else chars.length = at;
  }
  return chars.join('');
}
