import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CircleIndex } from '../../../../shared/notebook/circleIndex';
import { thursdayFounding } from '../../../helpers/foundedCircle';
import { newId, type MemberId } from '../../../../shared/notebook/ids';
import { LOCAL_ORIGIN } from '../../../../shared/notebook/origins';
import { INDEX_ROOT, NOTEBOOK_SCHEMA_VERSION } from '../../../../shared/notebook/schema';
import { capturedLogs } from '../../../helpers/capturedLogs';

const founderId = newId<MemberId>();
const founding = thursdayFounding(founderId);

const logged = capturedLogs();

function foundCircle(): CircleIndex {
  return CircleIndex.found(new Y.Doc(), founding);
}

describe('CircleIndex', () => {
  it('founds a circle with its meta and its founder, not yet agreed', () => {
    const { meta, members, meetings, entries } = foundCircle().read();
    expect(meta).toMatchObject({
      schemaVersion: NOTEBOOK_SCHEMA_VERSION,
      circleId: founding.circleId,
      name: 'Thursday Circle',
      createdAt: 100,
    });
    expect([...members.values()]).toEqual([
      {
        id: founderId,
        name: 'Robin',
        colour: 'lake',
        joinedAt: 100,
        agreedAt: null,
        agreedVersion: null,
      },
    ]);
    expect(meetings).toEqual([]);
    expect(entries.size).toBe(0);
  });

  it('writes every change with the local origin', () => {
    const ydoc = new Y.Doc();
    const origins: unknown[] = [];
    ydoc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
    const index = CircleIndex.found(ydoc, founding);
    index.addMeeting({ title: 'One', date: '2025-01-01', prompts: [], createdBy: null });
    expect(origins.length).toBeGreaterThan(0);
    expect(new Set(origins)).toEqual(new Set([LOCAL_ORIGIN]));
  });

  it('lists meetings newest first by date, then by creation time', () => {
    const index = foundCircle();
    const meeting = (title: string, date: string, now: number) =>
      index.addMeeting({ title, date, prompts: [], createdBy: founderId }, now);
    meeting('Spring', '2025-04-01', 1);
    meeting('Winter', '2025-01-07', 2);
    meeting('Spring, later the same day', '2025-04-01', 3);
    meeting('Summer', '2025-07-15', 4);
    expect(index.read().meetings.map((m) => m.title)).toEqual([
      'Summer',
      'Spring, later the same day',
      'Spring',
      'Winter',
    ]);
  });

  it("lists each meeting's entries oldest first, whatever order they were added in", () => {
    const index = foundCircle();
    const first = index.addMeeting({
      title: 'A',
      date: '2025-01-01',
      prompts: [],
      createdBy: null,
    });
    const second = index.addMeeting({
      title: 'B',
      date: '2025-01-08',
      prompts: [],
      createdBy: null,
    });
    const late = index.addEntry(
      { meetingId: first, authorId: founderId, visibility: 'circle' },
      30,
    );
    const early = index.addEntry({ meetingId: first, authorId: null, visibility: 'anonymous' }, 10);
    const other = index.addEntry({ meetingId: second, authorId: null, visibility: 'circle' }, 20);
    const { entriesByMeeting, entries } = index.read();
    expect(entriesByMeeting.get(first)?.map((e) => e.id)).toEqual([early, late]);
    expect(entriesByMeeting.get(second)?.map((e) => e.id)).toEqual([other]);
    expect(entries.get(early)).toEqual({
      id: early,
      meetingId: first,
      authorId: null,
      createdAt: 10,
      visibility: 'anonymous',
      exportable: true,
      contentNote: null,
      withdrawn: false,
    });
  });

  it('changes only the fields of a meeting that a patch names', () => {
    const index = foundCircle();
    const id = index.addMeeting({
      title: 'Before',
      date: '2025-02-02',
      prompts: [{ kind: 'theme', text: 'What helped?' }],
      createdBy: founderId,
    });
    index.updateMeeting(id, { title: 'After' });
    index.updateMeeting(id, { prompts: [{ kind: 'check-out', text: 'One word.' }] });
    expect(index.read().meetings[0]).toMatchObject({
      id,
      title: 'After',
      date: '2025-02-02',
      prompts: [{ kind: 'check-out', text: 'One word.' }],
      createdBy: founderId,
    });
  });

  it('ignores an update to a meeting it does not have', () => {
    const index = foundCircle();
    const before = index.read();
    index.updateMeeting(newId(), { title: 'Nobody' });
    expect(index.read()).toBe(before);
  });

  it('replaces a member record field by field', () => {
    const index = foundCircle();
    index.upsertMember({
      id: founderId,
      name: 'Rob',
      colour: 'moss',
      joinedAt: 100,
      agreedAt: 5,
      agreedVersion: null,
    });
    expect(index.read().members.get(founderId)).toMatchObject({
      id: founderId,
      name: 'Rob',
      colour: 'moss',
      joinedAt: 100,
      agreedAt: 5,
    });
  });

  it('returns the same snapshot object until the document changes', () => {
    const index = foundCircle();
    const first = index.read();
    expect(index.read()).toBe(first);
    index.addMeeting({ title: 'New', date: '2025-03-03', prompts: [], createdBy: null });
    const second = index.read();
    expect(second).not.toBe(first);
    expect(index.read()).toBe(second);
  });

  it('sees changes that arrive from another copy of the document', () => {
    const index = foundCircle();
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(index.ydoc));
    new CircleIndex(peer).addMeeting({
      title: 'From the peer',
      date: '2025-05-05',
      prompts: [],
      createdBy: null,
    });
    const before = index.read();
    Y.applyUpdate(index.ydoc, Y.encodeStateAsUpdate(peer));
    expect(index.read()).not.toBe(before);
    expect(index.read().meetings.map((m) => m.title)).toEqual(['From the peer']);
  });

  it('calls subscribers after each change until they unsubscribe', () => {
    const index = foundCircle();
    let calls = 0;
    const unsubscribe = index.subscribe(() => calls++);
    index.addMeeting({ title: 'One', date: '2025-01-01', prompts: [], createdBy: null });
    expect(calls).toBe(1);
    unsubscribe();
    index.addMeeting({ title: 'Two', date: '2025-01-02', prompts: [], createdBy: null });
    expect(calls).toBe(1);
  });

  it('stops observing the document once disposed', () => {
    const index = foundCircle();
    let calls = 0;
    index.subscribe(() => calls++);
    index.dispose();
    new CircleIndex(index.ydoc).addMeeting({
      title: 'Later',
      date: '2025-01-01',
      prompts: [],
      createdBy: null,
    });
    expect(calls).toBe(0);
  });

  it('reads an empty document as no circle at all', () => {
    const { meta, members, meetings } = new CircleIndex(new Y.Doc()).read();
    expect(meta).toBeNull();
    expect(members.size).toBe(0);
    expect(meetings).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('reports a bad record once, not on every later change', () => {
    const index = foundCircle();
    index.ydoc.getMap(INDEX_ROOT.meta).set('name', '');
    index.read();
    index.addMeeting({ title: 'One', date: '2025-01-01', prompts: [], createdBy: null });
    expect(index.read().meta).toBeNull();
    expect(logged.map((record) => record.detail?.reason)).toEqual([
      'meta.name should be a string of 1 to 80 characters, got a string of 0 characters',
    ]);
  });
});

describe('a record caught between two updates', () => {
  it('keeps its last valid form while it does not fit (a half-arrived change, or a bad write)', () => {
    const ydoc = new Y.Doc();
    const index = new CircleIndex(ydoc);
    const meetingId = index.addMeeting({
      title: 'Held for a moment',
      date: '2026-04-04',
      prompts: [{ kind: 'theme', text: 'First' }],
      createdBy: null,
    });
    expect(index.read().meetings.map((m) => m.title)).toEqual(['Held for a moment']);
    // What a reader sees when a replacement's deletion arrived before its insertion.
    (ydoc.getMap(INDEX_ROOT.meetings).get(meetingId) as Y.Map<unknown>).delete('prompts');
    expect(index.read().meetings.map((m) => m.prompts[0]?.text)).toEqual(['First']);
    index.updateMeeting(meetingId, { prompts: [{ kind: 'theme', text: 'Second' }] });
    expect(index.read().meetings.map((m) => m.prompts[0]?.text)).toEqual(['Second']);
  });
});
