import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { INDEX_DOC_ID, type DocId } from '../../../../shared/notebook/ids';
import { ChunkAssembler, frameMessage } from '../../../../shared/sync/chunking';
import {
  CHUNK_PAYLOAD_BYTES,
  MAX_FRAME_BYTES,
  MAX_MESSAGE_BYTES,
  MESSAGE_KIND,
  decodePeerMessage,
  encodePeerMessage,
  type ChunkMessage,
} from '../../../../shared/sync/peerProtocol';
import { docOf, makeLaptop } from '../../../helpers/circleLaptops';
import { LoopbackTransport } from '../../../helpers/loopbackTransport';
import { seededId } from '../../../helpers/circleReplicas';
import { seededRandom } from '../../../helpers/seededRandom';

const DOC = 'BBBBBBBBBBBBBBBBBBBBBB' as DocId;

/** An UPDATE message whose encoding is exactly `length` bytes. */
function messageOf(length: number): Uint8Array {
  // Header: version, kind, docId (1 + 22), then the update's varint length (1-4 bytes).
  for (let payload = Math.max(0, length - 40); payload <= length; payload++) {
    const bytes = new Uint8Array(payload).fill(7);
    const encoded = encodePeerMessage({ kind: MESSAGE_KIND.UPDATE, docId: DOC, update: bytes });
    if (encoded.length === length) return encoded;
  }
  throw new Error(`no message of ${length} bytes`);
}

function sameBytes(a: Uint8Array | null, b: Uint8Array): boolean {
  return a !== null && Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b));
}

function chunksOf(message: Uint8Array, messageId = 1): ChunkMessage[] {
  return frameMessage(message, messageId).map((frame) => {
    const decoded = decodePeerMessage(frame);
    if (!decoded.ok || decoded.value.kind !== MESSAGE_KIND.CHUNK) throw new Error('not a chunk');
    return decoded.value;
  });
}

function reassemble(chunks: ChunkMessage[]): { message: Uint8Array | null; reason: string | null } {
  const assembler = new ChunkAssembler();
  for (const chunk of chunks) {
    const result = assembler.accept(chunk);
    if (!result.ok) return { message: null, reason: result.reason };
    if (result.value !== null) return { message: result.value, reason: null };
  }
  return { message: null, reason: null };
}

describe('chunking', () => {
  it('sends a message of up to 64 KiB as one frame and a longer one in chunks', () => {
    for (const length of [30, MAX_FRAME_BYTES - 1, MAX_FRAME_BYTES]) {
      const message = messageOf(length);
      const frames = frameMessage(message, 1);
      expect(frames).toHaveLength(1);
      expect(frames[0]).toBe(message);
    }
    for (const length of [
      MAX_FRAME_BYTES + 1,
      2 * CHUNK_PAYLOAD_BYTES,
      2 * CHUNK_PAYLOAD_BYTES + 1,
    ]) {
      const message = messageOf(length);
      const frames = frameMessage(message, 1);
      expect(frames.length).toBe(Math.ceil(length / CHUNK_PAYLOAD_BYTES));
      for (const frame of frames) expect(frame.length).toBeLessThanOrEqual(MAX_FRAME_BYTES);
      expect(sameBytes(reassemble(chunksOf(message)).message, message)).toBe(true);
    }
  });

  it('puts a message of many chunks back together, and refuses empty frames and oversize messages', () => {
    expect(frameMessage(new Uint8Array(0), 1)).toEqual([new Uint8Array(0)]);
    expect(decodePeerMessage(new Uint8Array(0)).ok).toBe(false);
    const big = new Uint8Array(5 * 1024 * 1024 + 17);
    for (let i = 0; i < big.length; i++) big[i] = i % 251;
    big[0] = 1;
    big[1] = MESSAGE_KIND.UPDATE;
    const chunks = chunksOf(big, 0xffffffff);
    expect(chunks).toHaveLength(Math.ceil(big.length / CHUNK_PAYLOAD_BYTES));
    expect(sameBytes(reassemble(chunks).message, big)).toBe(true);
    expect(() => frameMessage(new Uint8Array(MAX_MESSAGE_BYTES + 1), 1)).toThrow(RangeError);
  });

  it('refuses lost, duplicated, reordered, interleaved and miscounted chunks', () => {
    const chunks = chunksOf(messageOf(3 * CHUNK_PAYLOAD_BYTES + 100), 7);
    const other = chunksOf(messageOf(2 * CHUNK_PAYLOAD_BYTES + 5), 8);
    const [c0, c1, c2, c3] = chunks as [ChunkMessage, ChunkMessage, ChunkMessage, ChunkMessage];
    const cases: [ChunkMessage[], RegExp][] = [
      [[c0, c2, c3], /chunk 1 is missing/],
      [[c1, c2, c3], /before chunk 0/],
      [[c0, c1, c1, c2, c3], /again/],
      [[c0, c2, c1, c3], /missing/],
      [[c0, other[0]!, c1], /interleaved/],
      [[c0, { ...c1, count: 5 }], /count changed/],
      [[c0, { ...c1, index: 9 }], /out of range/],
      [[{ ...c0, bytes: c0.bytes.subarray(1) }], /not 65472/],
      [[c0, c1, c2, { ...c3, bytes: new Uint8Array(0) }], /0 bytes/],
      [[{ ...c0, count: 2000 }], /over the limit/],
    ];
    for (const [sequence, reason] of cases) {
      expect(reassemble(sequence)).toEqual({
        message: null,
        reason: expect.stringMatching(reason) as string,
      });
    }
    // A whole message in the middle of a chunked one is refused too.
    const assembler = new ChunkAssembler();
    expect(assembler.accept(c0)).toEqual({ ok: true, value: null });
    expect(assembler.acceptWhole()).toMatchObject({ ok: false });
    expect(assembler.inProgress).toBe(false);
  });

  it('carries many documents, small and large, over one session, every frame within 64 KiB', async () => {
    const random = seededRandom(21);
    // Documents with no index: this is about frames, not about what the index names.
    const a = makeLaptop(random, { everyDocNamed: true });
    const b = makeLaptop(random, { everyDocNamed: true });
    const docIds: DocId[] = [INDEX_DOC_ID];
    docOf(a, INDEX_DOC_ID).getMap('meta').set('name', 'circle');
    for (let i = 0; i < 60; i++) {
      const docId = seededId<DocId>(random);
      docIds.push(docId);
      // Every tenth document is larger than a frame.
      docOf(a, docId)
        .getText('t')
        .insert(0, 'x'.repeat(i % 10 === 0 ? 150_000 : 20 + i));
    }
    const net = new LoopbackTransport();
    net.connect({ peerId: a.peerId, mesh: a.mesh }, { peerId: b.peerId, mesh: b.mesh });
    await net.settle();
    for (const docId of docIds) {
      expect(Y.encodeStateVector(docOf(b, docId))).toEqual(Y.encodeStateVector(docOf(a, docId)));
    }
    expect(net.largestFrame()).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    // Joined by circle: the answer comes in batches, each of a 150 KB document's own.
    expect(a.mesh.counters().messagesSent.CIRCLE_UPDATES).toBeGreaterThanOrEqual(7);
    expect(a.mesh.counters().messagesSent.SYNC_STEP_2).toBe(0);
  });
});
