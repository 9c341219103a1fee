/** HELLO's session version: the lower of the two is spoken; a version-0 HELLO is refused with a reason. */
import { describe, expect, it } from 'vitest';
import type { MemberId } from '../../../../shared/notebook/ids';
import {
  CIRCLE_SYNC_VERSION,
  MESSAGE_KIND,
  encodePeerMessage,
} from '../../../../shared/sync/peerProtocol';
import { PeerSession } from '../../../../shared/sync/peerSession';
import { MemorySyncedDocs } from '../../../helpers/memorySyncedDocs';
import { capturedLogs } from '../../../helpers/capturedLogs';

capturedLogs();

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
  it('accepts a peer that speaks this laptop’s session version, and opens by circle', async () => {
    const { errors, session } = await helloWith(CIRCLE_SYNC_VERSION);
    expect(errors).toEqual([]);
    expect(session.memberId).toBe('TTTTTTTTTTTTTTTTTTTTTT');
  });

  it('accepts an older peer (version 1 opens by document)', async () => {
    const { errors, session } = await helloWith(1);
    expect(errors).toEqual([]);
    expect(session.memberId).toBe('TTTTTTTTTTTTTTTTTTTTTT');
  });

  it('runs a newer peer at this laptop’s version rather than refusing it', async () => {
    const { errors, session } = await helloWith(CIRCLE_SYNC_VERSION + 1);
    expect(errors).toEqual([]);
    expect(session.memberId).toBe('TTTTTTTTTTTTTTTTTTTTTT');
  });

  it('refuses a HELLO of version 0, saying why', async () => {
    const { errors, session } = await helloWith(0);
    expect(errors).toEqual(['a HELLO with a bad version']);
    expect(session.memberId).toBeNull();
    expect(session.inStep).toBe(false);
  });
});
