/**
 * The circle's door setting (shared/notebook/governance.ts, record `door`): only a
 * facilitator may let any member open the door, and every laptop agrees.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setLogSink } from '../../../../shared/log';
import { CircleIndex } from '../../../../shared/notebook/circleIndex';
import { newId, type CircleId, type MemberId } from '../../../../shared/notebook/ids';

const founderId = newId<MemberId>();
const memberId = newId<MemberId>();

function twoLaptops(): { robin: CircleIndex; kai: CircleIndex } {
  const robinDoc = new Y.Doc();
  const kaiDoc = new Y.Doc();
  robinDoc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'wire') Y.applyUpdate(kaiDoc, update, 'wire');
  });
  kaiDoc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'wire') Y.applyUpdate(robinDoc, update, 'wire');
  });
  const robin = CircleIndex.found(robinDoc, {
    circleId: newId<CircleId>(),
    name: 'Thursday circle',
    founder: { id: founderId, name: 'Robin', colour: 'lake', joinedAt: 1 },
    createdAt: 1,
    agreements: 'We listen without fixing.',
  });
  const kai = new CircleIndex(kaiDoc);
  kai.registerClient(memberId);
  kai.upsertMember({
    id: memberId,
    name: 'Kai',
    colour: 'moss',
    joinedAt: 2,
    agreedAt: null,
    agreedVersion: null,
  });
  return { robin, kai };
}

let restoreLog: (() => void) | null = null;
afterEach(() => restoreLog?.());

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
    restoreLog = setLogSink(() => undefined);
    const { robin, kai } = twoLaptops();
    kai.govern({ kind: 'door', anyMemberMayLetIn: true, at: 3 });
    for (const index of [robin, kai]) expect(index.read().governance.anyMemberMayLetIn).toBe(false);
  });
});
