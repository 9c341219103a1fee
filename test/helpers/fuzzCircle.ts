/**
 * The circle the peer-protocol fuzzers attack: a notebook written by a peer with Lexical,
 * of which the target laptop holds the first part, the rest (and whole-document
 * differences) making the corpus of valid messages and updates to mutate; updates crafted
 * to damage the target's own documents; and the health check a document must pass after
 * any update was accepted. Used by test/unit/shared/sync/peerFuzz.test.ts and
 * test/fuzz/peerMessages.ts.
 */
import * as Y from 'yjs';
import { CircleIndex } from '../../shared/notebook/circleIndex';
import { bindHeadlessEntry, seedEntryBody } from '../../shared/notebook/headlessEntry';
import {
  INDEX_DOC_ID,
  entryDocId,
  type CircleId,
  type DocId,
  type EntryId,
  type MemberId,
} from '../../shared/notebook/ids';
import { LOCAL_ORIGIN } from '../../shared/notebook/origins';
import { ENTRY_BODY_ROOT, INDEX_ROOT } from '../../shared/notebook/schema';
import { MESSAGE_KIND, encodePeerMessage } from '../../shared/sync/peerProtocol';
import { seededId } from './circleReplicas';
import {
  anyItem,
  craftUpdate,
  deletedItem,
  gcStruct,
  skipStruct,
  stringItem,
  subdocItem,
} from './craftedUpdates';
import type { FuzzCorpus } from './malformedFrames';
import { MemorySyncedDocs } from './memorySyncedDocs';
import { randomEntryEdit } from './randomEntryEdits';
import type { SeededRandom } from './seededRandom';

/** A circle written by a peer with Lexical: the target holds its first part; the rest is corpus. */
export async function writeFuzzCircle(
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
export function poisonedUpdates(docId: DocId, ydoc: Y.Doc): { docId: DocId; bytes: Uint8Array }[] {
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

/** True when Yjs holds structs or deletions it could not integrate yet. */
export function hasPending(ydoc: Y.Doc): boolean {
  return ydoc.store.pendingStructs !== null || ydoc.store.pendingDs !== null;
}

/** The document encodes, decodes, and a local edit on it applies fully on a replica. */
export function healthy(ydoc: Y.Doc): boolean {
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
