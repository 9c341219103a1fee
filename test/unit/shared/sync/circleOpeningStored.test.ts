/**
 * Join by circle answered from the store (shared/sync/circleOpening.ts with
 * `StoredDocReaders`): a laptop whose documents offer stored readers says what it holds
 * and answers a peer's CIRCLE_STATE without loading the documents that are not live,
 * while the live ones — which may hold changes not yet stored — answer for themselves.
 * Laptops end as they do without the readers.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { INDEX_DOC_ID, entryDocId, type DocId } from '../../../../shared/notebook/ids';
import { PEER_ORIGIN } from '../../../../shared/notebook/origins';
import { CircleMesh } from '../../../../shared/sync/circleMesh';
import { STORED_WINDOW_DOCS } from '../../../../shared/sync/circleOpening';
import { seededId } from '../../../helpers/circleReplicas';
import {
  appendParagraph,
  docOf,
  entryText,
  foundCircle,
  makeLaptop,
  writeEntry,
  type Laptop,
} from '../../../helpers/circleLaptops';
import { LoopbackTransport } from '../../../helpers/loopbackTransport';
import { seededRandom, type SeededRandom } from '../../../helpers/seededRandom';
import { StoreReadingDocs } from '../../../helpers/storeReadingDocs';

interface StoreLaptop extends Laptop {
  docs: StoreReadingDocs;
}

/** `from`'s documents, all stored and none live, on a laptop whose store answers for them. */
function reopened(
  from: Laptop,
  random: SeededRandom,
  refused: (docId: DocId) => boolean = () => false,
): StoreLaptop {
  const docs = new StoreReadingDocs(refused);
  for (const [docId, state] of from.docs.snapshot()) docs.store(docId, state);
  // The index is live from the moment a circle opens, as in the renderer's session.
  docs.docNow(INDEX_DOC_ID);
  const mesh = new CircleMesh({ docs, memberId: from.memberId, antiEntropyMs: 0 });
  return { peerId: seededId<string>(random), memberId: from.memberId, docs, mesh };
}

/** A laptop that wrote a circle of `count` entries, and its entry documents. */
function writtenCircle(random: SeededRandom, count: number): { writer: Laptop; entries: DocId[] } {
  const writer = makeLaptop(random);
  foundCircle(writer, random);
  const entries = Array.from({ length: count }, (_, i) =>
    entryDocId(writeEntry(writer, random, [`entry ${i} `.repeat(20 + (i % 5) * 50)])),
  );
  return { writer, entries };
}

async function connect(a: Laptop, b: Laptop): Promise<LoopbackTransport> {
  const net = new LoopbackTransport();
  net.connect({ peerId: a.peerId, mesh: a.mesh }, { peerId: b.peerId, mesh: b.mesh });
  await net.settle();
  return net;
}

const entriesLoaded = (laptop: StoreLaptop): DocId[] =>
  laptop.docs.loads.filter((docId) => docId !== INDEX_DOC_ID);

