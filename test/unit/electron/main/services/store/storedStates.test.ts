/**
 * Main answers state vectors and differences of many stored documents at once, from the
 * stored updates (electron/main/services/store/storedStates.ts), through the document
 * handlers a renderer calls: the same answers a Y.Doc of each document would give.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkInvokeArguments } from '../../../../../../shared/ipc/arguments';
import { MAX_STORED_DOCS_PER_REQUEST } from '../../../../../../shared/ipc/contract';
import {
  entryDocId,
  newId,
  type CircleId,
  type DocId,
  type EntryId,
} from '../../../../../../shared/notebook/ids';
import { docHandlers } from '../../../../../../electron/main/services/store/docHandlers';
import {
  StoredStates,
  type StoredDocSource,
} from '../../../../../../electron/main/services/store/storedStates';
import type { Store } from '../../../../../../electron/main/services/store/store';
import { emptyState, openStore, removeDataDirs, tempDataDir, testCircle } from './storeFixture';

const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  await removeDataDirs();
});

type DocHandlers = ReturnType<typeof docHandlers>;

/** A stored circle with three entry documents written by two writers, and its handlers. */
async function storedCircle(): Promise<{
  handlers: DocHandlers;
  circleId: CircleId;
  docs: Map<DocId, Y.Doc>;
}> {
  const { store } = await openStore(await tempDataDir(), { tuning: { commitWindowMs: 1 } });
  stores.push(store);
  const circle = testCircle();
  await store.createCircle(circle, emptyState());
  const handlers = docHandlers(store);
  const docs = new Map<DocId, Y.Doc>();
  for (let i = 0; i < 3; i++) {
    const docId = entryDocId(newId<EntryId>());
    const ydoc = new Y.Doc();
    ydoc.getText('body').insert(0, `entry ${i}, first words`);
    await handlers['hearth:docs:append'](
      circle.profile.circleId,
      docId,
      Y.encodeStateAsUpdate(ydoc),
    );
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(ydoc));
    const before = Y.encodeStateVector(other);
    other.getText('body').insert(0, 'a second writer: ');
    other.getText('body').delete(20, 3);
    await handlers['hearth:docs:append'](
      circle.profile.circleId,
      docId,
      Y.encodeStateAsUpdate(other, before),
    );
    Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(other));
    docs.set(docId, ydoc);
  }
  return { handlers, circleId: circle.profile.circleId, docs };
}

function vectorMap(stateVector: Uint8Array | null): Map<number, number> {
  expect(stateVector).not.toBeNull();
  return Y.decodeStateVector(stateVector!);
}

