import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocId, MemberId } from '../../../../shared/notebook/ids';
import {
  MESSAGE_KIND,
  PEER_PROTOCOL_VERSION,
  decodePeerMessage,
  encodePeerMessage,
  isAwarenessUpdate,
  isStateVector,
  type PeerMessage,
} from '../../../../shared/sync/peerProtocol';
import { seededRandom } from '../../../helpers/seededRandom';

const MEMBER = 'AAAAAAAAAAAAAAAAAAAAAA' as MemberId;
const DOC = 'BBBBBBBBBBBBBBBBBBBBBB' as DocId;

function awareness(states: [number, number, unknown][]): Uint8Array {
  const bytes: number[] = [states.length];
  for (const [client, clock, state] of states) {
    const json = new TextEncoder().encode(JSON.stringify(state));
    bytes.push(client, clock, json.length, ...json);
  }
  return Uint8Array.from(bytes);
}

const ydoc = new Y.Doc();
ydoc.getText('t').insert(0, 'hello');
const MESSAGES: PeerMessage[] = [
  { kind: MESSAGE_KIND.HELLO, memberId: MEMBER, protocolVersion: 1, docCount: 51 },
  { kind: MESSAGE_KIND.SYNC_STEP_1, docId: DOC, stateVector: Y.encodeStateVector(ydoc) },
  { kind: MESSAGE_KIND.SYNC_STEP_2, docId: 'index' as DocId, update: Y.encodeStateAsUpdate(ydoc) },
  { kind: MESSAGE_KIND.UPDATE, docId: DOC, update: Y.encodeStateAsUpdate(ydoc) },
  { kind: MESSAGE_KIND.AWARENESS, docId: DOC, update: awareness([[5, 1, { name: 'Ana' }]]) },
  {
    kind: MESSAGE_KIND.CHUNK,
    messageId: 0xfffffffe,
    index: 1,
    count: 3,
    bytes: new Uint8Array(10),
  },
];

describe('peer protocol', () => {
  it('round-trips every kind of message, starting with the version and kind bytes', () => {
    for (const message of MESSAGES) {
      const frame = encodePeerMessage(message);
      expect(frame[0]).toBe(PEER_PROTOCOL_VERSION);
      expect(frame[1]).toBe(message.kind);
      expect(decodePeerMessage(frame)).toEqual({ ok: true, value: message });
    }
  });

  it('refuses every truncation and every extension of a valid message', () => {
    for (const message of MESSAGES) {
      const frame = encodePeerMessage(message);
      for (let length = 0; length < frame.length; length++) {
        expect(decodePeerMessage(frame.slice(0, length)).ok).toBe(false);
      }
      expect(decodePeerMessage(Uint8Array.of(...frame, 0)).ok).toBe(false);
    }
  });

  it('refuses another version, an unknown kind and fields out of bounds', () => {
    const hello = encodePeerMessage(MESSAGES[0]!);
    const cases: [Uint8Array, RegExp][] = [
      [Uint8Array.of(2, ...hello.subarray(1)), /version 2/],
      [Uint8Array.of(1, 99, 0), /unknown kind/],
      [
        encodePeerMessage({ ...MESSAGES[1]!, docId: 'not-an-id' as DocId } as PeerMessage),
        /document id/,
      ],
      [
        encodePeerMessage({ ...MESSAGES[0]!, memberId: 'x' as MemberId } as PeerMessage),
        /member id/,
      ],
      [
        encodePeerMessage({
          kind: MESSAGE_KIND.SYNC_STEP_1,
          docId: DOC,
          stateVector: Uint8Array.of(5, 1),
        }),
        /state vector/,
      ],
      [
        encodePeerMessage({ kind: MESSAGE_KIND.UPDATE, docId: DOC, update: new Uint8Array(0) }),
        /empty/,
      ],
      [
        encodePeerMessage({
          kind: MESSAGE_KIND.AWARENESS,
          docId: DOC,
          update: new Uint8Array(17_000),
        }),
        /over/,
      ],
      [
        encodePeerMessage({
          kind: MESSAGE_KIND.CHUNK,
          messageId: 1,
          index: 3,
          count: 3,
          bytes: Uint8Array.of(1),
        }),
        /numbered 3 of 3/,
      ],
      [
        encodePeerMessage({
          kind: MESSAGE_KIND.CHUNK,
          messageId: 1,
          index: 0,
          count: 1,
          bytes: Uint8Array.of(1),
        }),
        /1-chunk/,
      ],
      [
        encodePeerMessage({
          kind: MESSAGE_KIND.CHUNK,
          messageId: 1,
          index: 0,
          count: 2,
          bytes: new Uint8Array(70_000),
        }),
        /over/,
      ],
      [
        Uint8Array.of(
          1,
          MESSAGE_KIND.UPDATE,
          22,
          ...new TextEncoder().encode(DOC),
          0xff,
          0xff,
          0xff,
          0x7f,
        ),
        /over|short/,
      ],
      [Uint8Array.of(1, MESSAGE_KIND.HELLO, 22, 0xc3, 0x28, ...new Uint8Array(20)), /short|id/],
    ];
    for (const [frame, reason] of cases) {
      expect(decodePeerMessage(frame)).toEqual({
        ok: false,
        reason: expect.stringMatching(reason) as string,
      });
    }
  });

  it('never throws on random bytes', () => {
    const random = seededRandom(5);
    for (let i = 0; i < 20_000; i++) {
      const frame = Uint8Array.from({ length: random.int(0, 40) }, () => random.int(0, 255));
      if (random.chance(0.7)) frame[0] = 1;
      if (frame.length > 1 && random.chance(0.7)) frame[1] = random.int(1, 6);
      expect(() => decodePeerMessage(frame)).not.toThrow();
    }
  });

  it('checks state vectors and awareness updates for shape and bounds', () => {
    expect(isStateVector(Y.encodeStateVector(ydoc))).toBe(true);
    expect(isStateVector(Uint8Array.of(0))).toBe(true);
    expect(isStateVector(Uint8Array.of(1, 5, 1, 0))).toBe(false); // a byte left over
    expect(isStateVector(Uint8Array.of(2, 5, 1, 5, 2))).toBe(false); // one client twice
    expect(
      isAwarenessUpdate(
        awareness([
          [5, 1, { name: 'Ana' }],
          [6, 2, null],
        ]),
      ),
    ).toBe(true);
    expect(isAwarenessUpdate(awareness([[5, 1, [1, 2]]]))).toBe(false);
    expect(isAwarenessUpdate(Uint8Array.of(1, 5, 1, 3, 0x7b, 0x7b, 0x7b))).toBe(false); // not JSON
    expect(isAwarenessUpdate(Uint8Array.of(100))).toBe(false);
  });
});
