import { describe, expect, it } from 'vitest';
import type { EntryId, MeetingId, MemberId } from '../../../../../shared/notebook/ids';
import type { EntryRecord, MeetingRecord } from '../../../../../shared/notebook/schema';
import {
  entryAuthorName,
  entrySearchDocument,
  meetingSearchDocument,
  searchableEntries,
} from '../../../../../renderer/src/features/search/circleSearchDocuments';
import { foldText } from '../../../../../renderer/src/features/search/searchText';

const formatDate = (date: string): string => `on ${date}`;
const robin = 'robin' as MemberId;

function meeting(id: string, patch: Partial<MeetingRecord> = {}): MeetingRecord {
  return {
    id: id as MeetingId,
    title: 'Arriving',
    date: '2026-03-03',
    prompts: [],
    createdAt: 7,
    createdBy: null,
    ...patch,
  };
}

function entry(id: string, patch: Partial<EntryRecord> = {}): EntryRecord {
  return {
    id: id as EntryId,
    meetingId: 'm1' as MeetingId,
    authorId: robin,
    createdAt: 42,
    visibility: 'circle',
    exportable: true,
    contentNote: null,
    withdrawn: false,
    ...patch,
  };
}

describe('circle search documents', () => {
  it('makes a meeting found by its title and prompts, dated by the meeting day', () => {
    const document = meetingSearchDocument(
      meeting('m1', {
        prompts: [
          { kind: 'check-in', text: 'How are you arriving?' },
          { kind: 'theme', text: 'Rest' },
        ],
      }),
      formatDate,
    );
    expect(document).toMatchObject({
      key: 'meeting:m1',
      group: 'meetings',
      target: { kind: 'meeting', meetingId: 'm1' },
      headingKind: 'title',
      context: 'on 2026-03-03',
      veil: null,
      recency: Date.parse('2026-03-03T12:00:00Z'),
    });
    expect(document.heading?.original).toBe('Arriving');
    expect(document.body?.original).toBe('How are you arriving?\nRest');
  });

  it('gives a meeting without prompts no body, and one without a readable date its creation time', () => {
    const document = meetingSearchDocument(meeting('m1', { date: 'someday' }), formatDate);
    expect(document.body).toBeNull();
    expect(document.recency).toBe(7);
  });

  it('makes an entry found by its author and words, in the context of its meeting', () => {
    const text = foldText('A lighthouse on the hill.');
    const author = foldText('Robin');
    const document = entrySearchDocument(
      entry('e1'),
      { meeting: meeting('m1'), author, text, revealed: false },
      formatDate,
    );
    expect(document).toEqual({
      key: 'entry:e1',
      group: 'entries',
      target: { kind: 'entry', meetingId: 'm1', entryId: 'e1' },
      heading: author,
      headingKind: 'author',
      context: 'Arriving · on 2026-03-03',
      body: text,
      veil: null,
      recency: 42,
    });
  });

  it('veils a content-noted entry until the reader has opened it', () => {
    const noted = entry('e1', { contentNote: 'loss' });
    const parts = {
      meeting: meeting('m1'),
      author: null,
      text: foldText('words'),
      revealed: false,
    };
    expect(entrySearchDocument(noted, parts, formatDate).veil).toBe('loss');
    expect(entrySearchDocument(noted, { ...parts, revealed: true }, formatDate).veil).toBeNull();
  });

  it('names no author for an anonymous entry or an unknown member', () => {
    const members = new Map([[robin, { name: 'Robin' }]]);
    expect(entryAuthorName(entry('e1'), members)).toBe('Robin');
    expect(entryAuthorName(entry('e1', { visibility: 'anonymous' }), members)).toBeNull();
    expect(entryAuthorName(entry('e1', { authorId: null }), members)).toBeNull();
    expect(entryAuthorName(entry('e1', { authorId: 'kai' as MemberId }), members)).toBeNull();
  });

  it('leaves out withdrawn entries and entries of an unknown meeting, keeping the order', () => {
    const meetings = new Map([['m1', meeting('m1')]]);
    const found = searchableEntries(
      [
        entry('e1'),
        entry('e2', { withdrawn: true }),
        entry('e3', { meetingId: 'gone' as MeetingId }),
        entry('e4'),
      ],
      meetings,
    );
    expect(found.map(({ entry: e }) => e.id)).toEqual(['e1', 'e4']);
    expect(found[0]!.meeting.id).toBe('m1');
  });
});
