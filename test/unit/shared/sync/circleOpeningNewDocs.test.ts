/**
 * A joining laptop writes a peer's whole documents it did not hold straight to its store
 * (`SyncedDocs.newDocs`, shared/sync/peerSession.ts): each checked on its own by the
 * guard (`checkNewDocument`), a CIRCLE_UPDATES batch's worth in one write, none made
 * live. The stores end equal; a malformed document in a batch is refused with its
 * reason and the batch's good ones are kept; a link dropping mid-batch loses nothing
 * that was checked, and the next link brings the rest.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  INDEX_DOC_ID,
  entryDocId,
  type DocId,
  type MemberId,
} from '../../../../shared/notebook/ids';
import { CircleMesh } from '../../../../shared/sync/circleMesh';
import { frameMessage } from '../../../../shared/sync/chunking';
import {
  MESSAGE_KIND,
  encodePeerMessage,
  type DocUpdate,
  type PeerMessage,
} from '../../../../shared/sync/peerProtocol';
import { seededId } from '../../../helpers/circleReplicas';
import { foundCircle, makeLaptop, writeEntry, type Laptop } from '../../../helpers/circleLaptops';
import { LoopbackTransport } from '../../../helpers/loopbackTransport';
import { seededRandom, type SeededRandom } from '../../../helpers/seededRandom';
import { StoreReadingDocs } from '../../../helpers/storeReadingDocs';
import { capturedLogs } from '../../../helpers/capturedLogs';

const logged = capturedLogs();

interface Joiner {
  peerId: string;
  memberId: MemberId;
  docs: StoreReadingDocs;
  mesh: CircleMesh;
}

/** A fresh laptop whose documents write new ones to its store, its index live (as at open). */
function joiner(
  random: SeededRandom,
  options: { now?: () => number; yieldToEditor?: () => Promise<void> } = {},
): Joiner {
  const docs = new StoreReadingDocs(undefined, { writesNew: true });
  docs.docNow(INDEX_DOC_ID);
  const memberId = seededId<MemberId>(random);
  const mesh = new CircleMesh({ docs, memberId, antiEntropyMs: 0, ...options });
  return { peerId: seededId<string>(random), memberId, docs, mesh };
}

/** A laptop holding a circle of `count` entries, and its entry documents. */
function holder(random: SeededRandom, count: number): { laptop: Laptop; entries: DocId[] } {
  const laptop = makeLaptop(random);
  foundCircle(laptop, random);
  const entries = Array.from({ length: count }, (_, i) =>
    entryDocId(writeEntry(laptop, random, [`entry ${i} `.repeat(30 + (i % 7) * 200)])),
  );
  return { laptop, entries };
}

/** A holder that speaks through the test: its HELLO, then batches as the test writes them. */
function scriptedHolder(joining: Joiner) {
  let closed = false;
  const session = joining.mesh.addPeer('scripted-holder', {
    send: () => undefined,
    close: () => (closed = true),
  });
  let messageId = 0;
  const say = async (...messages: PeerMessage[]): Promise<void> => {
    for (const message of messages) {
      for (const frame of frameMessage(encodePeerMessage(message), messageId++)) {
        session.receive(frame);
      }
    }
    await session.idle();
  };
  return { say, closed: () => closed };
}

const hello = (docCount: number): PeerMessage => ({
  kind: MESSAGE_KIND.HELLO,
  memberId: 'HHHHHHHHHHHHHHHHHHHHHH' as MemberId,
  protocolVersion: 2,
  docCount,
});

const batch = (updates: DocUpdate[], last: boolean): PeerMessage => ({
  kind: MESSAGE_KIND.CIRCLE_UPDATES,
  last,
  updates,
});

const stateOf = (laptop: Laptop, docId: DocId): DocUpdate => ({
  docId,
  update: laptop.docs.snapshot().get(docId)!,
});

/** A document's content as stored: its state vector and its encoded state, from its bytes. */
function storedContent(bytes: Uint8Array | undefined): string {
  if (bytes === undefined) return 'absent';
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, bytes);
  return Buffer.from(Y.encodeStateAsUpdate(ydoc)).toString('hex');
}

