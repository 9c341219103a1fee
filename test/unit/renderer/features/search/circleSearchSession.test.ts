import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CircleSearchSource } from '../../../../../renderer/src/features/search/circleSearchSource';
import { circleSearchSession } from '../../../../../renderer/src/features/search/circleSearchSession';
import { SearchIndex } from '../../../../../renderer/src/features/search/searchIndex';
import { CircleSession } from '../../../../../renderer/src/live-documents/circleSession';
import { entryDocId, type CircleId, type EntryId } from '../../../../../shared/notebook/ids';
import { appendParagraph } from '../../../../helpers/circleLaptops';
import { memoryApi, newCircle, type MemoryApi } from '../../../../helpers/memoryApi';

const sessions: CircleSession[] = [];
const sources: CircleSearchSource[] = [];
afterEach(async () => {
  for (const source of sources.splice(0)) source.dispose();
  for (const session of sessions.splice(0)) await session.close();
});

// A circle with two published entries, stored and closed: the next opening loads no body.
async function storedCircle(): Promise<{
  memory: MemoryApi;
  circleId: CircleId;
  entries: EntryId[];
}> {
  const memory = memoryApi();
  const circleId = await newCircle(memory);
  const writing = await CircleSession.open(memory.api, circleId);
  const meetingId = writing.addMeeting({ title: 'Week one', date: '2025-03-04', prompts: [] });
  const entries = ['we talked about sleep', 'a lighthouse on the hill'].map((text) => {
    const ydoc = new Y.Doc();
    appendParagraph(ydoc, text);
    return writing.publish({
      meetingId,
      body: Y.encodeStateAsUpdate(ydoc),
      anonymous: false,
      contentNote: null,
      exportable: true,
    }).entryId;
  });
  await writing.close();
  return { memory, circleId, entries };
}

async function open(memory: MemoryApi, circleId: CircleId): Promise<CircleSession> {
  const session = await CircleSession.open(memory.api, circleId);
  sessions.push(session);
  return session;
}

function searched(
  session: CircleSession,
  memory: MemoryApi,
): { index: SearchIndex; source: CircleSearchSource } {
  const source = new CircleSearchSource(circleSearchSession(session, memory.api), {
    formatDate: (date) => date,
    debounceMs: 5,
    pause: () => Promise.resolve(),
  });
  sources.push(source);
  const index = new SearchIndex();
  index.addSource(source);
  return { index, source };
}

const found = (index: SearchIndex, query: string): string[] =>
  index.search(query).groups.flatMap((group) => group.results.map((r) => r.document.key));

describe('search over an open circle', () => {
  it("finds every entry without loading a body into the page: stored ones come from main's store", async () => {
    const { memory, circleId, entries } = await storedCircle();
    const session = await open(memory, circleId);
    const loadsBefore = memory.calls.get('hearth:docs:load') ?? 0;
    const { index, source } = searched(session, memory);
    await source.settled();

    expect(found(index, 'sleep')).toEqual([`entry:${entries[0]}`]);
    expect(found(index, 'lighthouse')).toEqual([`entry:${entries[1]}`]);
    expect(memory.calls.get('hearth:docs:load') ?? 0).toBe(loadsBefore);
    expect(memory.calls.get('hearth:search:entryTexts')).toBe(1);
    for (const entryId of entries) expect(session.loadedDoc(entryDocId(entryId))).toBeUndefined();
  });

  it('reads an entry open in the page from its live document, and follows typing there', async () => {
    const { memory, circleId, entries } = await storedCircle();
    const session = await open(memory, circleId);
    // An editor has the first entry open, and words typed there are not in the store yet.
    const live = await session.entryDoc(entries[0]!);
    appendParagraph(live, 'and about dreams');
    const { index, source } = searched(session, memory);
    await source.settled();
    expect(found(index, 'dreams')).toEqual([`entry:${entries[0]}`]);

    appendParagraph(live, 'the harbour at night');
    await source.settled();
    expect(found(index, 'harbour')).toEqual([`entry:${entries[0]}`]);
    // Only the entry the page does not hold was asked of main.
    expect(memory.calls.get('hearth:search:entryTexts')).toBe(1);
  });
});
