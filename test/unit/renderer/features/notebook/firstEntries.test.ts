/** The first screen's entries, whose bodies are asked for as soon as the circle opens. */
import { describe, expect, it } from 'vitest';
import { EAGER_EDITORS } from '../../../../../renderer/src/features/entry-editor/editorTurns';
import { firstEntriesShown } from '../../../../../renderer/src/features/notebook/firstEntries';
import type { EntryId, MeetingId, MemberId } from '../../../../../shared/notebook/ids';
import type { EntryRecord, MeetingRecord } from '../../../../../shared/notebook/schema';

function meeting(id: string, date: string): MeetingRecord {
  return {
    id: id as MeetingId,
    title: id,
    date,
    prompts: [],
    createdAt: Date.parse(date),
    createdBy: 'ana' as MemberId,
  };
}

function entry(id: string, meetingId: string, withdrawn = false): EntryRecord {
  return {
    id: id as EntryId,
    meetingId: meetingId as MeetingId,
    authorId: 'ana' as MemberId,
    createdAt: 0,
    visibility: 'circle',
    exportable: true,
    contentNote: null,
    withdrawn,
  };
}

describe('the first screen’s entries', () => {
  it('are the newest meeting’s first entries still shown, as many as mount at once', () => {
    const meetings = [meeting('this week', '2026-12-01'), meeting('last week', '2026-11-24')];
    const entriesByMeeting = new Map<MeetingId, EntryRecord[]>([
      [
        meetings[0]!.id,
        [entry('withdrawn', 'this week', true), entry('a', 'this week'), entry('b', 'this week')],
      ],
      [meetings[1]!.id, [entry('older', 'last week')]],
    ]);
    const first = firstEntriesShown({ meetings, entriesByMeeting });
    expect(first).toEqual(['a', 'b'].slice(0, EAGER_EDITORS));
  });

  it('are none in a circle with no meetings, or a newest meeting with no entries', () => {
    expect(firstEntriesShown({ meetings: [], entriesByMeeting: new Map() })).toEqual([]);
    const meetings = [meeting('this week', '2026-12-01')];
    expect(firstEntriesShown({ meetings, entriesByMeeting: new Map() })).toEqual([]);
  });
});
