/** The founding of a test circle's index: Robin founds the Thursday Circle. */
import type { CircleFounding } from '../../shared/notebook/circleIndex';
import { newId, type CircleId, type MemberId } from '../../shared/notebook/ids';

/** A new circle's founding, with a fresh circle id and `founderId` as Robin's. */
export function thursdayFounding(founderId: MemberId = newId<MemberId>()): CircleFounding {
  return {
    circleId: newId<CircleId>(),
    name: 'Thursday Circle',
    founder: { id: founderId, name: 'Robin', colour: 'lake', joinedAt: 100 },
    createdAt: 100,
  };
}
