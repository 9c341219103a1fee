import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LiveDocs } from '../../../../renderer/src/live-documents/liveDocs';
import { SaveTracker } from '../../../../renderer/src/live-documents/saveTracker';
import type { CircleId, DocId } from '../../../../shared/notebook/ids';
import { LOCAL_ORIGIN, PEER_ORIGIN, STORE_ORIGIN } from '../../../../shared/notebook/origins';
import { memoryApi, newCircle, type MemoryApi } from '../../../helpers/memoryApi';

const ENTRY = 'entryAAAAAAAAAAAAAAAAA' as DocId;
const OTHER = 'entryBBBBBBBBBBBBBBBBB' as DocId;

// The folder as a page opens it: the documents the store holds, live.
async function openFolder(memory: MemoryApi, circleId: CircleId): Promise<LiveDocs> {
  const opened = await memory.api.circles.open(circleId);
  return new LiveDocs(memory.api, circleId, new SaveTracker(), new Set(opened.docIds));
}

function write(ydoc: Y.Doc, text: string): void {
  ydoc.transact(() => ydoc.getText('body').insert(0, text), LOCAL_ORIGIN);
}

// A circle whose store holds ENTRY with `text`, written in an earlier session.
async function circleHolding(text: string): Promise<{ memory: MemoryApi; circleId: CircleId }> {
  const memory = memoryApi();
  const circleId = await newCircle(memory);
  const earlier = await openFolder(memory, circleId);
  write(await earlier.get(ENTRY), text);
  await earlier.close();
  return { memory, circleId };
}

describe('the live documents of a store folder', () => {
  it('saves every change, so the folder opened again holds the same words', async () => {
    const { memory, circleId } = await circleHolding('we met on Tuesday');
    const reopened = await openFolder(memory, circleId);
    expect(reopened.holds(ENTRY)).toBe(true);
    expect((await reopened.get(ENTRY)).getText('body').toJSON()).toBe('we met on Tuesday');
  });

  it('loads a stored document once, and every caller shares that one copy', async () => {
    const { memory, circleId } = await circleHolding('kept');

    const docs = await openFolder(memory, circleId);
    const before = memory.calls.get('hearth:docs:load') ?? 0;
    const [a, b] = await Promise.all([docs.get(ENTRY), docs.get(ENTRY)]);
    expect(a).toBe(b);
    expect(await docs.get(ENTRY)).toBe(a);
    expect(docs.peek(ENTRY)).toBe(a);
    expect(memory.calls.get('hearth:docs:load')! - before).toBe(1);
  });

  it('makes a document the store did not hold without asking the store for it', async () => {
    const memory = memoryApi();
    const docs = await openFolder(memory, await newCircle(memory));
    const before = memory.calls.get('hearth:docs:load') ?? 0;
    expect(docs.holds(OTHER)).toBe(false);
    const ydoc = await docs.get(OTHER);
    expect(ydoc.getText('body').toJSON()).toBe('');
    expect(memory.calls.get('hearth:docs:load') ?? 0).toBe(before);
    expect(docs.holds(OTHER)).toBe(true);
    expect(docs.ids()).toContain(OTHER);
  });

  it('tells its listeners of each document added and each change with its origin', async () => {
    const memory = memoryApi();
    const docs = await openFolder(memory, await newCircle(memory));
    const added: DocId[] = [];
    const heard: [DocId, unknown][] = [];
    docs.onAdded((docId) => added.push(docId));
    const stopHearing = docs.onUpdate((docId, _update, origin) => heard.push([docId, origin]));

    const ydoc = await docs.get(ENTRY);
    write(ydoc, 'mine');
    const peer = new Y.Doc();
    peer.getText('body').insert(0, 'theirs ');
    Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(peer), PEER_ORIGIN);
    stopHearing();
    write(ydoc, 'unheard');

    expect(added).toEqual([ENTRY]);
    expect(heard).toEqual([
      [ENTRY, LOCAL_ORIGIN],
      [ENTRY, PEER_ORIGIN],
    ]);
  });

  it('keeps a document made here from its first change, as it keeps loaded ones', async () => {
    const memory = memoryApi();
    const circleId = await newCircle(memory);
    const docs = await openFolder(memory, circleId);
    const made = new Y.Doc();
    docs.adopt(OTHER, made);
    write(made, 'a new entry');
    expect(await docs.get(OTHER)).toBe(made);
    await docs.settle();

    const stored = await memory.api.docs.load(circleId, OTHER);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, stored!, STORE_ORIGIN);
    expect(copy.getText('body').toJSON()).toBe('a new entry');
  });

  it('deletes a removed document and never loads or makes it again while open', async () => {
    const { memory, circleId } = await circleHolding('withdrawn words');

    const docs = await openFolder(memory, circleId);
    const ydoc = await docs.get(ENTRY);
    await docs.remove(ENTRY);

    expect(ydoc.isDestroyed).toBe(true);
    expect(docs.isRemoved(ENTRY)).toBe(true);
    expect(docs.holds(ENTRY)).toBe(false);
    expect(docs.ids()).not.toContain(ENTRY);
    expect(docs.peek(ENTRY)).toBeUndefined();
    await expect(docs.get(ENTRY)).rejects.toThrow('That document was removed.');
    expect(memory.backend.updates.has(`${circleId}/${ENTRY}`)).toBe(false);
    expect((await memory.api.circles.open(circleId)).docIds).not.toContain(ENTRY);
  });

  it('removes a document still loading: the load gives nothing and nothing is kept', async () => {
    const { memory, circleId } = await circleHolding('words');

    const docs = await openFolder(memory, circleId);
    const loading = docs.get(ENTRY);
    const removing = docs.remove(ENTRY);
    await expect(loading).rejects.toThrow('That document was removed.');
    await removing;
    expect(docs.holds(ENTRY)).toBe(false);
    expect(memory.backend.updates.has(`${circleId}/${ENTRY}`)).toBe(false);
  });
});
