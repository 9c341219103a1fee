/**
 * Malformed input for the peer-protocol fuzz test, drawn from a seeded random source and
 * a corpus of valid messages: random bytes; valid frames with bit flips, truncations and
 * extensions; valid SYNC_STEP_2 and UPDATE frames whose Yjs update is mutated (including
 * a delete set cut short, which plain Yjs applies halfway); updates crafted in shapes that
 * damage a document (zero-length items, forged own client ids); oversize frames; and chunk
 * sequences with a chunk lost, repeated, reordered, interleaved or miscounted.
 */
import type { DocId } from '../../shared/notebook/ids';
import { frameMessage } from '../../shared/sync/chunking';
import { MESSAGE_KIND, encodePeerMessage, type PeerMessage } from '../../shared/sync/peerProtocol';
import type { SeededRandom } from './seededRandom';

/** The kinds of malformed input. */
export type MalformedKind =
  | 'random bytes'
  | 'flipped frame'
  | 'truncated frame'
  | 'extended frame'
  | 'mutated update'
  | 'cut delete set'
  | 'poisoned update'
  | 'oversize'
  | 'bad chunks';

/** One fuzz input: the frames a peer sends after its HELLO. */
export interface MalformedInput {
  kind: MalformedKind;
  frames: Uint8Array[];
  /** For 'mutated update' and 'cut delete set': the document and the mutated update. */
  update?: { docId: DocId; bytes: Uint8Array };
}

/** How often each kind is drawn. */
export const MALFORMED_WEIGHTS: Readonly<Record<MalformedKind, number>> = {
  'random bytes': 10,
  'flipped frame': 15,
  'truncated frame': 10,
  'extended frame': 5,
  'mutated update': 40,
  'cut delete set': 8,
  'poisoned update': 5,
  oversize: 4,
  'bad chunks': 8,
};

/** Valid material to mutate. */
export interface FuzzCorpus {
  /** Valid messages of every kind. */
  messages: PeerMessage[];
  /** Valid updates (typing, index records, whole-document differences) by document. */
  updates: { docId: DocId; bytes: Uint8Array }[];
  /**
   * Updates built for the target's own documents in shapes that damage a document
   * (zero-length items, forged own client ids, holes, self references, subdocuments).
   */
  poisoned: { docId: DocId; bytes: Uint8Array }[];
  /** One valid encoded message longer than a frame, to chunk. */
  large: Uint8Array;
}

/** Draws one malformed input. */
export function malformedInput(random: SeededRandom, corpus: FuzzCorpus): MalformedInput {
  const kind = random.weighted(MALFORMED_WEIGHTS);
  const frame = (): Uint8Array => encodePeerMessage(random.pick(corpus.messages));
  switch (kind) {
    case 'random bytes': {
      const bytes = Uint8Array.from({ length: random.int(0, 64) }, () => random.int(0, 255));
      if (bytes.length > 1 && random.chance(0.6)) bytes.set([1, random.int(1, 6)]);
      return { kind, frames: [bytes] };
    }
    case 'flipped frame':
      return { kind, frames: [flipBits(random, frame(), random.int(1, 4))] };
    case 'truncated frame': {
      const whole = frame();
      return { kind, frames: [whole.slice(0, random.int(0, whole.length - 1))] };
    }
    case 'extended frame': {
      const whole = frame();
      const extra = Uint8Array.from({ length: random.int(1, 8) }, () => random.int(0, 255));
      return { kind, frames: [Uint8Array.of(...whole, ...extra)] };
    }
    case 'mutated update':
    case 'cut delete set':
    case 'poisoned update': {
      const { docId, bytes } = random.pick(
        kind === 'poisoned update' ? corpus.poisoned : corpus.updates,
      );
      const mutated =
        kind === 'cut delete set'
          ? cutNearEnd(random, bytes)
          : kind === 'mutated update'
            ? mutate(random, bytes)
            : bytes;
      const messageKind = random.chance(0.5) ? MESSAGE_KIND.UPDATE : MESSAGE_KIND.SYNC_STEP_2;
      const message: PeerMessage = { kind: messageKind, docId, update: mutated };
      return { kind, frames: [encodePeerMessage(message)], update: { docId, bytes: mutated } };
    }
    case 'oversize':
      return { kind, frames: [oversize(random)] };
    case 'bad chunks':
      return { kind, frames: badChunks(random, corpus.large) };
  }
}