describe('stored documents answered from main', () => {
  it('gives each stored document the state vector its Y.Doc would give, in the order named', async () => {
    const { handlers, circleId, docs } = await storedCircle();
    const unknown = entryDocId(newId<EntryId>());
    const docIds = [...docs.keys(), unknown];
    const answers = await handlers['hearth:docs:stateVectors'](circleId, docIds);
    expect(answers.map(({ docId }) => docId)).toEqual(docIds);
    for (const [i, [, ydoc]] of [...docs].entries()) {
      expect(vectorMap(answers[i]!.stateVector)).toEqual(
        Y.decodeStateVector(Y.encodeStateVector(ydoc)),
      );
      expect(answers[i]!.unreadable).toBe(false);
    }
    expect(answers[3]).toEqual({ docId: unknown, stateVector: null, unreadable: false });
  });

  it('gives the difference from a peer state that brings the peer to the same document', async () => {
    const { handlers, circleId, docs } = await storedCircle();
    const [docId, ydoc] = [...docs][0]!;
    // A peer holding nothing gets the whole document.
    const peer = new Y.Doc();
    const answers = await handlers['hearth:docs:diffs'](circleId, [
      { docId, stateVector: Y.encodeStateVector(peer) },
    ]);
    expect(answers).toHaveLength(1);
    Y.applyUpdate(peer, answers[0]!.update!);
    expect(peer.getText('body').toJSON()).toBe(ydoc.getText('body').toJSON());
    // A peer holding all of it gets what encodeStateAsUpdate would give it (no structs);
    // one with words of its own ends holding both.
    const firstWords = new Y.Doc();
    firstWords.getText('body').insert(0, 'first');
    const holder = new Y.Doc();
    Y.applyUpdate(holder, Y.encodeStateAsUpdate(ydoc));
    const sv = Y.encodeStateVector(holder);
    const [rest] = await handlers['hearth:docs:diffs'](circleId, [{ docId, stateVector: sv }]);
    const fromDoc = Y.encodeStateAsUpdate(ydoc, sv);
    expect(Y.parseUpdateMeta(rest!.update!)).toEqual(Y.parseUpdateMeta(fromDoc));
    const [lacking] = await handlers['hearth:docs:diffs'](circleId, [
      { docId, stateVector: Y.encodeStateVector(firstWords) },
    ]);
    Y.applyUpdate(firstWords, lacking!.update!);
    expect(Y.encodeStateVector(firstWords)).toEqual(
      Y.encodeStateVector(mergedWith(firstWords, ydoc)),
    );
  });

  it('lets go of a kept state vector when the document is appended to or removed', async () => {
    const { handlers, circleId, docs } = await storedCircle();
    const [docId, ydoc] = [...docs][1]!;
    const [first] = await handlers['hearth:docs:stateVectors'](circleId, [docId]);
    const before = Y.encodeStateVector(ydoc);
    ydoc.getText('body').insert(0, 'later words ');
    await handlers['hearth:docs:append'](circleId, docId, Y.encodeStateAsUpdate(ydoc, before));
    const [second] = await handlers['hearth:docs:stateVectors'](circleId, [docId]);
    expect(vectorMap(second!.stateVector)).not.toEqual(vectorMap(first!.stateVector));
    expect(vectorMap(second!.stateVector)).toEqual(Y.decodeStateVector(Y.encodeStateVector(ydoc)));
    await handlers['hearth:docs:remove'](circleId, docId);
    const [removed] = await handlers['hearth:docs:stateVectors'](circleId, [docId]);
    expect(removed!.stateVector).toBeNull();
  });

  it('reads a document once while nothing is added, and again once something is', async () => {
    const reads: DocId[] = [];
    let stored = Y.encodeStateAsUpdate(textDoc('kept'));
    const docId = entryDocId(newId<EntryId>());
    const source: StoredDocSource = {
      load: (id) => {
        reads.push(id);
        return Promise.resolve(stored);
      },
    };
    const states = new StoredStates(() => Promise.resolve(source));
    const circleId = newId<CircleId>();
    const first = await states.stateVectors(circleId, [docId]);
    const again = await states.stateVectors(circleId, [docId]);
    expect(again[0]!.stateVector).toBe(first[0]!.stateVector);
    // New bytes from the store (a change by any path) are never answered from what was kept.
    stored = Y.mergeUpdates([stored, Y.encodeStateAsUpdate(textDoc('more'))]);
    const changed = await states.stateVectors(circleId, [docId]);
    expect(changed[0]!.stateVector).not.toEqual(first[0]!.stateVector);
    expect(reads).toHaveLength(3);
  });

  it('reports a document it cannot read on its own and answers the others', async () => {
    const good = entryDocId(newId<EntryId>());
    const broken = entryDocId(newId<EntryId>());
    const garbled = entryDocId(newId<EntryId>());
    const goodState = Y.encodeStateAsUpdate(textDoc('fine'));
    const source: StoredDocSource = {
      load: (docId) => {
        if (docId === broken) return Promise.reject(new Error('bad checksum'));
        if (docId === garbled) return Promise.resolve(new Uint8Array([200, 1, 7, 7, 7]));
        return Promise.resolve(goodState);
      },
    };
    const states = new StoredStates(() => Promise.resolve(source));
    const circleId = newId<CircleId>();
    const vectors = await states.stateVectors(circleId, [broken, good, garbled]);
    expect(vectors.map(({ unreadable }) => unreadable)).toEqual([true, false, true]);
    expect(vectors[1]!.stateVector).not.toBeNull();
    const diffs = await states.diffs(
      circleId,
      [broken, good, garbled].map((docId) => ({ docId, stateVector: new Uint8Array([0]) })),
    );
    expect(diffs.map(({ unreadable }) => unreadable)).toEqual([true, false, true]);
    expect(diffs[1]!.update).toEqual(Y.diffUpdate(goodState, new Uint8Array([0])));
  });

  it('stops a large answer early, always answering at least one document', async () => {
    const big = Y.encodeStateAsUpdate(textDoc('x'.repeat(2000)));
    const states = new StoredStates(
      () => Promise.resolve({ load: () => Promise.resolve(big) }),
      3000,
    );
    const requests = [1, 2, 3].map(() => ({
      docId: entryDocId(newId<EntryId>()),
      stateVector: new Uint8Array([0]),
    }));
    const answers = await states.diffs(newId<CircleId>(), requests);
    expect(answers.map(({ docId }) => docId)).toEqual(requests.slice(0, 2).map((r) => r.docId));
    const tiny = new StoredStates(() => Promise.resolve({ load: () => Promise.resolve(big) }), 1);
    expect(await tiny.diffs(newId<CircleId>(), requests)).toHaveLength(1);
  });

  it('refuses malformed arguments before any handler runs, and a malformed state vector in the handler', async () => {
    const circleId = newId<CircleId>();
    const tooMany = Array.from({ length: MAX_STORED_DOCS_PER_REQUEST + 1 }, () =>
      entryDocId(newId<EntryId>()),
    );
    expect(checkInvokeArguments('hearth:docs:stateVectors', [circleId, tooMany]).ok).toBe(false);
    expect(checkInvokeArguments('hearth:docs:stateVectors', [circleId, ['../x']]).ok).toBe(false);
    expect(checkInvokeArguments('hearth:docs:stateVectors', ['short', []]).ok).toBe(false);
    expect(
      checkInvokeArguments('hearth:docs:diffs', [circleId, [{ docId: 'index', stateVector: 'x' }]])
        .ok,
    ).toBe(false);
    expect(
      checkInvokeArguments('hearth:docs:diffs', [
        circleId,
        [{ docId: 'index', stateVector: new Uint8Array(2 * 1024 * 1024) }],
      ]).ok,
    ).toBe(false);
    expect(
      checkInvokeArguments('hearth:docs:diffs', [
        circleId,
        [{ docId: 'index', stateVector: new Uint8Array([0]) }],
      ]).ok,
    ).toBe(true);
    const { handlers, circleId: stored } = await storedCircle();
    await expect(
      handlers['hearth:docs:diffs'](stored, [
        { docId: 'index' as DocId, stateVector: new Uint8Array([5, 1]) },
      ]),
    ).rejects.toMatchObject({ kind: 'invalid-argument' });
    await expect(handlers['hearth:docs:stateVectors'](circleId, [])).rejects.toMatchObject({
      kind: 'not-found',
    });
  });
});

function textDoc(text: string): Y.Doc {
  const ydoc = new Y.Doc();
  ydoc.getText('body').insert(0, text);
  return ydoc;
}

/** A copy of `a` with all of `b` applied: what a peer holding `a` should end with. */
function mergedWith(a: Y.Doc, b: Y.Doc): Y.Doc {
  const merged = new Y.Doc();
  Y.applyUpdate(merged, Y.encodeStateAsUpdate(a));
  Y.applyUpdate(merged, Y.encodeStateAsUpdate(b));
  return merged;
}