describe('join by circle, answered from the store', () => {
  it('a holder answers a new laptop from its store without loading any entry, and the new laptop ends equal', async () => {
    const random = seededRandom(41);
    // More entries than one window of stored questions, so several are asked.
    const { writer, entries } = writtenCircle(random, STORED_WINDOW_DOCS * 2 + 5);
    const holder = reopened(writer, random);
    const joiner = makeLaptop(random);
    await connect(holder, joiner);
    expect(joiner.docs.contents()).toEqual(writer.docs.contents());
    expect(entriesLoaded(holder)).toEqual([]);
    expect(entries.some((docId) => holder.docs.isLive(docId))).toBe(false);
    expect(holder.docs.asked.diffs).toBeGreaterThanOrEqual(3);
    expect(holder.mesh.peers()[0]!.inStep).toBe(true);
    expect(joiner.mesh.peers()[0]!.inStep).toBe(true);
    const sent = holder.mesh.counters().messagesSent;
    expect(sent.CIRCLE_STATE).toBe(1);
    expect(sent.SYNC_STEP_1 + sent.SYNC_STEP_2).toBe(0);
  });

  it('two laptops that wrote apart, both answering from their stores, end equal', async () => {
    const random = seededRandom(42);
    const { writer, entries } = writtenCircle(random, 30);
    const other = makeLaptop(random);
    await connect(writer, other);
    // Apart: each adds words to entries of its own, and one writes a new entry.
    for (const docId of entries.slice(0, 5)) appendParagraph(docOf(writer, docId), 'Ana, later');
    for (const docId of entries.slice(10, 14)) appendParagraph(docOf(other, docId), 'Ben, later');
    const newEntry = entryDocId(writeEntry(other, random, ['a new entry while apart']));
    const ana = reopened(writer, random);
    const ben = reopened(other, random);
    await connect(ana, ben);
    expect(ana.docs.contents()).toEqual(ben.docs.contents());
    // Each loaded only what the other changed (a peer's write needs the live document).
    expect(entriesLoaded(ana).toSorted()).toEqual([...entries.slice(10, 14), newEntry].toSorted());
    expect(entriesLoaded(ben).toSorted()).toEqual(entries.slice(0, 5).toSorted());
  });

  it("a live document's change not yet stored is in the answer, even when it went live while the store was asked", async () => {
    const random = seededRandom(43);
    const { writer, entries } = writtenCircle(random, 6);
    const holder = reopened(writer, random);
    // Live before the question: words from a third laptop, not yet stored and never sent on.
    const early = entries[1]!;
    receiveFromThirdLaptop(holder, early, 'words the store does not have yet');
    // Live while the store is being asked: its stored answer is older than the live copy.
    const late = entries[4]!;
    holder.docs.beforeAnswer = () => {
      holder.docs.beforeAnswer = null;
      receiveFromThirdLaptop(holder, late, 'arrived while the store was asked');
      return Promise.resolve();
    };
    const joiner = makeLaptop(random);
    await connect(holder, joiner);
    expect(entryText(docOf(joiner, early))).toContain('words the store does not have yet');
    expect(entryText(docOf(joiner, late))).toContain('arrived while the store was asked');
    expect(joiner.docs.contents()).toEqual(holder.docs.contents());
    // Neither was sent as an UPDATE: only the opening's answer could carry them.
    expect(holder.mesh.counters().messagesSent.UPDATE).toBe(0);
  });

  it('never answers a withdrawn entry, from the store or live', async () => {
    const random = seededRandom(44);
    const { writer, entries } = writtenCircle(random, 5);
    const withdrawn = entries[2]!;
    const holder = reopened(writer, random, (docId) => docId === withdrawn);
    const joiner = makeLaptop(random);
    await connect(holder, joiner);
    expect(joiner.docs.holds(withdrawn)).toBe(false);
    expect(joiner.docs.holds(entries[3]!)).toBe(true);
  });

  it('does not send the stored answer of an entry withdrawn while the answer was on its way', async () => {
    const random = seededRandom(46);
    const { writer, entries } = writtenCircle(random, STORED_WINDOW_DOCS + 4);
    const withdrawn = new Set<DocId>();
    // In the second window: its stored answer is asked for while the first is being sent.
    const late = entries[STORED_WINDOW_DOCS + 1]!;
    const holder = reopened(writer, random, (docId) => withdrawn.has(docId));
    // Withdrawn once the second window's answer has been read from the store.
    holder.docs.beforeAnswer = () => {
      if (holder.docs.asked.diffs === 2) withdrawn.add(late);
      return Promise.resolve();
    };
    const joiner = makeLaptop(random);
    await connect(holder, joiner);
    expect(holder.docs.asked.diffs).toBeGreaterThanOrEqual(2);
    expect(joiner.docs.holds(late)).toBe(false);
    expect(joiner.docs.holds(entries[STORED_WINDOW_DOCS + 2]!)).toBe(true);
  });

  it('loads the documents itself when the store cannot be asked, and still ends equal', async () => {
    const random = seededRandom(45);
    const { writer, entries } = writtenCircle(random, 8);
    const holder = reopened(writer, random);
    holder.docs.failing = true;
    const joiner = makeLaptop(random);
    await connect(holder, joiner);
    expect(joiner.docs.contents()).toEqual(writer.docs.contents());
    expect(entriesLoaded(holder).toSorted()).toEqual(entries.toSorted());
  });
});

/** Applies words written on another laptop to `docId`, as a peer's update lands. */
function receiveFromThirdLaptop(laptop: StoreLaptop, docId: DocId, words: string): void {
  const ydoc = laptop.docs.docNow(docId)!;
  const third = new Y.Doc();
  Y.applyUpdate(third, Y.encodeStateAsUpdate(ydoc));
  const before = Y.encodeStateVector(third);
  appendParagraph(third, words);
  Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(third, before), PEER_ORIGIN);
}
