/**
 * Join by circle (PEER_PROTOCOL.md, Session, version 2): one CIRCLE_STATE, answered in
 * CIRCLE_UPDATES batches. Honest laptops converge with a handful of messages; a peer that
 * sends a malformed, oversized, repeated or unasked opening is disconnected with its
 * reason logged, and the documents are left byte-identical with no new one behind.
 */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  INDEX_DOC_ID,
  entryDocId,
  type DocId,
  type MemberId,
} from '../../../../shared/notebook/ids';
import { ENTRY_BODY_ROOT } from '../../../../shared/notebook/schema';
import {
  MAX_FRAME_BYTES,
  MESSAGE_KIND,
  decodePeerMessage,
  encodePeerMessage,
  type PeerMessage,
} from '../../../../shared/sync/peerProtocol';
import { frameMessage } from '../../../../shared/sync/chunking';
import {
  docOf,
  entryText,
  foundCircle,
  makeLaptop,
  writeEntry,
  type Laptop,
} from '../../../helpers/circleLaptops';
import { LoopbackTransport } from '../../../helpers/loopbackTransport';
import { seededRandom } from '../../../helpers/seededRandom';
import { capturedLogs } from '../../../helpers/capturedLogs';

const logged = capturedLogs();

const HOSTILE_MEMBER = 'HHHHHHHHHHHHHHHHHHHHHH' as MemberId;
const SECRET = 'WORDS-NOBODY-MAY-LOG';
const EMPTY_SV = new Uint8Array([0]);

function states(laptop: Laptop): Map<DocId, string> {
  return new Map(
    [...laptop.docs.snapshot()].map(([docId, state]) => [
      docId,
      Buffer.from(state).toString('hex'),
    ]),
  );
}

/** A laptop holding a circle of `entries` entries, and a hostile peer speaking version 2. */
function hostileScene(entries = 3) {
  const random = seededRandom(16);
  const laptop = makeLaptop(random);
  foundCircle(laptop, random);
  const entryIds = Array.from({ length: entries }, (_, i) =>
    entryDocId(writeEntry(laptop, random, [`entry ${i}`])),
  );
  let closed = false;
  const received: PeerMessage[] = [];
  const session = laptop.mesh.addPeer('hostile-peer', {
    send: (frame) => {
      const decoded = decodePeerMessage(frame);
      if (decoded.ok) received.push(decoded.value);
    },
    close: () => (closed = true),
  });
  const sayFrames = async (...frames: Uint8Array[]): Promise<void> => {
    for (const frame of frames) session.receive(frame);
    await session.idle();
  };
  let messageId = 0;
  const say = (...messages: PeerMessage[]) =>
    sayFrames(...messages.flatMap((m) => [...frameMessage(encodePeerMessage(m), messageId++)]));
  return { laptop, entryIds, session, say, sayFrames, closed: () => closed, received };
}

const hello = (docCount: number, protocolVersion = 2): PeerMessage => ({
  kind: MESSAGE_KIND.HELLO,
  memberId: HOSTILE_MEMBER,
  protocolVersion,
  docCount,
});

