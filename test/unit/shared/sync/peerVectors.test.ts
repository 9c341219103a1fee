/** The test vectors written in PEER_PROTOCOL.md, checked against the encoder and decoder. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocId, MemberId } from '../../../../shared/notebook/ids';
import {
  MESSAGE_KIND,
  decodePeerMessage,
  encodePeerMessage,
  type PeerMessage,
} from '../../../../shared/sync/peerProtocol';

const DOCUMENT = readFileSync(
  resolve(import.meta.dirname, '../../../../shared/sync/PEER_PROTOCOL.md'),
  'utf8',
);

const VECTORS: [PeerMessage, string][] = [
  [
    {
      kind: MESSAGE_KIND.HELLO,
      memberId: 'AAAAAAAAAAAAAAAAAAAAAA' as MemberId,
      protocolVersion: 1,
      docCount: 2,
    },
    '01 01 16 41414141414141414141414141414141414141414141 01 02',
  ],
  [
    { kind: MESSAGE_KIND.SYNC_STEP_1, docId: 'index' as DocId, stateVector: Uint8Array.of(0) },
    '01 02 05 696e646578 01 00',
  ],
  [
    { kind: MESSAGE_KIND.SYNC_STEP_2, docId: 'index' as DocId, update: Uint8Array.of(0, 0) },
    '01 03 05 696e646578 02 0000',
  ],
  [{ kind: MESSAGE_KIND.CLOCK_PING, t0: 1_700_000_000_000 }, '01 07 4278bcfe56800000'],
  [
    {
      kind: MESSAGE_KIND.CIRCLE_STATE,
      states: [{ docId: 'index' as DocId, stateVector: Uint8Array.of(0) }],
    },
    '01 09 01 05 696e646578 01 00',
  ],
  [{ kind: MESSAGE_KIND.CIRCLE_UPDATES, last: true, updates: [] }, '01 0a 01 00'],
];

describe('peer protocol test vectors', () => {
  it.each(VECTORS)('encodes and decodes %o as documented', (message, hex) => {
    expect(DOCUMENT).toContain(hex);
    const bytes = Buffer.from(hex.replaceAll(' ', ''), 'hex');
    expect(Buffer.from(encodePeerMessage(message))).toEqual(bytes);
    expect(decodePeerMessage(new Uint8Array(bytes))).toEqual({ ok: true, value: message });
  });
});
