/**
 * The laptop that joins late, through the real mesh and update guard: it registers its
 * client and writes its member record before the notebook reaches it (as the app does
 * when a session opens), and then its moves in a round must count on every laptop.
 * In the room, the round stopped on the late joiner's turn; this rules out a refused
 * registration or a lagging view of the round as the cause.
 */
import { describe, expect, it } from 'vitest';
import { CircleIndex } from '../../../../shared/notebook/circleIndex';
import { INDEX_DOC_ID, newId, type MeetingId } from '../../../../shared/notebook/ids';
import { docOf, foundCircle, makeLaptop, type Laptop } from '../../../helpers/circleLaptops';
import { LoopbackTransport } from '../../../helpers/loopbackTransport';
import { seededRandom } from '../../../helpers/seededRandom';
import { capturedLogs } from '../../../helpers/capturedLogs';

const logged = capturedLogs();

// What a session does when it opens a circle this laptop has just joined.
function openAsMember(laptop: Laptop, name: string): CircleIndex {
  const index = new CircleIndex(docOf(laptop, INDEX_DOC_ID));
  index.registerClient(laptop.memberId);
  index.upsertMember({
    id: laptop.memberId,
    name,
    colour: 'moss',
    joinedAt: 2,
    agreedAt: null,
    agreedVersion: null,
  });
  return index;
}

describe('a late joiner in a round', () => {
  it('passes and is done on its turns, and every laptop, its own included, moves on', async () => {
    const random = seededRandom(10);
    const [ana, ben, cat] = [makeLaptop(random), makeLaptop(random), makeLaptop(random)];
    const anaIndex = foundCircle(ana, random);
    const benIndex = openAsMember(ben, 'Ben');
    const net = new LoopbackTransport();
    net.connect({ peerId: ana.peerId, mesh: ana.mesh }, { peerId: ben.peerId, mesh: ben.mesh });
    await net.settle();
    anaIndex.recordRound({
      kind: 'start',
      roundId: newId<MeetingId>(),
      meetingId: newId<MeetingId>(),
      title: 'Warm-up',
      order: [ana.memberId],
      secondsEach: 60,
      at: 10,
    });
    await net.settle();

    // Cat arrives late: its session opens (and registers) before anything has arrived.
    const catClient = docOf(cat, INDEX_DOC_ID).clientID;
    const catIndex = openAsMember(cat, 'Cat');
    for (const other of [ana, ben]) {
      net.connect(
        { peerId: cat.peerId, mesh: cat.mesh },
        { peerId: other.peerId, mesh: other.mesh },
      );
    }
    await net.settle();
    expect(docOf(cat, INDEX_DOC_ID).clientID, 'Yjs kept the late joiner’s client id').toBe(
      catClient,
    );
    for (const index of [anaIndex, benIndex]) {
      expect(index.read().registry.memberOf(catClient)).toBe(cat.memberId);
    }

    const roundId = newId<MeetingId>();
    anaIndex.recordRound({
      kind: 'start',
      roundId,
      meetingId: newId<MeetingId>(),
      title: 'Check-in',
      order: [cat.memberId, ben.memberId, cat.memberId, ana.memberId],
      secondsEach: 180,
      at: 100,
    });
    await net.settle();
    expect(catIndex.read().round?.speaker).toBe(0);
    catIndex.recordRound({ kind: 'pass', roundId, speaker: 1, at: 110 });
    await net.settle();
    for (const index of [anaIndex, benIndex, catIndex]) expect(index.read().round?.speaker).toBe(1);
    benIndex.recordRound({ kind: 'turn', roundId, speaker: 2, at: 120 });
    await net.settle();
    catIndex.recordRound({ kind: 'turn', roundId, speaker: 3, at: 130 });
    await net.settle();
    for (const index of [anaIndex, benIndex, catIndex]) {
      expect(index.read().round).toMatchObject({ speaker: 3, turnStartedBy: cat.memberId });
      expect([...index.read().round!.passed]).toEqual([0]);
    }
    expect(logged.filter((record) => record.message.includes('round'))).toEqual([]);
  });
});
