/**
 * Ways a file on disk gets damaged, drawn from a seeded source: bit rot, a block of
 * zeros or garbage (a torn or misdirected write), a torn tail, garbage appended, bytes
 * inserted or cut out (a bad copy), a range repeated, or the file emptied. Used by the
 * store and backup fuzz targets.
 */
import type { SeededRandom } from '../helpers/seededRandom';

/** The kinds of damage. */
export type DamageKind =
  | 'bit flips'
  | 'zeroed block'
  | 'garbage block'
  | 'torn tail'
  | 'garbage appended'
  | 'bytes inserted'
  | 'bytes cut out'
  | 'range repeated'
  | 'emptied';

const WEIGHTS: Readonly<Record<DamageKind, number>> = {
  'bit flips': 25,
  'zeroed block': 10,
  'garbage block': 10,
  'torn tail': 20,
  'garbage appended': 10,
  'bytes inserted': 8,
  'bytes cut out': 8,
  'range repeated': 6,
  emptied: 3,
};

/** A damaged copy of a file. */
export interface Damage {
  kind: DamageKind;
  bytes: Buffer;
}

function garbage(random: SeededRandom, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = random.int(0, 255);
  return bytes;
}

/** Damages a copy of `original` (never `original` itself). */
export function damageFile(random: SeededRandom, original: Uint8Array): Damage {
  const kind = random.weighted(WEIGHTS);
  const source = Buffer.from(original);
  const n = source.length;
  const at = random.int(0, Math.max(0, n - 1));
  const span = random.int(1, Math.max(1, Math.min(256, n - at)));
  switch (kind) {
    case 'bit flips': {
      const out = Buffer.from(source);
      for (let flips = random.int(1, 3); flips > 0 && n > 0; flips--) {
        out[random.int(0, n - 1)]! ^= 1 << random.int(0, 7);
      }
      return { kind, bytes: out };
    }
    case 'zeroed block':
    case 'garbage block': {
      const out = Buffer.from(source);
      (kind === 'zeroed block' ? Buffer.alloc(span) : garbage(random, span)).copy(out, at);
      return { kind, bytes: out.subarray(0, n) };
    }
    case 'torn tail':
      return { kind, bytes: source.subarray(0, random.int(0, Math.max(0, n - 1))) };
    case 'garbage appended':
      return { kind, bytes: Buffer.concat([source, garbage(random, random.int(1, 300))]) };
    case 'bytes inserted':
      return {
        kind,
        bytes: Buffer.concat([
          source.subarray(0, at),
          garbage(random, random.int(1, 40)),
          source.subarray(at),
        ]),
      };
    case 'bytes cut out':
      return { kind, bytes: Buffer.concat([source.subarray(0, at), source.subarray(at + span)]) };
    case 'range repeated':
      return {
        kind,
        bytes: Buffer.concat([
          source.subarray(0, at + span),
          source.subarray(at, at + span),
          source.subarray(at + span),
        ]),
      };
    case 'emptied':
      return { kind, bytes: Buffer.alloc(0) };
  }
}

/** The first offset at which `damaged` differs from `original` (its length when one is a prefix of the other). */
export function firstDifference(original: Uint8Array, damaged: Uint8Array): number {
  const shorter = Math.min(original.length, damaged.length);
  for (let i = 0; i < shorter; i++) if (original[i] !== damaged[i]) return i;
  return shorter;
}
