import { describe, expect, it } from 'vitest';
import type { CircleIndex } from '../../../../shared/notebook/circleIndex';
import { robinAndKai } from '../../../helpers/robinAndKai';
import { newId, type MemberId } from '../../../../shared/notebook/ids';

const founderId = newId<MemberId>();
const memberId = newId<MemberId>();
const POINTS = {
  signalling: ['wss://signal.example.org/hearth'],
  turn: [{ url: 'turn:203.0.113.5:3478', username: '1767225600:circle', credential: 'c2VjcmV0' }],
};

// Robin founded the circle; Kai joined. Updates cross at once.
function twoLaptops(): { robin: CircleIndex; kai: CircleIndex } {
  return robinAndKai({ founderId, memberId, kaiRecord: false });
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
