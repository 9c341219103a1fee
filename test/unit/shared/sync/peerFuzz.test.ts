import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { setLogSink } from '../../../../shared/log';
import { CircleIndex } from '../../../../shared/notebook/circleIndex';
import { bindHeadlessEntry, seedEntryBody } from '../../../../shared/notebook/headlessEntry';
import {
  INDEX_DOC_ID,
  entryDocId,
  type CircleId,
  type DocId,
  type EntryId,
  type MemberId,
} from '../../../../shared/notebook/ids';
import { LOCAL_ORIGIN } from '../../../../shared/notebook/origins';
import { ENTRY_BODY_ROOT, INDEX_ROOT } from '../../../../shared/notebook/schema';
import {
  MESSAGE_KIND,
  encodePeerMessage,
  type PeerMessage,
} from '../../../../shared/sync/peerProtocol';
import { PeerSession } from '../../../../shared/sync/peerSession';
import { seededId } from '../../../helpers/circleReplicas';
import {
  anyItem,
  craftUpdate,
  deletedItem,
  gcStruct,
  skipStruct,
  stringItem,
  subdocItem,
} from '../../../helpers/craftedUpdates';
import {
  malformedInput,
  type FuzzCorpus,
  type MalformedKind,
} from '../../../helpers/malformedFrames';
import { MemorySyncedDocs } from '../../../helpers/memorySyncedDocs';
import { randomEntryEdit } from '../../../helpers/randomEntryEdits';
import {
  seedFromEnvironment,
  seededRandom,
  type SeededRandom,
} from '../../../helpers/seededRandom';

const INPUTS = 12_000;
const BUDGET_MS = 55_000;
const SEED = seedFromEnvironment(20_250_109);

