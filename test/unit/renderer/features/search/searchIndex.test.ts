import { afterEach, describe, expect, it } from 'vitest';
import type { DocId, EntryId } from '../../../../../shared/notebook/ids';
import { CircleSearchSource } from '../../../../../renderer/src/features/search/circleSearchSource';
import {
  SearchIndex,
  type SearchOutcome,
} from '../../../../../renderer/src/features/search/searchIndex';
import { FakeCircle } from '../../../../helpers/searchedCircle';

const sources: CircleSearchSource[] = [];
afterEach(() => {
  for (const source of sources.splice(0)) source.dispose();
});

async function searchable(
  circle: FakeCircle,
  options: { isRevealed?: (id: EntryId) => boolean; batchSize?: number } = {},
): Promise<{ index: SearchIndex; source: CircleSearchSource }> {
  const source = new CircleSearchSource(circle, {
    formatDate: (date) => date,
    debounceMs: 5,
    pause: () => Promise.resolve(),
    ...options,
  });
  sources.push(source);
  const index = new SearchIndex();
  index.addSource(source);
  await source.settled();
  return { index, source };
}

function keys(outcome: SearchOutcome): string[] {
  return outcome.groups.flatMap((group) => group.results.map((r) => r.document.key));
}

describe('circle search', () => {
  it('finds an entry by a word of its text, whatever the case and accents', async () => {
    const circle = new FakeCircle();
    const meeting = circle.meeting('Arriving');
    const entry = circle.entry(meeting, 'We had a café crème and talked about Élan.');
    const { index } = await searchable(circle);
    for (const query of ['cafe', 'CAFÉ', 'creme', 'élan', 'ELAN', 'Café crème']) {
      expect(keys(index.search(query)), query).toEqual([`entry:${entry}`]);
    }
    expect(keys(index.search('tea'))).toEqual([]);
  });

  it('needs every word of the query, in any order', async () => {
    const circle = new FakeCircle();
    const meeting = circle.meeting('Arriving');
    const both = circle.entry(meeting, 'A long walk in the rain.');
    circle.entry(meeting, 'A long week.');
    const { index } = await searchable(circle);
    expect(keys(index.search('rain long'))).toEqual([`entry:${both}`]);
    expect(keys(index.search('long'))).toHaveLength(2);
    expect(keys(index.search('long sunshine'))).toEqual([]);
  });

  it('ranks a title above an author above the text, newer first on a tie', async () => {
    const circle = new FakeCircle();
    const hope = circle.member('Hope');
    const older = circle.meeting('Hope and habits', '2026-01-06');
    const newer = circle.meeting('Hope again', '2026-02-03');
    const byName = circle.entry(older, 'Nothing much to say tonight.', { authorId: hope });
    const byText = circle.entry(older, 'I found some hope this week.');
    const { index } = await searchable(circle);
    const outcome = index.search('hope');
    expect(outcome.groups.map((g) => g.group)).toEqual(['meetings', 'entries']);
    expect(keys(outcome)).toEqual([
      `meeting:${newer}`,
      `meeting:${older}`,
      `entry:${byName}`,
      `entry:${byText}`,
    ]);
    const [titled] = outcome.groups[0]!.results;
    const [named, texted] = outcome.groups[1]!.results;
    expect(titled!.score).toBeGreaterThan(named!.score);
    expect(named!.score).toBeGreaterThan(texted!.score);
    expect(outcome.total).toBe(4);
  });

  it('never finds an anonymous entry by its author, but does by its words', async () => {
    const circle = new FakeCircle();
    const sam = circle.member('Samira');
    const meeting = circle.meeting('Small mercies');
    const anonymous = circle.entry(meeting, 'The bus driver waited for me.', {
      authorId: sam,
      visibility: 'anonymous',
    });
    const { index } = await searchable(circle);
    expect(keys(index.search('samira'))).toEqual([]);
    const found = index.search('driver').groups[0]!.results[0]!;
    expect(found.document.key).toBe(`entry:${anonymous}`);
    expect(found.document.heading).toBeNull();
  });

  it('never finds a withdrawn entry, and forgets one withdrawn after it was indexed', async () => {
    const circle = new FakeCircle();
    const meeting = circle.meeting('Arriving');
    circle.entry(meeting, 'Gone before anyone looked: periwinkle.', { withdrawn: true });
    const later = circle.entry(meeting, 'Withdrawn later: marigold.');
    const { index, source } = await searchable(circle);
    expect(keys(index.search('periwinkle'))).toEqual([]);
    expect(circle.loads).not.toContain([...circle.entries.values()].find((e) => e.withdrawn)!.id);
    expect(keys(index.search('marigold'))).toEqual([`entry:${later}`]);

    circle.flag(later, { withdrawn: true });
    await source.settled();
    expect(keys(index.search('marigold'))).toEqual([]);
    expect(index.progress()).toEqual({ ready: 1, total: 1 });
  });

  it('finds an entry with a content note but veils its snippet until it is opened', async () => {
    const circle = new FakeCircle();
    const meeting = circle.meeting('Hard weeks');
    const noted = circle.entry(meeting, 'This week I nearly went back to drinking.', {
      contentNote: 'mentions relapse',
    });
    const opened = new Set<EntryId>();
    const { index, source } = await searchable(circle, { isRevealed: (id) => opened.has(id) });
    const veiled = index.search('drinking').groups[0]!.results[0]!;
    expect(veiled.document.key).toBe(`entry:${noted}`);
    expect(veiled.document.veil).toBe('mentions relapse');
    expect(veiled.snippet).toBeNull();

    opened.add(noted);
    source.refresh();
    const shown = index.search('drinking').groups[0]!.results[0]!;
    expect(shown.document.veil).toBeNull();
    expect(shown.snippet?.text).toContain('drinking');
  });

  it('highlights matches in the words as written, accents included', async () => {
    const circle = new FakeCircle();
    const meeting = circle.meeting('Café evenings');
    circle.entry(meeting, 'Before the café, I walked. After the CAFE I slept.');
    const { index } = await searchable(circle);
    const outcome = index.search('cafe');
    const title = outcome.groups[0]!.results[0]!;
    expect(title.headingRanges).toEqual([{ start: 0, end: 4 }]);
    const entry = outcome.groups[1]!.results[0]!;
    const marked = entry.snippet!.ranges.map((r) => entry.snippet!.text.slice(r.start, r.end));
    expect(marked).toEqual(['café', 'CAFE']);
  });

  it('keeps up with typing, meetings and new entries, a moment after each change', async () => {
    const circle = new FakeCircle();
    const meeting = circle.meeting('Arriving', '2026-03-03', ['What are you bringing tonight?']);
    const entry = circle.entry(meeting, 'Nothing yet.');
    const { index, source } = await searchable(circle);
    expect(keys(index.search('bringing'))).toEqual([`meeting:${meeting}`]);

    circle.write(entry, 'Nothing yet.\nNow a lighthouse.');
    expect(keys(index.search('lighthouse'))).toEqual([]);
    await source.settled();
    expect(keys(index.search('lighthouse'))).toEqual([`entry:${entry}`]);

    const second = circle.entry(meeting, 'A lighthouse too.');
    await source.settled();
    expect(keys(index.search('lighthouse'))).toEqual([`entry:${second}`, `entry:${entry}`]);
    // Each entry was asked of main once; typing re-reads the live copy, and no body was loaded.
    expect(circle.storedAsks.flat().filter((id) => id === entry)).toHaveLength(1);
    expect(circle.loads).toEqual([]);
  });

  it('keeps the same outcome for an empty query while only words change (a closed box is not drawn again)', async () => {
    const circle = new FakeCircle();
    const meeting = circle.meeting('Arriving');
    const entry = circle.entry(meeting, 'Nothing yet.');
    const { index, source } = await searchable(circle);
    const before = index.outcome('');
    circle.write(entry, 'Nothing yet. A lighthouse.');
    await source.settled();
    expect(index.outcome('')).toBe(before);
    // A query with words is worked out again, and finds the new words.
    expect(keys(index.outcome('lighthouse'))).toEqual([`entry:${entry}`]);
    // Progress is what an empty outcome shows: a new entry to read makes a new one.
    circle.entry(meeting, 'A second entry.');
    await source.settled();
    const after = index.outcome('');
    expect(after).not.toBe(before);
    expect(after.progress).toEqual({ ready: 3, total: 3 });
  });

  it('reads an entry whose document has not arrived yet once it arrives, never making it', async () => {
    const circle = new FakeCircle();
    const meeting = circle.meeting('Arriving');
    const here = circle.entry(meeting, 'Already on this laptop.');
    const coming = circle.entry(meeting, '');
    circle.notHeld.add(coming as string as DocId);
    const { index, source } = await searchable(circle);
    expect(circle.storedAsks).toEqual([[here]]);
    expect(source.progress()).toEqual({ ready: 3, total: 3 });
    expect(keys(index.search('lighthouse'))).toEqual([]);

    // The peer's update makes the document and writes its words.
    circle.notHeld.delete(coming as string as DocId);
    circle.write(coming, 'A lighthouse on the hill.');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await source.settled();
    expect(circle.loads).toEqual([]);
    expect(keys(index.search('lighthouse'))).toEqual([`entry:${coming}`]);
  });

  it('reads entries in the background in small batches, newest first', async () => {
    const circle = new FakeCircle();
    const meeting = circle.meeting('Busy');
    const ids = Array.from({ length: 9 }, (_, i) => circle.entry(meeting, `entry number ${i}`));
    let release: () => void = () => undefined;
    const turns: number[] = [];
    const source = new CircleSearchSource(circle, {
      formatDate: (date) => date,
      batchSize: 4,
      pause: () =>
        new Promise<void>((resolve) => {
          turns.push(circle.storedAsks.flat().length);
          release = resolve;
        }),
    });
    sources.push(source);
    expect(source.progress()).toEqual({ ready: 1, total: 10 });
    for (let turn = 0; turn < 3; turn++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      release();
    }
    await source.settled();
    expect(turns).toEqual([0, 4, 8]);
    expect(circle.storedAsks[0]![0]).toBe(ids[8]);
    expect(source.progress()).toEqual({ ready: 10, total: 10 });
  });
});
