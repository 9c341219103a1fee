import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindHeadlessEntry } from '../../../../../shared/notebook/headlessEntry';
import { INDEX_DOC_ID, type DocId, type EntryId } from '../../../../../shared/notebook/ids';
import {
  EntryTextLoader,
  type EntryTextSession,
} from '../../../../../renderer/src/features/search/entryTextLoader';

// Entry documents in memory, each written through a headless Lexical editor.
class FakeEntries implements EntryTextSession {
  readonly bodies = new Map<EntryId, Y.Doc>();
  readonly loads: EntryId[] = [];
  readonly notHeld = new Set<DocId>();
  private readonly listeners = new Set<
    (docId: DocId, update: Uint8Array, origin: unknown) => void
  >();

  entryDoc(entryId: EntryId): Promise<Y.Doc> {
    this.loads.push(entryId);
    return Promise.resolve(this.bodies.get(entryId) ?? new Y.Doc());
  }

  holds(docId: DocId): boolean {
    return !this.notHeld.has(docId);
  }

  onDocUpdate(listener: (docId: DocId, update: Uint8Array, origin: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  write(entryId: EntryId, text: string): void {
    let ydoc = this.bodies.get(entryId);
    if (ydoc === undefined) {
      ydoc = new Y.Doc();
      ydoc.on('update', (update: Uint8Array, origin: unknown) => {
        for (const listener of this.listeners) listener(entryId as string as DocId, update, origin);
      });
      this.bodies.set(entryId, ydoc);
    }
    const writer = bindHeadlessEntry(ydoc);
    writer.editor.update(
      () => {
        $getRoot().clear();
        $getRoot().append($createParagraphNode().append($createTextNode(text)));
      },
      { discrete: true },
    );
    writer.dispose();
  }

  indexChanged(): void {
    for (const listener of this.listeners) listener(INDEX_DOC_ID, new Uint8Array(), null);
  }
}

const loaders: EntryTextLoader[] = [];
afterEach(() => {
  for (const loader of loaders.splice(0)) loader.dispose();
});

function loaderOver(entries: FakeEntries, reads: boolean[]): EntryTextLoader {
  const loader = new EntryTextLoader(entries, {
    debounceMs: 5,
    batchSize: 2,
    pause: () => Promise.resolve(),
    shouldRead: () => true,
    onRead: (indexChanged) => reads.push(indexChanged),
  });
  loaders.push(loader);
  return loader;
}

const one = 'one' as EntryId;
const two = 'two' as EntryId;

describe('entry text loader', () => {
  it('reads the tracked entries newest first and re-reads a changed one once per burst', async () => {
    const entries = new FakeEntries();
    entries.write(one, 'first words');
    entries.write(two, 'second words');
    const reads: boolean[] = [];
    const loader = loaderOver(entries, reads);
    loader.track([one, two]);
    await loader.load();
    expect(entries.loads).toEqual([two, one]);
    expect(loader.text(one)?.original).toBe('first words');

    entries.write(one, 'a');
    entries.write(one, 'a lighthouse');
    entries.indexChanged();
    await loader.settled();
    expect(loader.text(one)?.original).toContain('a lighthouse');
    // One pass for the batch, one for the burst of typing (which also touched the index).
    expect(reads).toEqual([false, true]);
    expect(entries.loads).toEqual([two, one]);
  });

  it('waits for a document this laptop lacks and reads it when it arrives', async () => {
    const entries = new FakeEntries();
    entries.notHeld.add(one as string as DocId);
    const loader = loaderOver(entries, []);
    loader.track([one]);
    await loader.load();
    expect(entries.loads).toEqual([]);
    expect(loader.isSettled(one)).toBe(true);
    expect(loader.text(one)).toBeUndefined();

    entries.notHeld.delete(one as string as DocId);
    entries.write(one, 'arrived');
    await loader.settled();
    expect(entries.loads).toEqual([one]);
    expect(loader.text(one)?.original).toBe('arrived');
  });

  it('forgets the words of an entry it no longer tracks', async () => {
    const entries = new FakeEntries();
    entries.write(one, 'withdrawn words');
    const loader = loaderOver(entries, []);
    loader.track([one]);
    await loader.load();
    expect(loader.isSettled(one)).toBe(true);
    loader.track([]);
    expect(loader.text(one)).toBeUndefined();
    expect(loader.isSettled(one)).toBe(false);
  });
});
