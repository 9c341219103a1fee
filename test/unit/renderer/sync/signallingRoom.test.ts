import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  SignallingRoom,
  type SignalCipher,
  type SignallingRoomEvents,
} from '../../../../renderer/src/sync/signallingRoom';
import { RelaySocket } from '../../../helpers/relaySocket';

const ENDPOINT = 'ws://10.77.0.1:4444';

/** A stand-in for the circle's seal: only rooms made with the same secret can open it. */
function cipherFor(secret: string): SignalCipher {
  return {
    seal: (message) => Promise.resolve(JSON.stringify({ secret, message })),
    open: (sealed) => {
      if (typeof sealed !== 'string') return Promise.resolve(null);
      const parsed = JSON.parse(sealed) as { secret: string; message: unknown };
      return Promise.resolve(parsed.secret === secret ? parsed.message : null);
    },
  };
}

interface Heard {
  announces: string[];
  leaves: string[];
}

function roomOf(peerId: string, secret = 'circle-secret'): { room: SignallingRoom; heard: Heard } {
  const heard: Heard = { announces: [], leaves: [] };
  const events: SignallingRoomEvents = {
    announce: (from) => heard.announces.push(from),
    signal: () => undefined,
    leave: (from) => heard.leaves.push(from),
    endpointsChanged: () => undefined,
  };
  const room = new SignallingRoom('room-name', peerId, cipherFor(secret), events);
  room.setEndpoints([ENDPOINT]);
  return { room, heard };
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('a laptop leaving the signalling room', () => {
  beforeEach(() => {
    RelaySocket.sockets = [];
    vi.stubGlobal('WebSocket', RelaySocket);
    vi.stubGlobal('addEventListener', () => undefined);
    vi.stubGlobal('removeEventListener', () => undefined);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('tells the others at once, in the same call that closes it', async () => {
    const ana = roomOf('ana-peer-id-0001');
    const ben = roomOf('ben-peer-id-0002');
    await settle();
    expect(ben.heard.announces).toContain('ana-peer-id-0001');

    // Synchronous, as in a closing window's pagehide: nothing after it is awaited.
    ana.room.close();
    const anaSocket = RelaySocket.sockets[0]!;
    const [leave, unsubscribe] = anaSocket.sent.slice(-2);
    expect(leave).toMatchObject({ type: 'publish', topic: 'room-name' });
    expect(unsubscribe).toEqual({ type: 'unsubscribe', topics: ['room-name'] });
    await settle();
    expect(ben.heard.leaves).toEqual(['ana-peer-id-0001']);
    ben.room.close();
  });

  it('ignores a goodbye sealed with another circle’s key', async () => {
    const ana = roomOf('ana-peer-id-0001');
    const stranger = roomOf('stranger-peer-0003', 'another-secret');
    await settle();
    stranger.room.close();
    await settle();
    expect(ana.heard.leaves).toEqual([]);
    ana.room.close();
  });

  it('says goodbye once, however often it is closed', async () => {
    const ana = roomOf('ana-peer-id-0001');
    const ben = roomOf('ben-peer-id-0002');
    await settle();
    ana.room.close();
    ana.room.close();
    await settle();
    expect(ben.heard.leaves).toEqual(['ana-peer-id-0001']);
    ben.room.close();
  });
});
