/**
 * A peer that means harm, against a laptop's real mesh, session and guard: every refusal
 * PEER_PROTOCOL.md lists closes the connection, is logged with its reason (never the
 * words), and leaves every document byte-identical and no new one behind.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  INDEX_DOC_ID,
  entryDocId,
  type DocId,
  type MemberId,
} from '../../../../shared/notebook/ids';
import { ENTRY_BODY_ROOT } from '../../../../shared/notebook/schema';
import { ANSWER_BUDGET } from '../../../../shared/sync/answerBudget';
import {
  MESSAGE_KIND,
  encodePeerMessage,
  type PeerMessage,
} from '../../../../shared/sync/peerProtocol';
import {
  docOf,
  foundCircle,
  makeLaptop,
  writeEntry,
  type Laptop,
} from '../../../helpers/circleLaptops';
import {
  craftUpdate,
  gcStruct,
  skipStruct,
  stringItem,
  subdocItem,
} from '../../../helpers/craftedUpdates';
import { seededRandom } from '../../../helpers/seededRandom';
import { capturedLogs } from '../../../helpers/capturedLogs';

const HOSTILE = 9_999;
const SECRET = 'WORDS-NOBODY-MAY-LOG';

const logged = capturedLogs();

interface Scene {
  laptop: Laptop;
  entry: DocId;
  /** Connects the hostile peer and says HELLO; returns what it does and sees. */
  connect(): Hostile;
}

interface Hostile {
  say(...messages: PeerMessage[]): Promise<void>;
  sayFrames(...frames: Uint8Array[]): Promise<void>;
  closed(): boolean;
  answers(): number;
}

function scene(): Scene {
  const random = seededRandom(7);
  const laptop = makeLaptop(random);
  foundCircle(laptop, random);
  const entry = entryDocId(writeEntry(laptop, random, ['Hello world', 'second']));
  return {
    laptop,
    entry,
    connect() {
      let closed = false;
      let answers = 0;
      const session = laptop.mesh.addPeer('hostile-peer', {
        send: (frame) => {
          if (frame[1] === MESSAGE_KIND.SYNC_STEP_2) answers++;
        },
        close: () => (closed = true),
      });
      const sayFrames = async (...frames: Uint8Array[]): Promise<void> => {
        for (const frame of frames) session.receive(frame);
        await session.idle();
      };
      const hostile: Hostile = {
        say: (...messages) => sayFrames(...messages.map(encodePeerMessage)),
        sayFrames,
        closed: () => closed,
        answers: () => answers,
      };
      session.receive(
        encodePeerMessage({
          kind: MESSAGE_KIND.HELLO,
          memberId: 'HHHHHHHHHHHHHHHHHHHHHH' as MemberId,
          protocolVersion: 1,
          docCount: 0,
        }),
      );
      return hostile;
    },
  };
}

function states(laptop: Laptop): Map<DocId, string> {
  return new Map(
    [...laptop.docs.snapshot()].map(([docId, state]) => [
      docId,
      Buffer.from(state).toString('hex'),
    ]),
  );
}

/** The first struct of the laptop's entry (to put hostile items next to). */
function firstItem(ydoc: Y.Doc): [number, number] {
  const item = [...ydoc.store.clients.values()].flat().find((s) => s instanceof Y.Item)!;
  return [item.id.client, item.id.clock];
}

/** An update from a real peer replica of `ydoc` after `edit`. */
function peerEdit(ydoc: Y.Doc, edit: (yRoot: Y.XmlText) => void): Uint8Array {
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(ydoc));
  peer.clientID = HOSTILE;
  const updates: Uint8Array[] = [];
  peer.on('update', (update: Uint8Array) => updates.push(update));
  peer.transact(() => edit(peer.get(ENTRY_BODY_ROOT, Y.XmlText)));
  return Y.mergeUpdates(updates);
}

