import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  SignallingRoom,
  type SignalCipher,
  type SignallingRoomEvents,
} from '../../../../renderer/src/sync/signallingRoom';

const ENDPOINT = 'ws://10.77.0.1:4444';

/** One in-memory endpoint: relays what a socket publishes to the topic's other sockets. */
class RelaySocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static sockets: RelaySocket[] = [];

  readyState = RelaySocket.CONNECTING;
  readonly topics = new Set<string>();
  readonly sent: Record<string, unknown>[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;

  constructor(readonly url: string) {
    RelaySocket.sockets.push(this);
    queueMicrotask(() => {
      this.readyState = RelaySocket.OPEN;
      this.onopen?.();
    });
  }

  send(text: string): void {
    const message = JSON.parse(text) as Record<string, unknown>;
    this.sent.push(message);
    if (message.type === 'subscribe')
      for (const t of message.topics as string[]) this.topics.add(t);
    if (message.type !== 'publish') return;
    for (const other of RelaySocket.sockets) {
      if (other === this || other.readyState !== RelaySocket.OPEN) continue;
      if (!other.topics.has(message.topic as string)) continue;
      other.onmessage?.({ data: text });
    }
  }

  close(): void {
    this.readyState = RelaySocket.CLOSED;
  }
}

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
