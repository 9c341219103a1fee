/**
 * Two laptops' index documents of one circle, for tests of who may change what: Robin
 * founded the circle (its first facilitator), Kai joined. Every update crosses at once.
 */
import * as Y from 'yjs';
import { CircleIndex } from '../../shared/notebook/circleIndex';
import { newId, type CircleId, type MemberId } from '../../shared/notebook/ids';

/** Who Robin and Kai are, and what the circle starts from. */
export interface RobinAndKaiOptions {
  founderId: MemberId;
  memberId: MemberId;
  /** The founding agreements; none when absent. */
  agreements?: string;
  /** Whether Kai's laptop writes Kai's member record (true by default). */
  kaiRecord?: boolean;
}

/** Robin's and Kai's index documents, linked. */
export function robinAndKai(options: RobinAndKaiOptions): { robin: CircleIndex; kai: CircleIndex } {
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
    founder: { id: options.founderId, name: 'Robin', colour: 'lake', joinedAt: 1 },
    createdAt: 1,
    ...(options.agreements === undefined ? {} : { agreements: options.agreements }),
  });
  const kai = new CircleIndex(kaiDoc);
  kai.registerClient(options.memberId);
  if (options.kaiRecord ?? true) {
    kai.upsertMember({
      id: options.memberId,
      name: 'Kai',
      colour: 'moss',
      joinedAt: 2,
      agreedAt: null,
      agreedVersion: null,
    });
  }
  return { robin, kai };
}