describe('a joining laptop writes new documents to its store', () => {
  it('a batch of new documents from a peer ends up stored equal, in one write per batch, none made live', async () => {
    const random = seededRandom(61);
    const { laptop: ana, entries } = holder(random, 150);
    const ben = joiner(random);
    const net = new LoopbackTransport();
    net.connect({ peerId: ana.peerId, mesh: ana.mesh }, { peerId: ben.peerId, mesh: ben.mesh });
    await net.settle();
    expect(ben.docs.contents()).toEqual(ana.docs.contents());
    expect(entries.some((docId) => ben.docs.isLive(docId))).toBe(false);
    expect(ben.docs.loads.filter((docId) => docId !== INDEX_DOC_ID)).toEqual([]);
    // Every entry written once, a batch's worth at a time.
    const written = ben.docs.newWrites.flat();
    expect(written.toSorted()).toEqual(entries.toSorted());
    const batches = ana.mesh.counters().messagesSent.CIRCLE_UPDATES;
    expect(ben.docs.newWrites.length).toBeGreaterThan(1);
    expect(ben.docs.newWrites.length).toBeLessThanOrEqual(batches);
    expect(ben.mesh.peers()[0]!.inStep).toBe(true);
    expect(ben.mesh.session(ana.peerId)!.progress).toEqual({ done: 151, total: 151 });
    // Held now: a second link asks about them rather than taking them again.
    expect(entries.every((docId) => ben.docs.holds(docId))).toBe(true);
  });

  it('a malformed document in a batch is refused with its reason, and the rest of the batch is kept', async () => {
    const random = seededRandom(62);
    const { laptop: ana, entries } = holder(random, 4);
    const ben = joiner(random);
    const peer = scriptedHolder(ben);
    await peer.say(hello(5));
    const [first, bad, third, fourth] = entries as [DocId, DocId, DocId, DocId];
    await peer.say(batch([stateOf(ana, INDEX_DOC_ID)], false));
    await peer.say(
      batch(
        [
          stateOf(ana, first),
          { docId: bad, update: Uint8Array.of(3, 200, 1, 7, 7, 7) },
          stateOf(ana, third),
          stateOf(ana, fourth),
        ],
        true,
      ),
    );
    expect(peer.closed()).toBe(true);
    const reasons = logged.map((record) => JSON.stringify(record));
    expect(reasons.some((text) => text.includes(`SYNC_STEP_2 for ${bad}`))).toBe(true);
    expect(reasons.join('\n')).not.toContain('entry 1 ');
    expect(ben.docs.holds(bad)).toBe(false);
    for (const docId of [first, third, fourth]) {
      expect(storedContent(ben.docs.storedState(docId))).toEqual(
        storedContent(stateOf(ana, docId).update),
      );
      expect(ben.docs.isLive(docId)).toBe(false);
    }
    expect(ben.docs.newWrites).toEqual([[first, third, fourth]]);
  });

  it('a link dropping mid-batch loses nothing that was checked, and the next link brings the rest', async () => {
    const random = seededRandom(63);
    const { laptop: ana, entries } = holder(random, 6);
    // Every document uses up a slice: the session yields after each, and the link drops
    // at the third yield of the entries' batch.
    let clock = 0;
    let yields = 0;
    let cutAt = Number.POSITIVE_INFINITY;
    let cut = (): void => undefined;
    const ben = joiner(random, {
      now: () => (clock += 10),
      yieldToEditor: () => {
        if (++yields === cutAt) cut();
        return Promise.resolve();
      },
    });
    const peer = scriptedHolder(ben);
    cut = () => ben.mesh.removePeer('scripted-holder');
    await peer.say(hello(7));
    await peer.say(batch([stateOf(ana, INDEX_DOC_ID)], false));
    cutAt = yields + 3;
    await peer.say(
      batch(
        entries.map((docId) => stateOf(ana, docId)),
        true,
      ),
    );
    // Three were checked before the link dropped: they are written, the others not taken.
    expect(ben.docs.newWrites).toEqual([entries.slice(0, 3)]);
    for (const docId of entries.slice(3)) expect(ben.docs.holds(docId)).toBe(false);
    expect(ben.mesh.peers()).toEqual([]);

    const net = new LoopbackTransport();
    net.connect({ peerId: ana.peerId, mesh: ana.mesh }, { peerId: ben.peerId, mesh: ben.mesh });
    await net.settle();
    expect(ben.docs.contents()).toEqual(ana.docs.contents());
    // The next link brought only what was missing.
    expect(ben.docs.newWrites.slice(1).flat().toSorted()).toEqual(entries.slice(3).toSorted());
    expect(entries.some((docId) => ben.docs.isLive(docId))).toBe(false);
  });

  it('an entry an editor opens while it is being checked gets its words in that live document', async () => {
    const random = seededRandom(64);
    const { laptop: ana, entries } = holder(random, 5);
    let clock = 0;
    let onYield = (): void => undefined;
    const ben = joiner(random, {
      now: () => (clock += 10),
      yieldToEditor: () => {
        onYield();
        return Promise.resolve();
      },
    });
    const peer = scriptedHolder(ben);
    await peer.say(hello(6));
    await peer.say(batch([stateOf(ana, INDEX_DOC_ID)], false));
    const opened = entries[0]!;
    // After the first entry is checked, before the batch is written: an editor opens it.
    onYield = () => {
      onYield = () => undefined;
      ben.docs.docNow(opened);
    };
    await peer.say(
      batch(
        entries.map((docId) => stateOf(ana, docId)),
        true,
      ),
    );
    expect(peer.closed()).toBe(false);
    expect(ben.docs.isLive(opened)).toBe(true);
    expect(ben.docs.newWrites).toEqual([entries.slice(1)]);
    expect(ben.docs.contents()).toEqual(ana.docs.contents());
  });
});
