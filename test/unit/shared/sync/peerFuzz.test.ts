import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { type DocId, type MemberId } from '../../../../shared/notebook/ids';
import {
  MESSAGE_KIND,
  encodePeerMessage,
  type PeerMessage,
} from '../../../../shared/sync/peerProtocol';
import { PeerSession } from '../../../../shared/sync/peerSession';
import { seededId } from '../../../helpers/circleReplicas';
import { hasPending, healthy, poisonedUpdates, writeFuzzCircle } from '../../../helpers/fuzzCircle';
import { malformedInput, type MalformedKind } from '../../../helpers/malformedFrames';
import type { MemorySyncedDocs } from '../../../helpers/memorySyncedDocs';
import { seedFromEnvironment, seededRandom } from '../../../helpers/seededRandom';
import { capturedLogs } from '../../../helpers/capturedLogs';

const INPUTS = 12_000;
const SEED = seedFromEnvironment(20_250_109);

capturedLogs();
// Plain Yjs, fed forged client ids by the oracle below, prints a line each time.
beforeAll(() => vi.spyOn(console, 'log').mockImplementation(() => undefined));
afterAll(() => vi.restoreAllMocks());

type PlainOutcome = 'refused' | 'clean' | 'pending' | 'half-applied' | 'poisoned';

/** What plain Y.applyUpdate does with `update` on a copy of `live`. */
function plainYjs(live: Y.Doc, update: Uint8Array): PlainOutcome {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
  copy.clientID = live.clientID;
  const before = Y.encodeStateAsUpdate(copy);
  let threw = false;
  try {
    Y.applyUpdate(copy, update);
  } catch {
    threw = true;
  }
  let after: Uint8Array;
  try {
    after = Y.encodeStateAsUpdate(copy);
    Y.applyUpdate(new Y.Doc(), after);
  } catch {
    return 'poisoned';
  }
  const changed = Buffer.compare(Buffer.from(before), Buffer.from(after)) !== 0;
  if (threw) return changed ? 'half-applied' : 'refused';
  if (hasPending(copy)) return 'pending';
  return healthy(copy) ? 'clean' : 'poisoned';
}

function snapshot(docs: MemorySyncedDocs): Map<DocId, Buffer> {
  return new Map([...docs.snapshot()].map(([id, state]) => [id, Buffer.from(state)]));
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

describe('peer protocol fuzz', () => {
  it(`survives ${INPUTS} malformed, truncated and mutated messages with the notebook intact`, async () => {
    const random = seededRandom(SEED);
    const { target, corpus } = await writeFuzzCircle(random);
    for (const docId of target.docIds())
      corpus.poisoned.push(...poisonedUpdates(docId, target.docNow(docId)!));
    const initial = snapshot(target);
    const hello = encodePeerMessage({
      kind: MESSAGE_KIND.HELLO,
      memberId: seededId<MemberId>(random),
      protocolVersion: 1,
      docCount: 0,
    } satisfies PeerMessage);
    const times: number[] = [];
    const byKind = new Map<MalformedKind, { sent: number; refused: number }>();
    const plain = new Map<PlainOutcome, number>();
    const touched = new Set<DocId>();
    let accepted = 0;
    const started = performance.now();
    for (let n = 0; n < INPUTS; n++) {
      const input = malformedInput(random, corpus);
      const before = snapshot(target);
      const outcome =
        input.update === undefined
          ? null
          : plainYjs(target.docNow(input.update.docId)!, input.update.bytes);
      if (outcome !== null) plain.set(outcome, (plain.get(outcome) ?? 0) + 1);
      const errors: string[] = [];
      const session = new PeerSession({
        docs: target,
        memberId: seededId<MemberId>(random),
        send: () => undefined,
        onProtocolError: (reason) => errors.push(reason),
      });
      const t0 = performance.now();
      session.start();
      session.receive(hello);
      for (const frame of input.frames) session.receive(frame);
      await session.idle();
      times.push(performance.now() - t0);
      session.close();
      const counts = byKind.get(input.kind) ?? { sent: 0, refused: 0 };
      byKind.set(input.kind, { sent: counts.sent + 1, refused: counts.refused + errors.length });
      expect(errors.length, `input ${n} (${input.kind})`).toBeLessThanOrEqual(1);
      const after = snapshot(target);
      if (errors.length === 1) {
        for (const [docId, state] of before)
          expect(after.get(docId)!.equals(state), `input ${n}: ${docId} changed`).toBe(true);
        expect(after.size).toBe(before.size);
      } else {
        for (const [docId, state] of after) {
          if (before.get(docId)?.equals(state) === true) continue;
          accepted++;
          touched.add(docId);
          expect(healthy(target.docNow(docId)!), `input ${n} left ${docId} unhealthy`).toBe(true);
        }
      }
      if (
        outcome === 'half-applied' ||
        outcome === 'poisoned' ||
        input.kind === 'poisoned update'
      ) {
        expect(errors, `input ${n} (${input.kind}, plain Yjs: ${outcome})`).toHaveLength(1);
      }
    }
    const elapsed = performance.now() - started;
    const final = snapshot(target);
    for (const [docId, state] of initial) {
      if (!touched.has(docId))
        expect(final.get(docId)!.equals(state), `${docId} changed`).toBe(true);
      expect(healthy(target.docNow(docId)!)).toBe(true);
      expect(target.docNow(docId)!.store.pendingStructs).toBeNull();
    }
    expect(final.size).toBe(
      initial.size + [...final.keys()].filter((id) => !initial.has(id)).length,
    );
    expect(plain.get('half-applied') ?? 0).toBeGreaterThan(0);
    expect(plain.get('poisoned') ?? 0).toBeGreaterThan(0);
    console.info(
      `fuzz (seed ${SEED}): ${INPUTS} inputs in ${(elapsed / 1000).toFixed(1)} s; per input p50 ` +
        `${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms, ` +
        `p99.9 ${percentile(times, 99.9).toFixed(2)} ms, max ${Math.max(...times).toFixed(1)} ms\n` +
        `  by kind (sent/refused): ${[...byKind].map(([k, c]) => `${k} ${c.sent}/${c.refused}`).join(', ')}\n` +
        `  plain Yjs on the mutated updates: ${[...plain].map(([k, c]) => `${k} ${c}`).join(', ')}\n` +
        `  accepted as well-formed edits: ${accepted} changes to ${touched.size} documents; every refusal left the notebook byte-identical`,
    );
  }, 90_000);
});
