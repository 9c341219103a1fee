import { afterEach, describe, expect, it } from 'vitest';
import type { DocId, EntryId } from '../../../../../shared/notebook/ids';
import { EntryTextLoader } from '../../../../../renderer/src/features/search/entryTextLoader';
import { FakeCircle } from '../../../../helpers/searchedCircle';

const loaders: EntryTextLoader[] = [];
afterEach(() => {
  for (const loader of loaders.splice(0)) loader.dispose();
});

function loaderOver(circle: FakeCircle, reads: boolean[] = []): EntryTextLoader {
  const loader = new EntryTextLoader(circle, {
    debounceMs: 5,
    batchSize: 2,
    pause: () => Promise.resolve(),
    shouldRead: () => true,
    onRead: (indexChanged) => reads.push(indexChanged),
  });
  loaders.push(loader);
  return loader;
}

describe('entry text loader', () => {
  it('reads the tracked entries newest first and re-reads a changed one once per burst', async () => {
    const circle = new FakeCircle();
    const meeting = circle.meeting('Arriving');
    const one = circle.entry(meeting, 'first words');
    const two = circle.entry(meeting, 'second words');
    const reads: boolean[] = [];
    const loader = loaderOver(circle, reads);
    loader.track([one, two]);
    await loader.load();
    expect(circle.loads).toEqual([two, one]);
    expect(loader.text(one)?.original).toBe('first words');

    circle.write(one, 'a');
    circle.write(one, 'a lighthouse');
    circle.flag(two, { contentNote: 'loss' });
    await loader.settled();
    expect(loader.text(one)?.original).toContain('a lighthouse');
    // One pass for the batch, one for the burst of typing (which also touched the index).
    expect(reads).toEqual([false, true]);
    expect(circle.loads).toEqual([two, one]);
  });

  it('waits for a document this laptop lacks and reads it when it arrives', async () => {
    const circle = new FakeCircle();
    const one = circle.entry(circle.meeting('Arriving'), '');
    circle.notHeld.add(one as string as DocId);
    const loader = loaderOver(circle);
    loader.track([one]);
    await loader.load();
    expect(circle.loads).toEqual([]);
    expect(loader.isSettled(one)).toBe(true);
    expect(loader.text(one)).toBeUndefined();

    circle.notHeld.delete(one as string as DocId);
    circle.write(one, 'arrived');
    await loader.settled();
    expect(circle.loads).toEqual([one]);
    expect(loader.text(one)?.original).toBe('arrived');
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
