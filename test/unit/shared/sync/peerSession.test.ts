import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { INDEX_DOC_ID, type DocId, type MemberId } from '../../../../shared/notebook/ids';
import {
  MESSAGE_KIND,
  decodePeerMessage,
  encodePeerMessage,
  type PeerMessage,
} from '../../../../shared/sync/peerProtocol';
import { PeerSession } from '../../../../shared/sync/peerSession';
import type { SyncedDocs } from '../../../../shared/sync/syncedDocs';
import { craftUpdate, stringItem } from '../../../helpers/craftedUpdates';
import { MemorySyncedDocs } from '../../../helpers/memorySyncedDocs';
import { capturedLogs } from '../../../helpers/capturedLogs';

const ME = 'MMMMMMMMMMMMMMMMMMMMMM' as MemberId;
const THEM = 'TTTTTTTTTTTTTTTTTTTTTT' as MemberId;
const ENTRY = 'EEEEEEEEEEEEEEEEEEEEEE' as DocId;
const OTHER = 'OOOOOOOOOOOOOOOOOOOOOO' as DocId;

capturedLogs();

/** A session whose peer is the test: what the session sends is decoded into `sent`. */
/** Documents a peer may write whatever the index says: these tests are about transport. */
function anyDocs(refuse?: (docId: DocId) => boolean): MemorySyncedDocs {
  return new MemorySyncedDocs(refuse, true);
}

function scripted(docs: SyncedDocs = anyDocs()) {
  const sent: PeerMessage[] = [];
  const errors: string[] = [];
  let statusChanges = 0;
  const session = new PeerSession({
    docs,
    memberId: ME,
    peerId: 'peer-1',
    send: (frame) => {
      const decoded = decodePeerMessage(frame);
      if (!decoded.ok) throw new Error(decoded.reason);
      sent.push(decoded.value);
    },
    onProtocolError: (reason) => errors.push(reason),
    onStatus: () => statusChanges++,
  });
  const say = async (...messages: PeerMessage[]): Promise<void> => {
    for (const message of messages) session.receive(encodePeerMessage(message));
    await session.idle();
  };
  return { session, sent, errors, say, statusChanges: () => statusChanges };
}

const hello = (docCount = 0): PeerMessage => ({
  kind: MESSAGE_KIND.HELLO,
  memberId: THEM,
  protocolVersion: 1,
  docCount,
});

function textUpdate(text: string, client = 4242): Uint8Array {
  const ydoc = new Y.Doc();
  ydoc.clientID = client;
  ydoc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(ydoc);
}

