import { describe, expect, it } from 'vitest';
import type { CircleIndex } from '../../../../shared/notebook/circleIndex';
import { robinAndKai } from '../../../helpers/robinAndKai';
import {
  newId,
  type EntryId,
  type MeetingId,
  type MemberId,
} from '../../../../shared/notebook/ids';
import { capturedLogs } from '../../../helpers/capturedLogs';

const founderId = newId<MemberId>();
const memberId = newId<MemberId>();

// Robin founded the circle; Kai joined. Updates cross at once.
function twoLaptops(): { robin: CircleIndex; kai: CircleIndex } {
  return robinAndKai({
    founderId,
    memberId,
    agreements: 'We listen without fixing.\nWhat is said here stays here.',
  });
}

const log = capturedLogs();

describe('circle governance', () => {
  it('makes the founder the first facilitator and starts from the template agreements', () => {
    const { robin, kai } = twoLaptops();
    for (const index of [robin, kai]) {
      const { governance } = index.read();
      expect([...governance.facilitators]).toEqual([founderId]);
      expect(governance.agreements?.version).toBe(1);
      expect(governance.agreements?.text).toContain('without fixing');
    }
  });

  it('ignores, with a logged reason, agreements and rounds changed by a member who is not a facilitator', () => {
    const { robin, kai } = twoLaptops();
    kai.govern({ kind: 'agreements', text: 'Anything goes.', at: 10 });
    kai.govern({ kind: 'role', memberId, role: 'facilitator', at: 11 });
    kai.recordRound({
      kind: 'start',
      roundId: newId<MeetingId>(),
      meetingId: newId<MeetingId>(),
      title: 'Check-in',
      order: [memberId],
      secondsEach: 120,
      at: 12,
    });
    const { governance, round } = robin.read();
    expect(governance.agreements?.text).not.toBe('Anything goes.');
    expect([...governance.facilitators]).toEqual([founderId]);
    expect(round).toBeNull();
    const reasons = log
      .filter((line) => line.level === 'warn')
      .map((line) => String(line.detail?.reason));
    expect(reasons).toContain('it was not written by a facilitator of the circle');
    expect(reasons).toContain('only a facilitator may start a round');
  });

  it('lets a facilitator share the role, and keeps changes made before handing it on', () => {
    const { robin, kai } = twoLaptops();
    robin.govern({ kind: 'role', memberId, role: 'facilitator', at: 5 });
    robin.govern({ kind: 'agreements', text: 'Version two.', at: 6 });
    robin.govern({ kind: 'role', memberId: founderId, role: 'member', at: 7 });
    kai.govern({ kind: 'agreements', text: 'Version three, by the new facilitator.', at: 8 });
    const { governance } = robin.read();
    expect([...governance.facilitators]).toEqual([memberId]);
    expect(governance.agreements).toMatchObject({ version: 3, by: memberId });
  });

  it('never leaves the circle without a facilitator', () => {
    const { robin } = twoLaptops();
    robin.govern({ kind: 'role', memberId: founderId, role: 'member', at: 5 });
    expect([...robin.read().governance.facilitators]).toEqual([founderId]);
  });

  it('runs a round: the facilitator moves it on, the speaker may pass, others may not', () => {
    const { robin, kai } = twoLaptops();
    const roundId = newId<MeetingId>();
    robin.recordRound({
      kind: 'start',
      roundId,
      meetingId: newId<MeetingId>(),
      title: 'Check-in',
      order: [memberId, founderId],
      secondsEach: 180,
      at: 100,
    });
    expect(kai.read().round).toMatchObject({
      speaker: 0,
      turnStartedAt: 100,
      turnStartedBy: founderId,
    });
    kai.recordRound({ kind: 'pass', roundId, speaker: 1, at: 150 });
    expect(robin.read().round).toMatchObject({ speaker: 1, turnStartedBy: memberId });
    expect([...robin.read().round!.passed]).toEqual([0]);
    kai.recordRound({ kind: 'turn', roundId, speaker: 2, at: 160 });
    expect(robin.read().round?.speaker).toBe(1);
    robin.recordRound({ kind: 'end', roundId, at: 200 });
    expect(kai.read().round).toBeNull();
  });

  it('lets the speaker say they are done, handing the piece to the next person only', () => {
    const { robin, kai } = twoLaptops();
    const roundId = newId<MeetingId>();
    robin.recordRound({
      kind: 'start',
      roundId,
      meetingId: newId<MeetingId>(),
      title: 'Check-in',
      order: [memberId, founderId, memberId],
      secondsEach: 180,
      at: 100,
    });
    // Kai skips ahead: refused. Kai is done: the next person speaks, and Kai spoke.
    kai.recordRound({ kind: 'turn', roundId, speaker: 2, at: 140 });
    expect(robin.read().round?.speaker).toBe(0);
    kai.recordRound({ kind: 'turn', roundId, speaker: 1, at: 150 });
    expect(robin.read().round).toMatchObject({ speaker: 1, turnStartedBy: memberId });
    expect([...robin.read().round!.passed]).toEqual([]);
    // Not Kai's turn now: Kai cannot move it on.
    kai.recordRound({ kind: 'turn', roundId, speaker: 2, at: 160 });
    expect(robin.read().round?.speaker).toBe(1);
  });
});

describe('entries and reactions', () => {
  it('counts one reaction of each kind per member, and none given in someone else’s name', () => {
    const { robin, kai } = twoLaptops();
    const entryId = robin.addEntry({
      meetingId: newId<MeetingId>(),
      authorId: founderId,
      visibility: 'circle',
    });
    kai.react(entryId, 'thank-you', memberId, true);
    kai.react(entryId, 'thank-you', memberId, true);
    kai.react(entryId, 'strength', founderId, true);
    const reactions = robin.read().reactions.get(entryId);
    expect(reactions?.get('thank-you')).toEqual([memberId]);
    expect(reactions?.get('strength')).toBeUndefined();
    kai.react(entryId, 'thank-you', memberId, false);
    expect(robin.read().reactions.get(entryId)).toBeUndefined();
  });

  it('lets only the author withdraw an entry or keep it out of exports', () => {
    const { robin, kai } = twoLaptops();
    const entryId = robin.addEntry({
      meetingId: newId<MeetingId>(),
      authorId: founderId,
      visibility: 'circle',
    });
    kai.setEntryFlags(entryId, { withdrawn: true, exportable: false });
    expect(robin.read().entries.get(entryId)).toMatchObject({ withdrawn: false, exportable: true });
    expect(log.some((line) => String(line.detail?.reason).includes('other than its author'))).toBe(
      true,
    );
    robin.setEntryFlags(entryId, { withdrawn: true });
    expect(kai.read().entries.get(entryId)?.withdrawn).toBe(true);
  });

  it('writes an anonymous entry so that nothing in the shared document names its author', () => {
    const { robin, kai } = twoLaptops();
    const entryId = newId<EntryId>();
    const writer = kai.addAnonymousEntry(newId<MeetingId>(), entryId);
    const record = robin.read().entries.get(entryId);
    expect(record).toMatchObject({ authorId: null, visibility: 'anonymous' });
    expect(robin.read().registry.memberOf(writer)).toBeNull();
    expect(writer).not.toBe(kai.ydoc.clientID);
    // The anonymous writer can still withdraw it; Kai's named client cannot.
    kai.setEntryFlags(entryId, { withdrawn: true });
    expect(robin.read().entries.get(entryId)?.withdrawn).toBe(false);
    kai.setEntryFlags(entryId, { withdrawn: true }, writer);
    expect(robin.read().entries.get(entryId)?.withdrawn).toBe(true);
  });
});