function flipBits(random: SeededRandom, bytes: Uint8Array, flips: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  for (let i = 0; i < flips && out.length > 0; i++) {
    out[random.int(0, out.length - 1)]! ^= 1 << random.int(0, 7);
  }
  return out;
}

/** Bit flips, byte overwrites, insertions, deletions and truncations of a Yjs update. */
function mutate(random: SeededRandom, update: Uint8Array): Uint8Array {
  let bytes = Array.from(update);
  for (let edits = random.int(1, 3); edits > 0; edits--) {
    const at = random.int(0, Math.max(0, bytes.length - 1));
    const roll = random.next();
    if (roll < 0.35) bytes[at] = (bytes[at] ?? 0) ^ (1 << random.int(0, 7));
    else if (roll < 0.6) bytes[at] = random.pick([0, 1, 0x7f, 0x80, 0xff, random.int(0, 255)]);
    else if (roll < 0.75) bytes.splice(at, 0, random.int(0, 255));
    else if (roll < 0.9) bytes.splice(at, 1);
    else bytes = bytes.slice(0, at);
  }
  if (bytes.length === 0) bytes = [random.int(0, 255)];
  return Uint8Array.from(bytes);
}

/** The update cut inside its last few bytes, where the delete set is. */
function cutNearEnd(random: SeededRandom, update: Uint8Array): Uint8Array {
  return update.slice(0, Math.max(1, update.length - random.int(1, Math.min(6, update.length))));
}

function oversize(random: SeededRandom): Uint8Array {
  const roll = random.int(0, 2);
  if (roll === 0) return new Uint8Array(64 * 1024 + random.int(1, 4096)).fill(1);
  // An UPDATE whose length field claims far more than the frame holds.
  const claim = roll === 1 ? [0xff, 0xff, 0xff, 0x7f] : [0x80, 0x80, 0x80, 0x80, 0x80, 0x40];
  return Uint8Array.of(1, MESSAGE_KIND.UPDATE, 5, 105, 110, 100, 101, 120, ...claim, 0);
}

function badChunks(random: SeededRandom, large: Uint8Array): Uint8Array[] {
  const chunks = frameMessage(large, random.int(0, 0xffffffff));
  const other = frameMessage(large, random.int(0, 0xffffffff));
  const n = chunks.length;
  switch (random.int(0, 6)) {
    case 0: {
      // one lost
      const lost = random.int(0, n - 1);
      return chunks.filter((_, i) => i !== lost);
    }
    case 1: {
      // one repeated
      const at = random.int(0, n - 1);
      return [...chunks.slice(0, at + 1), chunks[at]!, ...chunks.slice(at + 1)];
    }
    case 2: {
      // two swapped
      const out = [...chunks];
      const at = random.int(0, n - 2);
      [out[at], out[at + 1]] = [out[at + 1]!, out[at]!];
      return out;
    }
    case 3: // interleaved with another message
      return [chunks[0]!, other[0]!, ...chunks.slice(1)];
    case 4: // a whole message in the middle
      return [
        chunks[0]!,
        encodePeerMessage({
          kind: MESSAGE_KIND.AWARENESS,
          docId: 'index' as DocId,
          update: Uint8Array.of(0),
        }),
        ...chunks.slice(1),
      ];
    case 5: {
      // a flipped bit in a chunk's header (message id, index, count or length)
      const out = [...chunks];
      const hit = Uint8Array.from(out[1]!);
      hit[random.int(2, 10)]! ^= 1 << random.int(0, 7);
      out[1] = hit;
      return out;
    }
    default: // the sequence cut short, then a new message
      return [
        ...chunks.slice(0, n - 1),
        encodePeerMessage({
          kind: MESSAGE_KIND.SYNC_STEP_1,
          docId: 'index' as DocId,
          stateVector: Uint8Array.of(0),
        }),
      ];
  }
}
