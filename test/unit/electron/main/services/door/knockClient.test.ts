/**
 * Main's knock client against a door that answers at once and hangs up in the same
 * breath (as a busy door can seem to): the answer must win over the close, however
 * long opening the invite takes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { DOOR_SUBPROTOCOL } from '../../../../../../electron/main/services/door/doorRecords';
import { knockOnDoor } from '../../../../../../electron/main/services/door/knockClient';
import type { KnockEnd } from '../../../../../../shared/ipc/contract';
import type { CircleId } from '../../../../../../shared/notebook/ids';
import { DoorKnock } from '../../../../../../shared/sync/door/doorKnock';
import { encodeInvite, type Invite } from '../../../../../../shared/sync/invite';

const CIRCLE: Invite = {
  circleId: 'SGFzdHlEb29yQ2lyY2xlSQ' as CircleId,
  circleKey: 'SGFzdHlEb29yS2V5VGhhdEhhbmdzVXBBdE9uY2UxMjM',
  circleName: 'Hasty door circle',
  endpoints: [],
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A door that lets in (or refuses) the moment the words exist, and closes right after. */
async function hastyDoor(answer: 'let-in' | 'not-now'): Promise<string> {
  const encoded = encodeInvite(CIRCLE);
  if (!encoded.ok) throw new Error(encoded.reason);
  const server = createServer();
  const sockets = new WebSocketServer({
    server,
    handleProtocols: (offered) => (offered.has(DOOR_SUBPROTOCOL) ? DOOR_SUBPROTOCOL : false),
  });
  sockets.on('connection', (ws) => {
    const door = new DoorKnock({ send: (frame) => ws.send(frame) });
    ws.on('message', (data: Buffer) => {
      void door.receive(new Uint8Array(data)).then(async (step) => {
        if (step.kind !== 'words') return;
        if (answer === 'let-in') await door.letIn(encoded.value);
        else door.end('not-now');
        // Hung up hard: the connection ends a moment after the answer, not a round trip.
        ws.terminate();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    sockets.close();
    await new Promise((resolve) => server.close(resolve));
  });
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/door`;
}

function knock(url: string): Promise<{ letIn?: Invite; ended?: KnockEnd }> {
  return new Promise((resolve) => {
    knockOnDoor(
      [url],
      { name: 'Sam', colour: 'sand' },
      {
        words: () => undefined,
        letIn: (invite) => resolve({ letIn: invite }),
        ended: (reason) => resolve({ ended: reason }),
      },
    );
  });
}

describe('a knock from main', () => {
  it('is let in even when the door hangs up right after its welcome', async () => {
    const url = await hastyDoor('let-in');
    for (let round = 0; round < 10; round++) expect(await knock(url)).toEqual({ letIn: CIRCLE });
  });

  it('hears "not now" even when the door hangs up right after saying it', async () => {
    const url = await hastyDoor('not-now');
    for (let round = 0; round < 10; round++) expect(await knock(url)).toEqual({ ended: 'not-now' });
  });

  it('says a door it cannot reach is unreachable', async () => {
    expect(await knock('ws://127.0.0.1:1/door')).toEqual({ ended: 'unreachable' });
  });
});
