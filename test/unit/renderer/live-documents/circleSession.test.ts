import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CircleSession } from '../../../../renderer/src/live-documents/circleSession';
import { ClientRegistry } from '../../../../shared/notebook/authorship';
import { CircleIndex } from '../../../../shared/notebook/circleIndex';
import { entryPlainText } from '../../../../shared/notebook/headlessEntry';
import {
  INDEX_DOC_ID,
  entryDocId,
  newId,
  type DocId,
  type MemberId,
} from '../../../../shared/notebook/ids';
import { PEER_ORIGIN } from '../../../../shared/notebook/origins';
import { appendParagraph } from '../../../helpers/circleLaptops';
import { memoryApi, newCircle } from '../../../helpers/memoryApi';

// An entry body as the editor writes it, encoded as a publication carries it.
function body(text: string): Uint8Array {
  const ydoc = new Y.Doc();
  appendParagraph(ydoc, text);
  return Y.encodeStateAsUpdate(ydoc);
}

function published(session: CircleSession, text: string, anonymous = false) {
  const meetingId = session.addMeeting({ title: 'Week one', date: '2025-03-04', prompts: [] });
  return session.publish({
    meetingId,
    body: body(text),
    anonymous,
    contentNote: null,
    exportable: true,
  });
}

describe('an open circle', () => {
  it("writes this laptop's member into an index that lacks it, and keeps it on disk", async () => {
    const memory = memoryApi();
    const circleId = await newCircle(memory);
    const session = await CircleSession.open(memory.api, circleId);
    const { memberId } = session.profile;
    expect(session.index.read().members.get(memberId)?.name).toBe('Ana');
    await session.close();

    const again = await CircleSession.open(memory.api, circleId);
    expect(again.index.read().members.get(memberId)?.name).toBe('Ana');
    expect(again.docIds()).toEqual([INDEX_DOC_ID]);
    await again.close();
  });

  it('adds nothing to the index when it only reads, and registers its client with its first write', async () => {
    const memory = memoryApi();
    const circleId = await newCircle(memory);
    const first = await CircleSession.open(memory.api, circleId);
    await first.close();
    const stateAfter = async (): Promise<Uint8Array> => {
      const session = await CircleSession.open(memory.api, circleId);
      const state = Y.encodeStateAsUpdate(session.index.ydoc);
      await session.close();
      return state;
    };
    // Openings that only read: the stored index is the same bytes after each.
    const once = await stateAfter();
    expect(await stateAfter()).toEqual(once);

    const writer = await CircleSession.open(memory.api, circleId);
    const updates: Uint8Array[] = [];
    writer.index.ydoc.on('update', (update: Uint8Array) => updates.push(update));
    const meetingId = writer.addMeeting({ title: 'Week two', date: '2025-03-11', prompts: [] });
    // One update holds the meeting and the registration: a peer names its writer at once.
    expect(updates).toHaveLength(1);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, once);
    Y.applyUpdate(peer, updates[0]!);
    const registry = ClientRegistry.read(peer);
    expect(registry.memberOf(writer.index.ydoc.clientID)).toBe(writer.profile.memberId);
    expect(new CircleIndex(peer).read().meetings.map((m) => m.id)).toContain(meetingId);
    await writer.close();
  });

  it('publishes an entry: its record before its words, both kept on disk', async () => {
    const memory = memoryApi();
    const circleId = await newCircle(memory);
    const session = await CircleSession.open(memory.api, circleId);
    const order: DocId[] = [];
    session.onDocUpdate((docId) => order.push(docId));
    const { entryId, anonymousClient } = published(session, 'we talked about sleep');
    const docId = entryDocId(entryId);
    expect(anonymousClient).toBeNull();
    expect(order.indexOf(INDEX_DOC_ID)).toBeLessThan(order.indexOf(docId));
    expect(session.index.read().entries.get(entryId)?.authorId).toBe(session.profile.memberId);
    await session.close();

    const again = await CircleSession.open(memory.api, circleId);
    expect(again.holds(docId)).toBe(true);
    expect(again.loadedDoc(docId)).toBeUndefined();
    const words = Y.encodeStateAsUpdate(await again.entryDoc(entryId));
    expect(await entryPlainText(words)).toBe('we talked about sleep');
    await again.close();
  });

  it('publishes an anonymous entry whose record names nobody', async () => {
    const memory = memoryApi();
    const session = await CircleSession.open(memory.api, await newCircle(memory));
    const { entryId, anonymousClient } = published(session, 'unsigned', true);
    expect(anonymousClient).toEqual(expect.any(Number));
    const record = session.index.read().entries.get(entryId);
    expect(record?.authorId).toBeNull();
    expect(record?.visibility).toBe('anonymous');
    await session.close();
  });

  it('lets go of an entry its author withdraws here, and deletes its files', async () => {
    const memory = memoryApi();
    const circleId = await newCircle(memory);
    const session = await CircleSession.open(memory.api, circleId);
    const { entryId } = published(session, 'I would rather not keep this');
    const ydoc = await session.entryDoc(entryId);
    session.index.setEntryFlags(entryId, { withdrawn: true });
    await session.close();

    expect(ydoc.isDestroyed).toBe(true);
    expect(memory.backend.updates.has(`${circleId}/${entryDocId(entryId)}`)).toBe(false);
    const again = await CircleSession.open(memory.api, circleId);
    expect(again.isWithdrawn(entryId)).toBe(true);
    expect(again.holds(entryDocId(entryId))).toBe(false);
    await expect(again.entryDoc(entryId)).rejects.toThrow('This entry was withdrawn.');
    await again.close();
  });

  it("lets go of an entry when its author's withdrawal arrives from a peer", async () => {
    const memory = memoryApi();
    const circleId = await newCircle(memory);
    const session = await CircleSession.open(memory.api, circleId);
    // The author's laptop: its copy of the index, its member, and an entry it wrote.
    const peerDoc = new Y.Doc();
    Y.applyUpdate(peerDoc, Y.encodeStateAsUpdate(session.index.ydoc));
    const peerIndex = new CircleIndex(peerDoc);
    const author = newId<MemberId>();
    peerIndex.registerClient(author);
    peerIndex.upsertMember({
      id: author,
      name: 'Ben',
      colour: 'ember',
      joinedAt: 2,
      agreedAt: null,
      agreedVersion: null,
    });
    const meetingId = peerIndex.addMeeting(
      { title: 'Week one', date: '2025-03-04', prompts: [], createdBy: author },
      3,
    );
    const entryId = peerIndex.addEntry({ meetingId, authorId: author, visibility: 'circle' }, 4);
    const fromPeer = (here: CircleSession): void =>
      Y.applyUpdate(
        here.index.ydoc,
        Y.encodeStateAsUpdate(peerDoc, Y.encodeStateVector(here.index.ydoc)),
        PEER_ORIGIN,
      );
    fromPeer(session);
    Y.applyUpdate(await session.entryDoc(entryId), body('words Ben will withdraw'), PEER_ORIGIN);
    await session.close();
    expect(memory.backend.updates.has(`${circleId}/${entryDocId(entryId)}`)).toBe(true);

    const reopened = await CircleSession.open(memory.api, circleId);
    const ydoc = await reopened.entryDoc(entryId);
    peerIndex.setEntryFlags(entryId, { withdrawn: true });
    fromPeer(reopened);
    peerIndex.dispose();
    await reopened.close();

    expect(ydoc.isDestroyed).toBe(true);
    expect(memory.backend.updates.has(`${circleId}/${entryDocId(entryId)}`)).toBe(false);
    const again = await CircleSession.open(memory.api, circleId);
    expect(again.isWithdrawn(entryId)).toBe(true);
    expect(again.docIds()).toEqual([INDEX_DOC_ID]);
    await again.close();
  });
});
