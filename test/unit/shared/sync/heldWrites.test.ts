/**
 * A SYNC_STEP_2 or UPDATE for an entry this laptop has never heard of, before the index
 * naming it (shared/sync/heldWrites.ts): held and applied once the index names it, with
 * the link kept; a ghost still closes the link, after the hold, and a flood of them at once.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { type LogRecord } from '../../../../shared/log';
import {
  INDEX_DOC_ID,
  entryDocId,
  type DocId,
  type MemberId,
} from '../../../../shared/notebook/ids';
import { HOLD } from '../../../../shared/sync/heldWrites';
import {
  MESSAGE_KIND,
  decodePeerMessage,
  encodePeerMessage,
} from '../../../../shared/sync/peerProtocol';
import {
  docOf,
  entryText,
  foundCircle,
  makeLaptop,
  writeEntry,
  type Laptop,
} from '../../../helpers/circleLaptops';
import { seededRandom } from '../../../helpers/seededRandom';
import { capturedLogs } from '../../../helpers/capturedLogs';

const logged = capturedLogs();
afterEach(() => {
  vi.useRealTimers();
});

const protocolErrors = (): LogRecord[] =>
  logged.filter((record) => record.message.includes('broke the sync protocol'));

/** Ana wrote an entry Cal has not heard of; Cal's session with a peer, fed by hand. */
function scene(): {
  ana: Laptop;
  cal: Laptop;
  entry: DocId;
  indexUpdate: Uint8Array;
  body: Uint8Array;
  peer: {
    say(...messages: Parameters<typeof encodePeerMessage>[0][]): Promise<void>;
    closed(): boolean;
    asked(): DocId[];
  };
} {
  const random = seededRandom(41);
  const ana = makeLaptop(random);
  const cal = makeLaptop(random);
  foundCircle(ana, random);
  Y.applyUpdate(docOf(cal, INDEX_DOC_ID), Y.encodeStateAsUpdate(docOf(ana, INDEX_DOC_ID)));
  const calIndex = Y.encodeStateVector(docOf(cal, INDEX_DOC_ID));
  const entry = entryDocId(writeEntry(ana, random, ['Written before Cal heard of it']));
  const indexUpdate = Y.encodeStateAsUpdate(docOf(ana, INDEX_DOC_ID), calIndex);
  const body = Y.encodeStateAsUpdate(docOf(ana, entry));
  let closed = false;
  const asked: DocId[] = [];
  const session = cal.mesh.addPeer('ben-peer', {
    send: (frame) => {
      const message = decodePeerMessage(frame);
      if (message.ok && message.value.kind === MESSAGE_KIND.SYNC_STEP_1) {
        asked.push(message.value.docId);
      }
    },
    close: () => (closed = true),
  });
  session.receive(
    encodePeerMessage({
      kind: MESSAGE_KIND.HELLO,
      memberId: 'BBBBBBBBBBBBBBBBBBBBBB' as MemberId,
      protocolVersion: 1,
      docCount: 0,
    }),
  );
  return {
    ana,
    cal,
    entry,
    indexUpdate,
    body,
    peer: {
      say: async (...messages) => {
        for (const message of messages) session.receive(encodePeerMessage(message));
        await session.idle();
      },
      closed: () => closed,
      asked: () => asked,
    },
  };
}

describe('an entry body that comes before the index naming it', () => {
  it('is held, the peer is asked for its index, and the body is applied once the index names it', async () => {
    const s = scene();
    await s.peer.say({ kind: MESSAGE_KIND.SYNC_STEP_2, docId: s.entry, update: s.body });
    expect(s.peer.closed()).toBe(false);
    expect(s.cal.docs.holds(s.entry)).toBe(false);
    expect(s.peer.asked()).toContain(INDEX_DOC_ID);
    await s.peer.say({
      kind: MESSAGE_KIND.SYNC_STEP_2,
      docId: INDEX_DOC_ID,
      update: s.indexUpdate,
    });
    expect(s.peer.closed()).toBe(false);
    expect(entryText(docOf(s.cal, s.entry))).toBe('Written before Cal heard of it');
    expect(protocolErrors()).toEqual([]);
  });

  it('is applied once the index names it by another way (another peer, or this laptop)', async () => {
    vi.useFakeTimers();
    const s = scene();
    await s.peer.say({ kind: MESSAGE_KIND.UPDATE, docId: s.entry, update: s.body });
    Y.applyUpdate(docOf(s.cal, INDEX_DOC_ID), s.indexUpdate);
    await vi.advanceTimersByTimeAsync(HOLD.checkMs);
    expect(s.peer.closed()).toBe(false);
    expect(entryText(docOf(s.cal, s.entry))).toBe('Written before Cal heard of it');
  });

  it('a ghost document waits for the index, then closes the connection, with nothing written', async () => {
    vi.useFakeTimers();
    const s = scene();
    const before = s.cal.docs.docIds();
    await s.peer.say({ kind: MESSAGE_KIND.UPDATE, docId: s.entry, update: s.body });
    await vi.advanceTimersByTimeAsync(HOLD.ms - HOLD.checkMs);
    expect(s.peer.closed()).toBe(false);
    await vi.advanceTimersByTimeAsync(2 * HOLD.checkMs);
    expect(s.peer.closed()).toBe(true);
    expect(protocolErrors()[0]?.detail?.reason).toMatch(/does not name \(after 10 s\)/);
    expect(s.cal.docs.docIds()).toEqual(before);
  });

  it(`closes the connection when more than ${HOLD.docs} unnamed documents wait`, async () => {
    const s = scene();
    for (let i = 0; i <= HOLD.docs; i++) {
      const docId = `ghost${String(i).padStart(17, '0')}` as DocId;
      await s.peer.say({ kind: MESSAGE_KIND.UPDATE, docId, update: s.body });
      expect(s.peer.closed(), `after ${i + 1} documents`).toBe(i === HOLD.docs);
    }
  });
});
