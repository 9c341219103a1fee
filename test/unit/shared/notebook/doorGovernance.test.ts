/**
 * The circle's door setting (shared/notebook/governance.ts, record `door`): only a
 * facilitator may let any member open the door, and every laptop agrees.
 */
import { describe, expect, it } from 'vitest';
import type { CircleIndex } from '../../../../shared/notebook/circleIndex';
import { robinAndKai } from '../../../helpers/robinAndKai';
import { newId, type MemberId } from '../../../../shared/notebook/ids';
import { capturedLogs } from '../../../helpers/capturedLogs';

const founderId = newId<MemberId>();
const memberId = newId<MemberId>();

// Robin founded the circle; Kai joined. Updates cross at once.
function twoLaptops(): { robin: CircleIndex; kai: CircleIndex } {
  return robinAndKai({ founderId, memberId, agreements: 'We listen without fixing.' });
}

capturedLogs();

describe('the door setting', () => {
  it('is off at first: only facilitators let people in', () => {
    const { robin, kai } = twoLaptops();
    for (const index of [robin, kai]) expect(index.read().governance.anyMemberMayLetIn).toBe(false);
  });

  it('is turned on and off by a facilitator, on every laptop', () => {
    const { robin, kai } = twoLaptops();
    robin.govern({ kind: 'door', anyMemberMayLetIn: true, at: 3 });
    for (const index of [robin, kai]) expect(index.read().governance.anyMemberMayLetIn).toBe(true);
    robin.govern({ kind: 'door', anyMemberMayLetIn: false, at: 4 });
    for (const index of [robin, kai]) expect(index.read().governance.anyMemberMayLetIn).toBe(false);
  });

  it('is not changed by a member who does not facilitate', () => {
    const { robin, kai } = twoLaptops();
    kai.govern({ kind: 'door', anyMemberMayLetIn: true, at: 3 });
    for (const index of [robin, kai]) expect(index.read().governance.anyMemberMayLetIn).toBe(false);
  });
});
