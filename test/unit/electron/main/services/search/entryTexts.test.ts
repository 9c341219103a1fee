import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  EntryTexts,
  MAX_TEXT_CHARS,
  searchHandlers,
  type EntryTextFolder,
} from '../../../../../../electron/main/services/search/entryTexts';
import type { CircleFolder } from '../../../../../../electron/main/services/store/circleFolder';
import type { Store } from '../../../../../../electron/main/services/store/store';
import { checkInvokeArguments } from '../../../../../../shared/ipc/arguments';
import { MAX_ENTRY_TEXTS_PER_REQUEST } from '../../../../../../shared/ipc/contract';
import { entryDocId, newId, type DocId, type EntryId } from '../../../../../../shared/notebook/ids';
import { appendParagraph } from '../../../../../helpers/circleLaptops';
import {
  emptyState,
  openStore,
  removeDataDirs,
  tempDataDir,
  testCircle,
} from '../store/storeFixture';

const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  await removeDataDirs();
});

// A paragraph added to an entry body by a writer of its own, as an update.
function paragraph(text: string): Uint8Array {
  return writer()(text);
}

// One writer adding paragraphs to an entry one after another: each call gives its update.
// (Writers of their own each would order concurrent paragraphs by their random ids.)
function writer(): (text: string) => Uint8Array {
  const ydoc = new Y.Doc();
  return (text) => {
    const before = Y.encodeStateVector(ydoc);
    appendParagraph(ydoc, text);
    return Y.encodeStateAsUpdate(ydoc, before);
  };
}

async function storedCircle(): Promise<CircleFolder> {
  const { store } = await openStore(await tempDataDir());
  stores.push(store);
  return store.createCircle(testCircle(), emptyState());
}

// The folder as the service sees it, counting the states it loads.
function counted(folder: CircleFolder): EntryTextFolder & { loads: DocId[] } {
  const loads: DocId[] = [];
  return {
    loads,
    load: (docId) => {
      loads.push(docId);
      return folder.load(docId);
    },
    onDocChanged: (listener) => folder.onDocChanged(listener),
  };
}

