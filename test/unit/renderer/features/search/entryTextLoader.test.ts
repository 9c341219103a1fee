import { afterEach, describe, expect, it } from 'vitest';
import type { DocId, EntryId } from '../../../../../shared/notebook/ids';
import { EntryTextLoader } from '../../../../../renderer/src/features/search/entryTextLoader';
import { FakeCircle } from '../../../../helpers/searchedCircle';

const loaders: EntryTextLoader[] = [];
afterEach(() => {
  for (const loader of loaders.splice(0)) loader.dispose();
});

function loaderOver(
  circle: FakeCircle,
  reads: { indexChanged: boolean; read: EntryId[] }[] = [],
): EntryTextLoader {
  const loader = new EntryTextLoader(circle, {
    debounceMs: 5,
    batchSize: 2,
    pause: () => Promise.resolve(),
    shouldRead: () => true,
    onRead: (indexChanged, read) => reads.push({ indexChanged, read: [...read] }),
  });
  loaders.push(loader);
  return loader;
}

describe('entry text loader', () => {
  it("reads stored entries from main's store newest first, and a changed one from its live document once per burst", async () => {
    const circle = new FakeCircle();
    const meeting = circle.meeting('Arriving');
    const one = circle.entry(meeting, 'first words');
    const two = circle.entry(meeting, 'second words');
    const reads: { indexChanged: boolean; read: EntryId[] }[] = [];
    const loader = loaderOver(circle, reads);
    loader.track([one, two]);
    await loader.load();
    expect(circle.storedAsks).toEqual([[two, one]]);
    expect(loader.text(one)?.original).toBe('first words');

    circle.write(one, 'a');
    circle.write(one, 'a lighthouse');
    circle.flag(two, { contentNote: 'loss' });
    await loader.settled();
    expect(loader.text(one)?.original).toContain('a lighthouse');
    // One pass for the batch, one for the burst of typing (which also touched the index).
    expect(reads).toEqual([
      { indexChanged: false, read: [two, one] },
      { indexChanged: true, read: [one] },
    ]);
    expect(circle.storedAsks).toHaveLength(1);
    // Search never loads a body into the page.
    expect(circle.loads).toEqual([]);
  });

  it("reads a document the page holds live from the page, not from main's store", async () => {
    const circle = new FakeCircle();
    const meeting = circle.meeting('Arriving');
    const one = circle.entry(meeting, 'stored words');
    const two = circle.entry(meeting, 'on screen');
    circle.live.add(two);
    const loader = loaderOver(circle);
    loader.track([one, two]);
    await loader.load();
    expect(circle.storedAsks).toEqual([[one]]);
    expect(loader.text(two)?.original).toBe('on screen');
    expect(circle.loads).toEqual([]);
  });

  it('waits for a document this laptop lacks and reads it when it arrives', async () => {
    const circle = new FakeCircle();
    const one = circle.entry(circle.meeting('Arriving'), '');
    circle.notHeld.add(one as string as DocId);
    const loader = loaderOver(circle);
    loader.track([one]);
    await loader.load();
    expect(circle.storedAsks).toEqual([]);
    expect(loader.isSettled(one)).toBe(true);
    expect(loader.text(one)).toBeUndefined();

    circle.notHeld.delete(one as string as DocId);
    circle.write(one, 'arrived');
    await loader.settled();
    expect(loader.text(one)?.original).toBe('arrived');
    expect(circle.loads).toEqual([]);
  });

  for (const when of ['before', 'after'] as const) {
    it(`keeps the live words of an entry that changed while main was asked (answer ${when} the change is read)`, async () => {
      const circle = new FakeCircle();
      const one = circle.entry(circle.meeting('Arriving'), 'stored words');
      let answer!: () => void;
      circle.storeGate = new Promise((resolve) => (answer = resolve));
      const loader = loaderOver(circle);
      loader.track([one]);
      const loading = loader.load();
      while (circle.storedAsks.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));

      // The page loads the entry (an editor opens it) and types in it.
      circle.write(one, 'newer words');
      if (when === 'after') await new Promise((resolve) => setTimeout(resolve, 20));
      answer();
      await loading;
      await loader.settled();
      // (The fake's writer adds a paragraph: the stored words stay beneath.)
      expect(loader.text(one)?.original).toBe('newer words\nstored words');
    });
  }

  it('settles an entry main cannot read, and reads it once it changes in the page', async () => {
    const circle = new FakeCircle();
    const one = circle.entry(circle.meeting('Arriving'), 'lost');
    circle.corrupt.add(one);
    const loader = loaderOver(circle);
    loader.track([one]);
    await loader.load();
    expect(loader.isSettled(one)).toBe(true);
    expect(loader.text(one)).toBeUndefined();

    circle.write(one, 'written again');
    await loader.settled();
    expect(loader.text(one)?.original).toContain('written again');
  });

  it('asks again for entries main put off, before the rest', async () => {
    const circle = new FakeCircle();
    const meeting = circle.meeting('Arriving');
    const [one, two, three] = ['a', 'b', 'c'].map((text) => circle.entry(meeting, text)) as [
      EntryId,
      EntryId,
      EntryId,
    ];
    circle.putOff.add(two);
    const loader = loaderOver(circle);
    loader.track([one, two, three]);
    await loader.load();
    expect(circle.storedAsks).toEqual([
      [three, two],
      [two, one],
    ]);
    expect([one, two, three].map((id) => loader.text(id)?.original)).toEqual(['a', 'b', 'c']);
  });

  it('forgets the words of an entry it no longer tracks', async () => {
    const circle = new FakeCircle();
    const one: EntryId = circle.entry(circle.meeting('Arriving'), 'withdrawn words');
    const loader = loaderOver(circle);
    loader.track([one]);
    await loader.load();
    expect(loader.isSettled(one)).toBe(true);
    loader.track([]);
    expect(loader.text(one)).toBeUndefined();
    expect(loader.isSettled(one)).toBe(false);
  });
});
