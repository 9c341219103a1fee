/**
 * Two good signalling clients that keep talking while an endpoint is attacked: both
 * subscribe to a topic only they know, each publishes a numbered message every
 * `intervalMs` (well under the endpoint's rate limit), and each records when the
 * other's messages arrive. Afterwards: how many were lost, how many came out of order,
 * and the delivery latency of those that came.
 */
import WebSocket from 'ws';

/** What the pair saw. */
export interface RelayFigures {
  sent: number;
  received: number;
  lost: number;
  outOfOrder: number;
  /** Milliseconds from publish to arrival, in arrival order. */
  latencies: number[];
}

/** A running pair. */
export interface RelayPair {
  /** Stops publishing, waits up to `drainMs` for what is under way, closes both. */
  stop(drainMs?: number): Promise<RelayFigures>;
}

interface Side {
  socket: WebSocket;
  sent: Map<number, number>;
  lastSeen: number;
  outOfOrder: number;
  received: number;
  latencies: number[];
}

function connect(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Connects two clients to `url`, subscribes both to `topic` and starts the exchange. */
export async function startRelayPair(
  url: string,
  topic: string,
  options: { intervalMs?: number; maxMessages?: number } = {},
): Promise<RelayPair> {
  const intervalMs = options.intervalMs ?? 40;
  const maxMessages = options.maxMessages ?? Number.POSITIVE_INFINITY;
  const sides: Side[] = [];
  for (let n = 0; n < 2; n++) {
    const socket = await connect(url);
    const side: Side = {
      socket,
      sent: new Map(),
      lastSeen: -1,
      outOfOrder: 0,
      received: 0,
      latencies: [],
    };
    socket.on('error', () => undefined);
    sides.push(side);
    socket.send(JSON.stringify({ type: 'subscribe', topics: [topic] }));
  }
  // The subscriptions are in place once each side's ping is answered.
  await Promise.all(
    sides.map(
      (side) =>
        new Promise<void>((resolve) => {
          const onMessage = (data: Buffer): void => {
            if ((JSON.parse(data.toString('utf8')) as { type?: string }).type !== 'pong') return;
            side.socket.off('message', onMessage);
            resolve();
          };
          side.socket.on('message', onMessage);
          side.socket.send('{"type":"ping"}');
        }),
    ),
  );
  const [a, b] = sides as [Side, Side];
  const listen = (receiver: Side, sender: Side): void => {
    receiver.socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as {
        type?: string;
        data?: { seq?: number };
      };
      const seq = message.data?.seq;
      if (message.type !== 'publish' || typeof seq !== 'number') return;
      const sentAt = sender.sent.get(seq);
      if (sentAt === undefined) return;
      receiver.received++;
      receiver.latencies.push(performance.now() - sentAt);
      if (seq <= receiver.lastSeen) receiver.outOfOrder++;
      receiver.lastSeen = Math.max(receiver.lastSeen, seq);
    });
  };
  listen(a, b);
  listen(b, a);
  let seq = 0;
  const timer = setInterval(() => {
    if (seq >= maxMessages) return;
    for (const side of sides) {
      if (side.socket.readyState !== WebSocket.OPEN) continue;
      side.sent.set(seq, performance.now());
      side.socket.send(JSON.stringify({ type: 'publish', topic, data: { seq } }));
    }
    seq++;
  }, intervalMs);

  return {
    async stop(drainMs = 2000) {
      clearInterval(timer);
      const sent = a.sent.size + b.sent.size;
      const deadline = performance.now() + drainMs;
      while (a.received + b.received < sent && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const side of sides) side.socket.terminate();
      const received = a.received + b.received;
      return {
        sent,
        received,
        lost: sent - received,
        outOfOrder: a.outOfOrder + b.outOfOrder,
        latencies: [...a.latencies, ...b.latencies],
      };
    },
  };
}