describe('a hostile peer', () => {
  it('is disconnected, with its reason logged, for every refusal the protocol lists', async () => {
    const s = scene();
    const live = docOf(s.laptop, s.entry);
    const own = live.clientID;
    const near = firstItem(live);
    const update = (docId: DocId, bytes: Uint8Array): PeerMessage => ({
      kind: MESSAGE_KIND.UPDATE,
      docId,
      update: bytes,
    });
    const manyStructs = Uint8Array.of(1, 0x80, 0x89, 0x7a, HOSTILE & 0x7f, 0);
    const hiddenParagraph = peerEdit(live, (yRoot) => {
      const hidden = new Y.XmlText();
      yRoot.insertEmbed(yRoot.length, hidden);
      hidden.insert(0, SECRET);
    });
    const unknownType = peerEdit(live, (yRoot) => {
      const hidden = new Y.XmlText();
      yRoot.insertEmbed(yRoot.length, hidden);
      hidden.setAttribute('__type', 'secret-note');
      hidden.insert(0, SECRET);
    });
    const cases: [string, PeerMessage | Uint8Array, RegExp][] = [
      ['a frame over 64 KiB', new Uint8Array(300 * 1024).fill(4), /over the 65536-byte limit/],
      ['an unknown kind', Uint8Array.of(1, 200), /unknown kind 200/],
      ['over a million structs', update(s.entry, manyStructs), /more than 1000000 structs/],
      ['undecodable', update(s.entry, Uint8Array.of(1, 1, 1, 1, 9)), /cannot decode|could not/],
      [
        'a zero-length struct',
        update(
          s.entry,
          craftUpdate([{ client: HOSTILE, clock: 0, structs: [stringItem({ origin: near }, '')] }]),
        ),
        /length zero/,
      ],
      [
        'a skip',
        update(s.entry, craftUpdate([{ client: HOSTILE, clock: 0, structs: [skipStruct(2)] }])),
        /hole/,
      ],
      [
        'one writer twice',
        update(
          s.entry,
          craftUpdate([
            { client: HOSTILE, clock: 0, structs: [stringItem({ origin: near }, 'a')] },
            { client: HOSTILE, clock: 1, structs: [stringItem({ origin: [HOSTILE, 0] }, 'b')] },
          ]),
        ),
        /twice/,
      ],
      [
        'a client id over 32 bits',
        update(
          s.entry,
          craftUpdate([
            { client: 2 ** 33, clock: 0, structs: [stringItem({ origin: near }, 'a')] },
          ]),
        ),
        /32 bits/,
      ],
      [
        'a clock over 2^40',
        update(s.entry, craftUpdate([{ client: HOSTILE, clock: 2 ** 41, structs: [gcStruct(1)] }])),
        /clock/,
      ],
      [
        'a subdocument',
        update(
          s.entry,
          craftUpdate([{ client: HOSTILE, clock: 0, structs: [subdocItem({ origin: near })] }]),
        ),
        /subdocument/,
      ],
      [
        'an item referring to itself (not shaped like typing)',
        update(
          s.entry,
          craftUpdate([
            { client: HOSTILE, clock: 3, structs: [stringItem({ parent: [HOSTILE, 3] }, 'a')] },
          ]),
        ),
        /refers to itself/,
      ],
      [
        'an item referring to a later item of its writer',
        update(
          s.entry,
          craftUpdate([
            { client: HOSTILE, clock: 0, structs: [stringItem({ origin: [HOSTILE, 7] }, 'a')] },
          ]),
        ),
        /refers to itself or to a later item/,
      ],
      [
        'neighbours in different places',
        update(
          s.entry,
          craftUpdate([
            {
              client: HOSTILE,
              clock: 0,
              structs: [
                stringItem({ root: 'elsewhere' }, 'b'),
                stringItem({ origin: near, right: [HOSTILE, 0] }, 'a'),
              ],
            },
          ]),
        ),
        /different places/,
      ],
      [
        "writing under this laptop's own client id",
        update(
          s.entry,
          craftUpdate([
            {
              client: own,
              clock: Y.getState(live.store, own),
              structs: [stringItem({ origin: near }, 'x')],
            },
          ]),
        ),
        /own client id/,
      ],
      ['a paragraph with no node type', update(s.entry, hiddenParagraph), /no node type/],
      ['a paragraph of an unknown type', update(s.entry, unknownType), /does not know/],
    ];
    for (const [name, message, reason] of cases) {
      const before = states(s.laptop);
      logged.length = 0;
      const hostile = s.connect();
      if (message instanceof Uint8Array) await hostile.sayFrames(message);
      else await hostile.say(message);
      expect(hostile.closed(), name).toBe(true);
      expect(states(s.laptop), name).toEqual(before);
      const refusal = logged.find((record) => record.message.includes('broke the sync protocol'));
      expect(refusal?.detail?.reason, name).toMatch(reason);
      expect(JSON.stringify(logged), name).not.toContain(SECRET);
    }
    // A ghost document waits for the index to name it before it closes the connection:
    // heldWrites.test.ts.
  });

  it('writes no file for 200 ghost documents: the seventeenth closes the connection', async () => {
    const s = scene();
    const before = s.laptop.docs.docIds();
    const hostile = s.connect();
    const ghosts = Array.from({ length: 200 }, (_, i): PeerMessage => ({
      kind: MESSAGE_KIND.UPDATE,
      docId: `ghost${String(i).padStart(17, '0')}` as DocId,
      update: peerEdit(new Y.Doc(), (yRoot) => yRoot.insert(0, 'ghost')),
    }));
    await hostile.say(...ghosts);
    expect(hostile.closed()).toBe(true);
    expect(s.laptop.docs.docIds()).toEqual(before);
    // HELLO's count and every later peer's opening see only what the index names.
    const later = s.connect();
    await later.say();
    expect(s.laptop.docs.docIds().filter((docId) => docId.startsWith('ghost'))).toEqual([]);
  });

  it('still takes typing into a named entry on the fast path, and a readable new paragraph', async () => {
    const s = scene();
    const live = docOf(s.laptop, s.entry);
    const hostile = s.connect();
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(live));
    peer.clientID = HOSTILE;
    const updates: Uint8Array[] = [];
    peer.on('update', (update: Uint8Array) => updates.push(update));
    const yRoot = peer.get(ENTRY_BODY_ROOT, Y.XmlText);
    const first = (yRoot.toDelta() as { insert: unknown }[])[0]!.insert as Y.XmlText;
    first.insert(2, 'typed ');
    peer.transact(() => {
      const next = new Y.XmlText();
      yRoot.insertEmbed(yRoot.length, next);
      next.setAttribute('__type', 'paragraph');
      next.insert(0, 'a third paragraph');
    });
    const [typing, paragraph] = updates as [Uint8Array, Uint8Array];
    await hostile.say(
      { kind: MESSAGE_KIND.UPDATE, docId: s.entry, update: typing },
      { kind: MESSAGE_KIND.UPDATE, docId: s.entry, update: paragraph },
    );
    expect(hostile.closed()).toBe(false);
    expect(live.get(ENTRY_BODY_ROOT, Y.XmlText).toString()).toContain('a third paragraph');
  });

  it('has a flood of SYNC_STEP_1 answered within its budget, then is dropped', async () => {
    const s = scene();
    const hostile = s.connect();
    const ask: PeerMessage = {
      kind: MESSAGE_KIND.SYNC_STEP_1,
      docId: INDEX_DOC_ID,
      stateVector: Uint8Array.of(0),
    };
    const started = Date.now();
    await hostile.say(...Array.from({ length: 5000 }, () => ask));
    expect(hostile.closed()).toBe(true);
    // Answers made before the drop: the bucket, and what it refilled meanwhile.
    const seconds = (Date.now() - started) / 1000;
    expect(hostile.answers()).toBeLessThanOrEqual(
      ANSWER_BUDGET.answers + Math.ceil(seconds * ANSWER_BUDGET.answersPerSecond) + 1,
    );
    const refusal = logged.find((record) => record.message.includes('broke the sync protocol'));
    expect(refusal?.detail?.reason).toMatch(/waiting for an answer \(a flood\)/);
  });

  it('gets no free answers by announcing a million documents in its HELLO', async () => {
    const s = scene();
    let answers = 0;
    let closed = false;
    const session = s.laptop.mesh.addPeer('liar', {
      send: (frame) => {
        if (frame[1] === MESSAGE_KIND.SYNC_STEP_2) answers++;
      },
      close: () => (closed = true),
    });
    session.receive(
      encodePeerMessage({
        kind: MESSAGE_KIND.HELLO,
        memberId: 'LLLLLLLLLLLLLLLLLLLLLL' as MemberId,
        protocolVersion: 1,
        docCount: 1_000_000,
      }),
    );
    const ask = encodePeerMessage({
      kind: MESSAGE_KIND.SYNC_STEP_1,
      docId: INDEX_DOC_ID,
      stateVector: Uint8Array.of(0),
    });
    // Fewer than the drop threshold: each is answered, but only as the budget allows.
    for (let i = 0; i < 600; i++) session.receive(ask);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answers).toBeLessThanOrEqual(1 + ANSWER_BUDGET.answers + 8);
    expect(closed).toBe(false);
    session.close();
  });

  it('makes requests over the budget wait rather than be answered at once', async () => {
    const s = scene();
    const hostile = s.connect();
    const ask: PeerMessage = {
      kind: MESSAGE_KIND.SYNC_STEP_1,
      docId: INDEX_DOC_ID,
      stateVector: Uint8Array.of(0),
    };
    const burst = ANSWER_BUDGET.answers + 16;
    for (let i = 0; i < burst; i++) void hostile.say(ask);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The bucket's worth at once; the rest at the refill rate (16 more take half a second).
    expect(hostile.answers()).toBeGreaterThanOrEqual(ANSWER_BUDGET.answers);
    expect(hostile.answers()).toBeLessThan(burst);
    await hostile.say();
    expect(hostile.answers()).toBe(burst);
    expect(hostile.closed()).toBe(false);
  });
});
