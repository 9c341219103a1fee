/**
 * One live copy per document. A document the store does not hold is made at once, and
 * sync, told it was added, asks for it again from inside that first request: both must
 * get the same Y.Doc, or the editor writes one copy while saving and sync follow another.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LiveDocs } from '../../../../renderer/src/live-documents/liveDocs';
import { SaveTracker } from '../../../../renderer/src/live-documents/saveTracker';
import type { DocAppend, HearthApi } from '../../../../shared/ipc/contract';
import type { CircleId, DocId } from '../../../../shared/notebook/ids';

const CIRCLE = 'CCCCCCCCCCCCCCCCCCCCCC' as CircleId;
const ENTRY = 'EEEEEEEEEEEEEEEEEEEEEE' as DocId;
const STORED = 'SSSSSSSSSSSSSSSSSSSSSS' as DocId;

/** A store holding one document (`STORED`) and keeping every append. */
function fakeApi() {
  const appended: DocAppend[] = [];
  const held = new Y.Doc();
  held.getText('body').insert(0, 'kept on disk');
  const api = {
    docs: {
      load: (_circle: CircleId, docId: DocId) =>
        Promise.resolve(docId === STORED ? Y.encodeStateAsUpdate(held) : null),
      append: (_circle: CircleId, docId: DocId, update: Uint8Array) => {
        appended.push({ docId, update });
        return Promise.resolve();
      },
      appendMany: (_circle: CircleId, appends: DocAppend[]) => {
        appended.push(...appends);
        return Promise.resolve();
      },
      flush: () => Promise.resolve(),
    },
  } as unknown as HearthApi;
  return { api, appended };
}

function liveDocs() {
  const { api, appended } = fakeApi();
  return { docs: new LiveDocs(api, CIRCLE, new SaveTracker(), new Set([STORED])), appended };
}

describe('live documents', () => {
  it('gives one copy to a request made while the document is being made', async () => {
    const { docs, appended } = liveDocs();
    const fromInside: Promise<Y.Doc>[] = [];
    docs.onAdded((docId) => {
      if (docId === ENTRY) fromInside.push(docs.get(ENTRY));
    });
    const first = await docs.get(ENTRY);
    expect(fromInside).toHaveLength(1);
    const second = await fromInside[0]!;
    expect(second).toBe(first);
    expect(docs.peek(ENTRY)).toBe(first);

    // What is written into that one copy is what is saved and settled.
    first.getText('body').insert(0, 'words typed once');
    await docs.settle();
    const saved = new Y.Doc();
    for (const { docId, update } of appended) if (docId === ENTRY) Y.applyUpdate(saved, update);
    expect(saved.getText('body').toJSON()).toBe('words typed once');
  });

  it('gives one copy to a request made while a stored document loads', async () => {
    const { docs } = liveDocs();
    const inside: Promise<Y.Doc>[] = [];
    docs.onAdded((docId) => inside.push(docs.get(docId)));
    const [a, b] = await Promise.all([docs.get(STORED), docs.get(STORED)]);
    expect(b).toBe(a);
    expect(await inside[0]!).toBe(a);
    expect(a.getText('body').toJSON()).toBe('kept on disk');
  });

  it('refuses to hold a second copy of a document it holds', async () => {
    const { docs } = liveDocs();
    await docs.get(ENTRY);
    const other = new Y.Doc();
    expect(() => docs.adopt(ENTRY, other)).toThrow(/already held/);
  });
});