describe("main's entry texts for search", () => {
  it('reads an entry once, and again after an append reaches it', async () => {
    const folder = await storedCircle();
    const entryId = newId<EntryId>();
    const write = writer();
    await folder.append(entryDocId(entryId), write('we talked about sleep'));
    const seen = counted(folder);
    const texts = new EntryTexts();

    expect(await texts.read(seen, [entryId])).toEqual([
      { entryId, kind: 'text', text: 'we talked about sleep', cut: false },
    ]);
    await texts.read(seen, [entryId]);
    expect(seen.loads).toHaveLength(1);

    await folder.append(entryDocId(entryId), write('and about the lighthouse'));
    const [again] = await texts.read(seen, [entryId]);
    expect(again).toMatchObject({ text: 'we talked about sleep\nand about the lighthouse' });
    expect(seen.loads).toHaveLength(2);
  });

  it('forgets a removed entry: it is absent from then on', async () => {
    const folder = await storedCircle();
    const entryId = newId<EntryId>();
    await folder.append(entryDocId(entryId), paragraph('words to withdraw'));
    const texts = new EntryTexts();
    await texts.read(folder, [entryId]);
    expect(texts.keptCharacters).toBe('words to withdraw'.length);

    await folder.remove(entryDocId(entryId));
    expect(texts.keptCharacters).toBe(0);
    expect(await texts.read(folder, [entryId])).toEqual([{ entryId, kind: 'absent' }]);
  });

  it('does not keep a text read while an append to it landed', async () => {
    const folder = await storedCircle();
    const entryId = newId<EntryId>();
    const docId = entryDocId(entryId);
    const write = writer();
    await folder.append(docId, write('before'));
    const race: { appending?: Promise<void> } = {};
    const racing: EntryTextFolder = {
      load: async (id) => {
        const state = await folder.load(id);
        // The store's append lands after the state was read, before the text is kept.
        race.appending ??= folder.append(id, write('after'));
        return state;
      },
      onDocChanged: (listener) => folder.onDocChanged(listener),
    };
    const texts = new EntryTexts();
    expect(await texts.read(racing, [entryId])).toMatchObject([{ text: 'before' }]);
    await race.appending;
    expect(await texts.read(racing, [entryId])).toMatchObject([{ text: 'before\nafter' }]);
  });

  it('reports a corrupt document on its own and answers the rest of the batch', async () => {
    const good = newId<EntryId>();
    const corrupt = newId<EntryId>();
    const folder: EntryTextFolder = {
      load: (docId) =>
        Promise.resolve(
          docId === entryDocId(corrupt) ? new Uint8Array([9, 9, 9, 9]) : paragraph('fine'),
        ),
      onDocChanged: () => () => undefined,
    };
    const answers = await new EntryTexts().read(folder, [corrupt, good]);
    expect(answers[0]).toMatchObject({ entryId: corrupt, kind: 'unreadable' });
    expect(answers[1]).toEqual({ entryId: good, kind: 'text', text: 'fine', cut: false });
  });

  it('keeps a reply within what the wire carries: long texts cut, the rest asked again later', async () => {
    const long = 'a'.repeat(MAX_TEXT_CHARS + 10);
    const folder: EntryTextFolder = {
      load: () => Promise.resolve(paragraph(long)),
      onDocChanged: () => () => undefined,
    };
    const entryIds = Array.from({ length: 8 }, () => newId<EntryId>());
    const answers = await new EntryTexts().read(folder, entryIds);
    const texts = answers.filter((answer) => answer.kind === 'text');
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((answer) => answer.cut && answer.text.length === MAX_TEXT_CHARS)).toBe(true);
    expect(answers.slice(texts.length).every((answer) => answer.kind === 'later')).toBe(true);
    expect(answers.map((answer) => answer.entryId)).toEqual(entryIds);
  });

  it('keeps no more than its bound, letting the least recently asked go first', async () => {
    const folder: EntryTextFolder = {
      load: () => Promise.resolve(paragraph('0123456789')),
      onDocChanged: () => () => undefined,
    };
    const texts = new EntryTexts(25);
    const [one, two, three] = [newId<EntryId>(), newId<EntryId>(), newId<EntryId>()];
    await texts.read(folder, [one, two]);
    await texts.read(folder, [one]);
    await texts.read(folder, [three]);
    expect(texts.keptCharacters).toBe(20);
    const load = vi.spyOn(folder, 'load');
    await texts.read(folder, [one, three]);
    expect(load).not.toHaveBeenCalled();
  });

  it('answers through its handler for a circle the store opens', async () => {
    const folder = await storedCircle();
    const entryId = newId<EntryId>();
    await folder.append(entryDocId(entryId), paragraph('handled'));
    const handlers = searchHandlers(() => Promise.resolve(folder));
    const circleId = folder.circle.profile.circleId;
    expect(await handlers['hearth:search:entryTexts'](circleId, [entryId])).toMatchObject([
      { text: 'handled' },
    ]);
  });
});

describe('the entry texts request', () => {
  const circleId = 'AAAAAAAAAAAAAAAAAAAAAA';
  const entryId = 'BBBBBBBBBBBBBBBBBBBBBB';

  it('takes a circle and a bounded list of entry ids', () => {
    expect(checkInvokeArguments('hearth:search:entryTexts', [circleId, [entryId]]).ok).toBe(true);
    expect(checkInvokeArguments('hearth:search:entryTexts', [circleId, []]).ok).toBe(true);
  });

  it('refuses the index, a malformed id, too many ids or a missing list', () => {
    const refused = (args: unknown[]) => !checkInvokeArguments('hearth:search:entryTexts', args).ok;
    expect(refused([circleId, ['index']])).toBe(true);
    expect(refused([circleId, ['../../etc/passwd00000']])).toBe(true);
    expect(refused([circleId, Array(MAX_ENTRY_TEXTS_PER_REQUEST + 1).fill(entryId)])).toBe(true);
    expect(refused([circleId])).toBe(true);
    expect(refused(['short', [entryId]])).toBe(true);
  });
});
