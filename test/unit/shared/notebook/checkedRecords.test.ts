import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CircleIndex } from '../../../../shared/notebook/circleIndex';
import { thursdayFounding } from '../../../helpers/foundedCircle';
import { newId, type MemberId } from '../../../../shared/notebook/ids';
import { INDEX_ROOT } from '../../../../shared/notebook/schema';

const founderId = newId<MemberId>();
const founding = thursdayFounding(founderId);

function circleWithTwoEntries() {
  const index = CircleIndex.found(new Y.Doc(), founding);
  const meetingId = index.addMeeting({
    title: 'First',
    date: '2025-01-01',
    prompts: [],
    createdBy: null,
  });
  const kept = index.addEntry({ meetingId, authorId: founderId, visibility: 'circle' }, 200);
  const changed = index.addEntry({ meetingId, authorId: founderId, visibility: 'circle' }, 300);
  return { index, meetingId, kept, changed };
}

describe('snapshots rebuilt after a change', () => {
  it('keep the records the change did not touch and read again the one it did', () => {
    const { index, meetingId, kept, changed } = circleWithTwoEntries();
    const before = index.read();
    index.setEntryFlags(changed, { contentNote: 'grief' });
    const after = index.read();
    expect(after).not.toBe(before);
    expect(after.entries.get(kept)).toBe(before.entries.get(kept));
    expect(after.meetings[0]).toBe(before.meetings[0]);
    expect(after.entries.get(changed)?.contentNote).toBe('grief');
    expect(after.entriesByMeeting.get(meetingId)?.map((entry) => entry.id)).toEqual([
      kept,
      changed,
    ]);
  });

  it('read a change that arrives from another laptop, and a record it removes', () => {
    const { index, meetingId, kept, changed } = circleWithTwoEntries();
    index.read();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(index.ydoc));
    const otherIndex = new CircleIndex(other);
    otherIndex.updateMeeting(meetingId, { title: 'First, renamed' });
    other.transact(() => other.getMap(INDEX_ROOT.entries).delete(changed));
    Y.applyUpdate(index.ydoc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(index.ydoc)));
    const after = index.read();
    expect(after.meetings[0]?.title).toBe('First, renamed');
    expect([...after.entries.keys()]).toEqual([kept]);
  });

  it('read again a record whose field was replaced by one of the wrong shape, keeping its last good form', () => {
    const { index, kept } = circleWithTwoEntries();
    const before = index.read().entries.get(kept);
    const yEntry = index.ydoc.getMap(INDEX_ROOT.entries).get(kept) as Y.Map<unknown>;
    index.ydoc.transact(() => yEntry.set('visibility', 42));
    expect(index.read().entries.get(kept)).toEqual(before);
    index.ydoc.transact(() => yEntry.set('visibility', 'anonymous'));
    expect(index.read().entries.get(kept)?.visibility).toBe('anonymous');
  });
});