/** Bytes of a CIRCLE_STATE written by hand: `count` as given, then `body`. */
function rawCircleState(count: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeUint8(encoder, 1);
  encoding.writeUint8(encoder, MESSAGE_KIND.CIRCLE_STATE);
  encoding.writeVarUint(encoder, count);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

describe('join by circle', () => {
  it('a new laptop takes a whole circle in one exchange and is in step with the holder', async () => {
    const random = seededRandom(3);
    const holder = makeLaptop(random);
    const joiner = makeLaptop(random);
    foundCircle(holder, random);
    const entries = Array.from({ length: 120 }, (_, i) =>
      writeEntry(holder, random, [`entry ${i} `.repeat(40 + (i % 7) * 300)]),
    );
    const net = new LoopbackTransport();
    net.connect(
      { peerId: holder.peerId, mesh: holder.mesh },
      { peerId: joiner.peerId, mesh: joiner.mesh },
    );
    await net.settle();
    expect(joiner.docs.docIds().toSorted()).toEqual(holder.docs.docIds().toSorted());
    expect(joiner.docs.contents()).toEqual(holder.docs.contents());
    expect(entryText(docOf(joiner, entryDocId(entries[77]!)))).toContain('entry 77');
    expect(joiner.mesh.peers()[0]!.inStep).toBe(true);
    expect(holder.mesh.peers()[0]!.inStep).toBe(true);
    const sent = holder.mesh.counters().messagesSent;
    // One opening each way, the answer in a few batches: no request per document.
    expect(sent.CIRCLE_STATE).toBe(1);
    expect(sent.SYNC_STEP_1 + sent.SYNC_STEP_2).toBe(0);
    expect(joiner.mesh.counters().messagesSent.SYNC_STEP_1).toBe(0);
    expect(sent.CIRCLE_UPDATES).toBeLessThan(20);
    const progress = joiner.mesh.session(holder.peerId)!.progress;
    expect(progress).toEqual({ done: 121, total: 121 });
    expect(net.largestFrame()).toBeLessThanOrEqual(MAX_FRAME_BYTES);
  });

  it('a laptop of version 1 is still opened by document', async () => {
    const s = hostileScene();
    await s.say(hello(1, 1));
    const kinds = s.received.map((message) => message.kind);
    expect(kinds).toContain(MESSAGE_KIND.SYNC_STEP_1);
    expect(kinds).not.toContain(MESSAGE_KIND.CIRCLE_STATE);
    expect(s.closed()).toBe(false);
  });

  it('answers a CIRCLE_STATE naming thousands of documents it lacks with its own notebook only', async () => {
    const s = hostileScene(3);
    await s.say(hello(20_001));
    const bogus = Array.from({ length: 20_000 }, (_, i) => ({
      docId: `bogus${String(i).padStart(17, '0')}` as DocId,
      stateVector: EMPTY_SV,
    }));
    await s.say({ kind: MESSAGE_KIND.CIRCLE_STATE, states: bogus });
    const batches = s.received.filter((m) => m.kind === MESSAGE_KIND.CIRCLE_UPDATES);
    const answered = batches.flatMap((m) => m.updates.map((u) => u.docId));
    expect(answered).toEqual([INDEX_DOC_ID, ...s.entryIds]);
    expect(s.closed()).toBe(false);
    expect(s.laptop.docs.docIds().some((docId) => docId.startsWith('bogus'))).toBe(false);
  });

  it('disconnects a peer whose opening is malformed, oversized, repeated or unasked, leaving every document as it was', async () => {
    const update = (text: string): Uint8Array => {
      const ydoc = new Y.Doc();
      ydoc.get(ENTRY_BODY_ROOT, Y.XmlText).insert(0, text);
      return Y.encodeStateAsUpdate(ydoc);
    };
    const cases: [
      name: string,
      frames: (s: ReturnType<typeof hostileScene>) => Uint8Array[],
      reason: RegExp,
    ][] = [
      [
        'a count larger than the message could hold',
        () => [rawCircleState(5_000, (e) => encoding.writeVarString(e, INDEX_DOC_ID))],
        /CIRCLE_STATE naming 5000 documents/,
      ],
      [
        'a count over a million',
        () => [rawCircleState(2_000_000, () => undefined)],
        /CIRCLE_STATE naming 2000000/,
      ],
      [
        'one document twice',
        () => [
          encodePeerMessage({
            kind: MESSAGE_KIND.CIRCLE_STATE,
            states: [
              { docId: INDEX_DOC_ID, stateVector: EMPTY_SV },
              { docId: INDEX_DOC_ID, stateVector: EMPTY_SV },
            ],
          }),
        ],
        /one document twice/,
      ],
      [
        'a malformed state vector',
        () => [
          rawCircleState(1, (e) => {
            encoding.writeVarString(e, INDEX_DOC_ID);
            encoding.writeVarUint8Array(e, Uint8Array.of(5, 1));
          }),
        ],
        /malformed state vector/,
      ],
      [
        'something that is not a document id',
        () => [
          rawCircleState(1, (e) => {
            encoding.writeVarString(e, '../../etc/passwd');
            encoding.writeVarUint8Array(e, EMPTY_SV);
          }),
        ],
        /not a document id/,
      ],
      [
        'a state vector over its limit, in chunks',
        () => [
          ...frameMessage(
            rawCircleState(1, (e) => {
              encoding.writeVarString(e, INDEX_DOC_ID);
              encoding.writeVarUint8Array(e, new Uint8Array(1024 * 1024 + 1));
            }),
            1,
          ),
        ],
        /over 1048576/,
      ],
      [
        'a second CIRCLE_STATE',
        () => {
          const state = encodePeerMessage({ kind: MESSAGE_KIND.CIRCLE_STATE, states: [] });
          return [state, state];
        },
        /a second CIRCLE_STATE/,
      ],
      [
        'updates after the last batch',
        () => {
          const batch = (last: boolean) =>
            encodePeerMessage({ kind: MESSAGE_KIND.CIRCLE_UPDATES, last, updates: [] });
          return [batch(true), batch(false)];
        },
        /did not ask for/,
      ],
      [
        'a ghost document in a batch',
        () => [
          encodePeerMessage({
            kind: MESSAGE_KIND.CIRCLE_UPDATES,
            last: true,
            updates: [{ docId: 'GGGGGGGGGGGGGGGGGGGGGG' as DocId, update: update(SECRET) }],
          }),
        ],
        /does not name/,
      ],
      [
        'an update the guard refuses, after a good one',
        (s) => [
          encodePeerMessage({
            kind: MESSAGE_KIND.CIRCLE_UPDATES,
            last: false,
            updates: [
              { docId: s.entryIds[0]!, update: new Uint8Array([0, 0]) },
              { docId: s.entryIds[1]!, update: Uint8Array.of(1, 1, 0x80, 0x80, 4, 0, 0x77) },
            ],
          }),
        ],
        /SYNC_STEP_2 for/,
      ],
      [
        'a last flag that is neither 0 nor 1',
        () => [Uint8Array.of(1, MESSAGE_KIND.CIRCLE_UPDATES, 2, 0)],
        /last flag/,
      ],
    ];
    for (const [name, frames, reason] of cases) {
      logged.length = 0;
      const s = hostileScene();
      const before = states(s.laptop);
      await s.say(hello(1));
      await s.sayFrames(...frames(s));
      expect(s.closed(), name).toBe(true);
      const warning = logged.find((record) => record.message.includes('broke the sync protocol'));
      expect(String(warning?.detail?.reason), name).toMatch(reason);
      expect(JSON.stringify(logged), name).not.toContain(SECRET);
      expect(states(s.laptop), name).toEqual(before);
    }
  });

  it('a CIRCLE_STATE from a peer that said version 1 is a protocol error', async () => {
    const s = hostileScene();
    await s.say(hello(0, 1), { kind: MESSAGE_KIND.CIRCLE_STATE, states: [] });
    expect(s.closed()).toBe(true);
  });
});
