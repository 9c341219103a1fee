import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CircleIndex } from '../../../../shared/notebook/circleIndex';
import { newId, type CircleId, type MemberId } from '../../../../shared/notebook/ids';

const founderId = newId<MemberId>();
const memberId = newId<MemberId>();
const POINTS = {
  signalling: ['wss://signal.example.org/hearth'],
  turn: [{ url: 'turn:203.0.113.5:3478', username: '1767225600:circle', credential: 'c2VjcmV0' }],
};

// Robin founded the circle; Kai joined and is not a facilitator. Updates cross at once.
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
  });
  const kai = new CircleIndex(kaiDoc);
  kai.registerClient(memberId);
  return { robin, kai };
}

describe('meeting points in the governance log', () => {
  it('has none until a facilitator adds some, and then every laptop reads the same', () => {
    const { robin, kai } = twoLaptops();
    expect(kai.read().governance.meetingPoints).toEqual({ signalling: [], turn: [] });
    robin.govern({ kind: 'meeting-points', ...POINTS, at: 5 });
    expect(robin.read().governance.meetingPoints).toEqual(POINTS);
    expect(kai.read().governance.meetingPoints).toEqual(POINTS);
  });

  it('ignores meeting points written by a member who does not facilitate', () => {
    const { robin, kai } = twoLaptops();
    kai.govern({ kind: 'meeting-points', ...POINTS, at: 5 });
    expect(robin.read().governance.meetingPoints.signalling).toEqual([]);
  });

  it('ignores a whole record that holds one address of the wrong kind', () => {
    const { robin } = twoLaptops();
    robin.govern({ kind: 'meeting-points', ...POINTS, at: 5 });
    robin.govern({
      kind: 'meeting-points',
      signalling: ['wss://ok.example.org', 'https://not-signalling.example.org'],
      turn: [],
      at: 6,
    });
    expect(robin.read().governance.meetingPoints).toEqual(POINTS);
  });
});