describe('peer session', () => {
  it('opens with HELLO counting its documents, then a SYNC_STEP_1 each for a version-1 peer', async () => {
    const docs = anyDocs();
    docs.docNow(INDEX_DOC_ID)!.getMap('meta').set('name', 'circle');
    docs.store(ENTRY, textUpdate('stored'));
    const { session, sent, say } = scripted(docs);
    session.start();
    await session.idle();
    // The rest of the opening waits for the peer's HELLO: it says how to open.
    expect(sent.map((m) => m.kind)).toEqual([MESSAGE_KIND.HELLO]);
    await say(hello());
    expect(sent.map((m) => m.kind)).toEqual([
      MESSAGE_KIND.HELLO,
      MESSAGE_KIND.SYNC_STEP_1,
      MESSAGE_KIND.SYNC_STEP_1,
    ]);
    expect(sent[0]).toEqual({ ...hello(2), memberId: ME, protocolVersion: 2 });
    // The index first: peers write only documents it names.
    expect(sent.slice(1).map((m) => 'docId' in m && m.docId)).toEqual([INDEX_DOC_ID, ENTRY]);
  });

  it('refuses a message before HELLO and a second HELLO, each with one protocol error', async () => {
    const early = scripted();
    early.session.start();
    await early.say({ kind: MESSAGE_KIND.UPDATE, docId: ENTRY, update: textUpdate('x') }, hello());
    expect(early.errors).toEqual(['UPDATE before HELLO']);
    const twice = scripted();
    twice.session.start();
    await twice.say(hello(), hello());
    expect(twice.errors).toEqual(['a second HELLO']);
  });

  it('answers a request for a document it lacks with nothing and a request of its own, creating nothing', async () => {
    const docs = anyDocs();
    const { session, sent, say } = scripted(docs);
    session.start();
    await say(hello(1), {
      kind: MESSAGE_KIND.SYNC_STEP_1,
      docId: ENTRY,
      stateVector: Uint8Array.of(0),
    });
    expect(sent.slice(1)).toEqual([
      // Asked of every peer, held or not: the index comes first.
      { kind: MESSAGE_KIND.SYNC_STEP_1, docId: INDEX_DOC_ID, stateVector: Uint8Array.of(0) },
      { kind: MESSAGE_KIND.SYNC_STEP_2, docId: ENTRY, update: Uint8Array.of(0, 0) },
      { kind: MESSAGE_KIND.SYNC_STEP_1, docId: ENTRY, stateVector: Uint8Array.of(0) },
    ]);
    expect(docs.docIds()).toEqual([]);
    expect(session.inStep).toBe(false);
    await say({ kind: MESSAGE_KIND.SYNC_STEP_2, docId: INDEX_DOC_ID, update: Uint8Array.of(0, 0) });
    await say({ kind: MESSAGE_KIND.SYNC_STEP_2, docId: ENTRY, update: textUpdate('hello') });
    expect(docs.docNow(ENTRY)!.getText('t').toJSON()).toBe('hello');
    expect(session.inStep).toBe(true);
  });

  it('is in step only once the peer opened and every opening request was answered', async () => {
    const docs = anyDocs();
    docs.docNow(INDEX_DOC_ID);
    const { session, say, statusChanges } = scripted(docs);
    session.start();
    await say(hello(2));
    expect(session.memberId).toBe(THEM);
    await say({
      kind: MESSAGE_KIND.SYNC_STEP_1,
      docId: INDEX_DOC_ID,
      stateVector: Uint8Array.of(0),
    });
    await say({ kind: MESSAGE_KIND.SYNC_STEP_2, docId: INDEX_DOC_ID, update: Uint8Array.of(0, 0) });
    expect(session.inStep).toBe(false); // one more opening request from the peer is due
    await say({ kind: MESSAGE_KIND.SYNC_STEP_1, docId: OTHER, stateVector: Uint8Array.of(0) });
    await say({ kind: MESSAGE_KIND.SYNC_STEP_2, docId: OTHER, update: Uint8Array.of(0, 0) });
    expect(session.inStep).toBe(true);
    expect(statusChanges()).toBeGreaterThanOrEqual(2);
  });

  it('asks for a full difference when an update overtook what it builds on', async () => {
    const docs = anyDocs();
    docs.docNow(ENTRY)!.getText('t').insert(0, 'base');
    const { session, sent, say, errors } = scripted(docs);
    session.start();
    await say(hello());
    sent.length = 0;
    const overtaking = craftUpdate([
      { client: 77, clock: 0, structs: [stringItem({ origin: [88, 3] }, 'z')] },
    ]);
    await say({ kind: MESSAGE_KIND.UPDATE, docId: ENTRY, update: overtaking });
    expect(errors).toEqual([]);
    expect(sent).toEqual([
      {
        kind: MESSAGE_KIND.SYNC_STEP_1,
        docId: ENTRY,
        stateVector: expect.any(Uint8Array) as Uint8Array,
      },
    ]);
    expect(docs.docNow(ENTRY)!.store.pendingStructs).toBeNull();
  });

  it('ignores documents the circle refuses and answers requests for them with nothing', async () => {
    const docs = anyDocs((docId) => docId === OTHER);
    const { session, sent, say, errors } = scripted(docs);
    session.start();
    await say(hello());
    await say({ kind: MESSAGE_KIND.UPDATE, docId: OTHER, update: textUpdate('no') });
    expect(errors).toEqual([]);
    expect(docs.docIds()).toEqual([]);
    expect(sent.map((m) => m.kind)).not.toContain(MESSAGE_KIND.SYNC_STEP_2);
  });

  it('never throws from receive, even when the documents do', async () => {
    const broken: SyncedDocs = {
      docIds: () => [ENTRY],
      holds: (docId) => docId === ENTRY,
      doc: () => Promise.reject(new Error('disk on fire')),
      isNamed: () => true,
      onLocalUpdate: () => () => undefined,
      onDocAdded: () => () => undefined,
      onLocalAwareness: () => () => undefined,
      applyRemoteAwareness: () => {
        throw new Error('presence on fire');
      },
    };
    const { session, say, errors } = scripted(broken);
    session.start();
    await say(hello(), { kind: MESSAGE_KIND.UPDATE, docId: ENTRY, update: textUpdate('x') });
    await say({ kind: MESSAGE_KIND.AWARENESS, docId: ENTRY, update: Uint8Array.of(0) });
    expect(errors).toEqual([]);
  });

  it('reports one protocol error, then neither handles nor sends anything', async () => {
    const docs = anyDocs();
    const { session, sent, say, errors } = scripted(docs);
    session.start();
    await say(hello());
    session.receive(Uint8Array.of(1, 200));
    session.receive(Uint8Array.of(9, 9, 9));
    await say({ kind: MESSAGE_KIND.UPDATE, docId: ENTRY, update: textUpdate('late') });
    const count = sent.length;
    session.sendUpdate(ENTRY, textUpdate('mine'));
    expect(errors).toEqual(['a message of unknown kind 200']);
    expect(docs.docIds()).toEqual([]);
    expect(sent).toHaveLength(count);
  });

  it('sends nothing before start', () => {
    const { session, sent } = scripted();
    session.sendUpdate(ENTRY, textUpdate('early'));
    session.sendAwareness(ENTRY, Uint8Array.of(0));
    expect(sent).toEqual([]);
  });
});
