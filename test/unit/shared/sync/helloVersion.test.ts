/** A peer whose HELLO names another protocol version is refused, with both versions named. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLogSink } from '../../../../shared/log';
import type { MemberId } from '../../../../shared/notebook/ids';
import {
  MESSAGE_KIND,
  PEER_PROTOCOL_VERSION,
  encodePeerMessage,
} from '../../../../shared/sync/peerProtocol';
import { PeerSession } from '../../../../shared/sync/peerSession';
import { MemorySyncedDocs } from '../../../helpers/memorySyncedDocs';

let restoreLog = (): void => undefined;
beforeEach(() => {
  restoreLog = setLogSink(() => undefined);
});
afterEach(() => restoreLog());

async function helloWith(protocolVersion: number) {
  const errors: string[] = [];
  const session = new PeerSession({
    docs: new MemorySyncedDocs(undefined, true),
    memberId: 'MMMMMMMMMMMMMMMMMMMMMM' as MemberId,
    send: () => undefined,
    onProtocolError: (reason) => errors.push(reason),
  });
  session.receive(
    encodePeerMessage({
      kind: MESSAGE_KIND.HELLO,
      memberId: 'TTTTTTTTTTTTTTTTTTTTTT' as MemberId,
      protocolVersion,
      docCount: 0,
    }),
  );
  await session.idle();
  return { errors, session };
}

describe('HELLO protocolVersion', () => {
  it('accepts a peer that speaks this laptop’s version', async () => {
    const { errors, session } = await helloWith(PEER_PROTOCOL_VERSION);
    expect(errors).toEqual([]);
    expect(session.memberId).toBe('TTTTTTTTTTTTTTTTTTTTTT');
  });

  it('refuses a peer that speaks another version, saying which two', async () => {
    const { errors, session } = await helloWith(PEER_PROTOCOL_VERSION + 1);
    expect(errors).toEqual([
      `a HELLO for peer protocol version ${PEER_PROTOCOL_VERSION + 1}; this laptop speaks version ${PEER_PROTOCOL_VERSION}`,
    ]);
    expect(session.memberId).toBeNull();
    expect(session.inStep).toBe(false);
  });
});
