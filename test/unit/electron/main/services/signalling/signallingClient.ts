/**
 * A signalling client for tests: a `ws` WebSocket that records every frame it receives,
 * so a test can wait for a message, assert that none came, or see how it was closed.
 */
import WebSocket from 'ws';

/** How a connection ended. */
export interface Closed {
  code: number;
  reason: string;
}

/** A connected test client. */
export interface SignallingClient {
  readonly socket: WebSocket;
  /** Every JSON message received so far, in order. */
  readonly received: unknown[];
  /** Resolves when the connection closes. */
  readonly closed: Promise<Closed>;
  /** Sends a message as JSON. */
  send(message: unknown): void;
  /** Sends a raw frame (text, or bytes as a binary frame). */
  sendRaw(frame: string | Buffer): void;
  /** Resolves with the first received message (old or new) that `match` accepts. */
  waitFor(match: (message: unknown) => boolean, timeoutMs?: number): Promise<unknown>;
  /** Sends a ping and waits for its pong, proving every earlier frame was handled. */
  roundTrip(): Promise<void>;
  close(): void;
}

/** The handshake was answered with an HTTP status instead of a WebSocket. */
export class Refused extends Error {
  constructor(readonly status: number) {
    super(`refused with ${status}`);
  }
}

/** Connects to `url`; rejects with {@link Refused} when the handshake is refused. */
export function connectClient(
  url: string,
  options: { origin?: string; autoPong?: boolean } = {},
): Promise<SignallingClient> {
  const socket = new WebSocket(url, {
    ...(options.origin === undefined ? {} : { origin: options.origin }),
    autoPong: options.autoPong ?? true,
  });
  const received: unknown[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data: Buffer) => {
    try {
      received.push(JSON.parse(data.toString('utf8')));
    } catch {
      received.push({ unparsed: data.toString('utf8') });
    }
    for (const wake of waiters) wake();
  });
  const closed = new Promise<Closed>((resolve) => {
    socket.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString('utf8') });
    });
  });
  socket.on('error', () => undefined);
  const waitUntil = (done: () => boolean, timeoutMs = 3000): Promise<void> =>
    new Promise((resolve, reject) => {
      const wake = (): void => {
        if (!done()) return;
        waiters.delete(wake);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(new Error(`not received in ${timeoutMs} ms; got ${JSON.stringify(received)}`));
      }, timeoutMs);
      waiters.add(wake);
      wake();
    });
  const client: SignallingClient = {
    socket,
    received,
    closed,
    send: (message) => {
      socket.send(JSON.stringify(message));
    },
    sendRaw: (frame) => {
      socket.send(frame, { binary: typeof frame !== 'string' });
    },
    waitFor: async (match, timeoutMs) => {
      await waitUntil(() => received.some(match), timeoutMs);
      return received.find(match);
    },
    roundTrip: async () => {
      const pongs = received.filter(isPong).length;
      socket.send(JSON.stringify({ type: 'ping' }));
      await waitUntil(() => received.filter(isPong).length > pongs);
    },
    close: () => {
      socket.close();
    },
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(client));
    socket.once('unexpected-response', (_request, response) => {
      reject(new Refused(response.statusCode ?? 0));
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

/** True for a pong message. */
export function isPong(message: unknown): boolean {
  return (message as { type?: unknown }).type === 'pong';
}

/** A matcher for a relayed publish on `topic` carrying `data`. */
export function publishOf(topic: string, data: unknown): (message: unknown) => boolean {
  return (message) => {
    const m = message as { type?: unknown; topic?: unknown; data?: unknown };
    return (
      m.type === 'publish' && m.topic === topic && JSON.stringify(m.data) === JSON.stringify(data)
    );
  };
}