let restoreLog = (): void => undefined;
beforeAll(() => {
  restoreLog = setLogSink(() => undefined);
  // Plain Yjs, fed forged client ids by the oracle below, prints a line each time.
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterAll(() => {
  restoreLog();
  vi.restoreAllMocks();
});

/** A circle written by a peer with Lexical: the target holds its first part; the rest is corpus. */
async function writeCircle(
  random: SeededRandom,
): Promise<{ target: MemorySyncedDocs; corpus: FuzzCorpus }> {
  const target = new MemorySyncedDocs();
  const peerIndex = new Y.Doc();
  peerIndex.clientID = 501;
  const history = new Map<DocId, Uint8Array[]>();
  const record = (docId: DocId, ydoc: Y.Doc): void => {
    history.set(docId, []);
    ydoc.on('update', (update: Uint8Array) => history.get(docId)!.push(update));
  };
  record(INDEX_DOC_ID, peerIndex);
  const index = CircleIndex.found(peerIndex, {
    circleId: seededId<CircleId>(random),
    name: 'Fuzz circle',
    founder: { id: seededId<MemberId>(random), name: 'Sam', colour: 'sage', joinedAt: 1 },
    createdAt: 1,
  });
  const meetingId = index.addMeeting(
    { title: 'Check-in', date: '2025-01-09', prompts: [], createdBy: null },
    2,
  );
  const entries: [DocId, Y.Doc][] = [];
  for (let e = 0; e < 3; e++) {
    const entryId = index.addEntry(
      { meetingId, authorId: null, visibility: 'circle' },
      3,
      seededId<EntryId>(random),
    );
    const ydoc = new Y.Doc();
    ydoc.clientID = 600 + e;
    record(entryDocId(entryId), ydoc);
    const headless = bindHeadlessEntry(ydoc);
    const seed = new Y.Doc();
    seed.clientID = 700 + e;
    seedEntryBody(seed);
    Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(seed), LOCAL_ORIGIN);
    await Promise.resolve();
    for (let i = 0; i < 80; i++) randomEntryEdit(headless.editor, random);
    headless.dispose();
    entries.push([entryDocId(entryId), ydoc]);
  }
  index.upsertMember({
    id: seededId<MemberId>(random),
    name: 'Lee',
    colour: 'plum',
    joinedAt: 4,
    agreedAt: 5,
    agreedVersion: 1,
  });
  index.dispose();
  const corpus: FuzzCorpus = { messages: [], updates: [], poisoned: [], large: new Uint8Array() };
  for (const [docId, updates] of history) {
    const held = Math.floor(updates.length * 0.6);
    target.store(docId, Y.mergeUpdates(updates.slice(0, held)));
    for (const update of updates.slice(held)) corpus.updates.push({ docId, bytes: update });
    const peerDoc = docId === INDEX_DOC_ID ? peerIndex : entries.find(([id]) => id === docId)![1];
    const targetState = Y.encodeStateVectorFromUpdate(Y.mergeUpdates(updates.slice(0, held)));
    corpus.updates.push({ docId, bytes: Y.encodeStateAsUpdate(peerDoc, targetState) });
    corpus.updates.push({ docId, bytes: Y.encodeStateAsUpdate(peerDoc) });
    corpus.messages.push(
      { kind: MESSAGE_KIND.SYNC_STEP_1, docId, stateVector: Y.encodeStateVector(peerDoc) },
      {
        kind: MESSAGE_KIND.SYNC_STEP_2,
        docId,
        update: Y.encodeStateAsUpdate(peerDoc, targetState),
      },
      { kind: MESSAGE_KIND.UPDATE, docId, update: updates.at(-1)! },
    );
  }
  const state = new TextEncoder().encode(JSON.stringify({ member: { id: 'x', name: 'Lee' } }));
  corpus.messages.push({
    kind: MESSAGE_KIND.AWARENESS,
    docId: INDEX_DOC_ID,
    update: Uint8Array.of(1, 42, 3, state.length, ...state),
  });
  const big = new Y.Doc();
  big.getText('t').insert(0, 'long entry '.repeat(15_000));
  corpus.large = encodePeerMessage({
    kind: MESSAGE_KIND.UPDATE,
    docId: INDEX_DOC_ID,
    update: Y.encodeStateAsUpdate(big),
  });
  return { target, corpus };
}

/** Updates in shapes that damage `ydoc` if Yjs takes them, aimed at its real items. */
function poisonedUpdates(docId: DocId, ydoc: Y.Doc): { docId: DocId; bytes: Uint8Array }[] {
  const item = [...ydoc.store.clients.values()].flat().find((s) => s instanceof Y.Item)!;
  const origin: [number, number] = [item.id.client, item.id.clock + item.length - 1];
  const own = ydoc.clientID;
  const other = 0x7fff_0001;
  const updates = [
    craftUpdate([{ client: other, clock: 0, structs: [stringItem({ origin }, '')] }]),
    craftUpdate([
      {
        client: other,
        clock: 0,
        structs: [stringItem({ origin }, ''), stringItem({ origin: [other, 0] }, 'x')],
      },
    ]),
    craftUpdate([{ client: other, clock: 0, structs: [anyItem({ origin }, [])] }]),
    craftUpdate([{ client: other, clock: 0, structs: [deletedItem({ origin }, 0)] }]),
    craftUpdate([
      {
        client: own,
        clock: Y.getState(ydoc.store, own),
        structs: [stringItem({ origin }, 'forged')],
      },
    ]),
    craftUpdate([], [{ client: own, ranges: [[0, 5]] }]),
    craftUpdate([
      { client: other, clock: 0, structs: [skipStruct(2), stringItem({ origin }, 'x')] },
    ]),
    craftUpdate([{ client: other, clock: 0, structs: [stringItem({ origin: [other, 0] }, 'x')] }]),
    craftUpdate([{ client: other, clock: 0, structs: [subdocItem({ origin })] }]),
    craftUpdate([{ client: other, clock: 0, structs: [gcStruct(2 ** 41)] }]),
  ];
  return updates.map((bytes) => ({ docId, bytes }));
}

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

function hasPending(ydoc: Y.Doc): boolean {
  return ydoc.store.pendingStructs !== null || ydoc.store.pendingDs !== null;
}

/** The document encodes, decodes, and a local edit on it applies fully on a replica. */
function healthy(ydoc: Y.Doc): boolean {
  try {
    const state = Y.encodeStateAsUpdate(ydoc);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, state);
    if (hasPending(replica)) return false;
    const probe = new Y.Doc();
    Y.applyUpdate(probe, state);
    probe.clientID = 9_999;
    const local: Uint8Array[] = [];
    probe.on('update', (update: Uint8Array) => local.push(update));
    const body = probe.get(ENTRY_BODY_ROOT, Y.XmlText);
    const first = (body.toDelta() as { insert?: unknown }[])[0];
    if (first?.insert instanceof Y.XmlText) first.insert.insert(0, 'after the fuzz ');
    else probe.getMap(INDEX_ROOT.meta).set('probe', 1);
    Y.applyUpdate(replica, local[0]!);
    return !hasPending(replica);
  } catch {
    return false;
  }
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
    const { target, corpus } = await writeCircle(random);
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
      expect(performance.now() - started).toBeLessThan(BUDGET_MS);
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
