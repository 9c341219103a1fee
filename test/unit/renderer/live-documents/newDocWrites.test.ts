/**
 * A peer's whole documents written straight to the store without being made live
 * (renderer/src/live-documents/newDocWrites.ts, through LiveDocs.writeNew): one request
 * for many documents, held at once, readable before the store confirms them, counted
 * unsaved until it does, retried when it fails, and never written once let go.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LiveDocs } from '../../../../renderer/src/live-documents/liveDocs';
import { SaveTracker } from '../../../../renderer/src/live-documents/saveTracker';
import type { HearthApi } from '../../../../shared/ipc/contract';
import { HearthError } from '../../../../shared/ipc/errors';
import type { CircleId, DocId } from '../../../../shared/notebook/ids';
import { PEER_ORIGIN } from '../../../../shared/notebook/origins';
import { memoryApi, newCircle } from '../../../helpers/memoryApi';

const FIRST = 'entryAAAAAAAAAAAAAAAAA' as DocId;
const SECOND = 'entryBBBBBBBBBBBBBBBBB' as DocId;

function wholeDoc(text: string): Uint8Array {
  const ydoc = new Y.Doc();
  ydoc.getText('body').insert(0, text);
  return Y.encodeStateAsUpdate(ydoc);
}

/** A folder over a store whose `appendMany` fails while `failing` is set, and counts requests. */
async function folder() {
  const memory = memoryApi();
  const circleId: CircleId = await newCircle(memory);
  const store = { failing: false, requests: 0 };
  const api: HearthApi = {
    ...memory.api,
    docs: {
      ...memory.api.docs,
      appendMany: (circle, appends) => {
        store.requests++;
        if (store.failing) return Promise.reject(new HearthError('disk-full', 'The disk is full.'));
        return memory.api.docs.appendMany(circle, appends);
      },
    },
  };
  const saves = new SaveTracker();
  const docs = new LiveDocs(api, circleId, saves, new Set());
  const storedText = async (docId: DocId): Promise<string | null> => {
    const bytes = await memory.api.docs.load(circleId, docId);
    if (bytes === null) return null;
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, bytes);
    return ydoc.getText('body').toJSON();
  };
  return { docs, saves, store, storedText };
}

describe("a peer's new documents written straight to the store", () => {
  it('go in one request, are held at once without being live, and are told once on disk', async () => {
    const { docs, saves, store, storedText } = await folder();
    const told: [DocId, unknown][] = [];
    docs.onUpdate((docId, _update, origin) => told.push([docId, origin]));
    expect(docs.takesNew(FIRST)).toBe(true);
    docs.writeNew([
      { docId: FIRST, update: wholeDoc('first, from a peer') },
      { docId: SECOND, update: wholeDoc('second, from a peer') },
    ]);
    expect(docs.holds(FIRST) && docs.holds(SECOND)).toBe(true);
    expect(docs.takesNew(FIRST)).toBe(false);
    expect(docs.peek(FIRST)).toBeUndefined();
    expect(saves.read().pending).toBe(2);
    await docs.settle();
    expect(store.requests).toBe(1);
    expect(saves.read().pending).toBe(0);
    expect(await storedText(FIRST)).toBe('first, from a peer');
    expect(await storedText(SECOND)).toBe('second, from a peer');
    expect(told).toEqual([
      [FIRST, PEER_ORIGIN],
      [SECOND, PEER_ORIGIN],
    ]);
  });

  it('a write the store refuses stays unsaved, readable when loaded, and lands when the store is back', async () => {
    const { docs, saves, store, storedText } = await folder();
    store.failing = true;
    docs.writeNew([{ docId: FIRST, update: wholeDoc('kept through a full disk') }]);
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(saves.read()).toMatchObject({ pending: 1, failure: 'disk-full' });
    // Loaded meanwhile: its words come from the bytes still waiting.
    expect((await docs.get(FIRST)).getText('body').toJSON()).toBe('kept through a full disk');
    store.failing = false;
    saves.retryNow();
    await docs.settle();
    expect(saves.read()).toMatchObject({ pending: 0, failure: null });
    expect(await storedText(FIRST)).toBe('kept through a full disk');
  });

  it('a document let go while its write waits is never written, and is no longer counted unsaved', async () => {
    const { docs, saves, store, storedText } = await folder();
    store.failing = true;
    docs.writeNew([
      { docId: FIRST, update: wholeDoc('withdrawn by its author') },
      { docId: SECOND, update: wholeDoc('kept') },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await docs.remove(FIRST);
    expect(saves.read().pending).toBe(1);
    expect(docs.takesNew(FIRST)).toBe(false);
    store.failing = false;
    saves.retryNow();
    await docs.settle();
    expect(saves.read().pending).toBe(0);
    expect(await storedText(FIRST)).toBeNull();
    expect(await storedText(SECOND)).toBe('kept');
  });
});
