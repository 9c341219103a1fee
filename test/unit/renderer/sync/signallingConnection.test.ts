import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignallingConnection } from '../../../../renderer/src/sync/signallingConnection';

/**
 * A WebSocket that does what the test says: opens, hears, or hangs as a socket does when
 * the network under it is cut (no open, no message, no close).
 */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static made: FakeSocket[] = [];

  readyState = FakeSocket.CONNECTING;
  readonly sent: unknown[] = [];
  closeCalls = 0;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }

  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }

  /** Like a socket on a cut network: asked to close, it never says it closed. */
  close(): void {
    this.closeCalls++;
    this.readyState = FakeSocket.CLOSING;
  }

  open(): void {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }

  hear(message: object): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

const latest = (): FakeSocket => FakeSocket.made.at(-1)!;

describe('a signalling connection on a network that comes and goes', () => {
  let events: { open: number; down: number; published: unknown[] };
  let connection: SignallingConnection | null;
  const onlineListeners = new Set<() => void>();

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.made = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.stubGlobal('addEventListener', (type: string, listener: () => void) => {
      if (type === 'online') onlineListeners.add(listener);
    });
    vi.stubGlobal('removeEventListener', (type: string, listener: () => void) => {
      if (type === 'online') onlineListeners.delete(listener);
    });
    events = { open: 0, down: 0, published: [] };
    connection = new SignallingConnection('ws://10.77.0.2:4444', ['room-topic'], {
      open: () => events.open++,
      down: () => events.down++,
      publish: (_topic, data) => events.published.push(data),
    });
  });

  afterEach(() => {
    connection?.close();
    onlineListeners.clear();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('subscribes when the socket opens and passes on what is published to its topics', () => {
    latest().open();
    expect(events.open).toBe(1);
    expect(latest().sent).toEqual([{ type: 'subscribe', topics: ['room-topic'] }]);
    latest().hear({ type: 'publish', topic: 'room-topic', data: 'an offer' });
    latest().hear({ type: 'publish', topic: 'another-room', data: 'not ours' });
    expect(events.published).toEqual(['an offer']);
  });

  it('gives up on a handshake that hangs and tries again within a few seconds', () => {
    const hanging = latest();
    vi.advanceTimersByTime(2499);
    expect(FakeSocket.made).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(hanging.closeCalls).toBe(1);
    expect(events.down).toBe(1);
    // The first retry is quick; a hung socket never gets to hold the connection back.
    vi.advanceTimersByTime(250);
    expect(FakeSocket.made).toHaveLength(2);
    latest().open();
    expect(events.open).toBe(1);
  });

  it('keeps retrying at most every few seconds while the network stays away', () => {
    vi.advanceTimersByTime(60_000);
    const attempts = FakeSocket.made.length;
    // Each attempt: up to 2.5 s of handshake, then at most 1.5 s before the next.
    expect(attempts).toBeGreaterThanOrEqual(Math.floor(60_000 / 4000));
    const gaps = FakeSocket.made.length;
    vi.advanceTimersByTime(4000);
    expect(FakeSocket.made.length).toBeGreaterThan(gaps);
  });

  it('abandons an open socket that stops hearing pongs, without waiting for its close', () => {
    latest().open();
    const silent = latest();
    vi.advanceTimersByTime(5000);
    expect(silent.sent).toContainEqual({ type: 'ping' });
    silent.hear({ type: 'pong' });
    vi.advanceTimersByTime(10_000);
    // Heard 10 s ago: still trusted.
    expect(events.down).toBe(0);
    vi.advanceTimersByTime(5000);
    expect(events.down).toBe(1);
    expect(silent.closeCalls).toBe(1);
    vi.advanceTimersByTime(250);
    expect(FakeSocket.made).toHaveLength(2);
  });

  it('tries at once when the system says the network is back', () => {
    // Three hung handshakes: the third just given up, the next retry a second away.
    vi.advanceTimersByTime(3 * 2500 + 250 + 500);
    const before = FakeSocket.made.length;
    expect(before).toBe(3);
    for (const listener of onlineListeners) listener();
    expect(FakeSocket.made.length).toBe(before + 1);
  });

  it('closes for good: unsubscribes, stops retrying and stops listening', () => {
    latest().open();
    const socket = latest();
    connection!.close();
    connection = null;
    expect(socket.sent.at(-1)).toEqual({ type: 'unsubscribe', topics: ['room-topic'] });
    expect(onlineListeners.size).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.made).toHaveLength(1);
  });
});
