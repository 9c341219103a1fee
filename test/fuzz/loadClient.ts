/**
 * The hostile second process of ./endpointLoad.ts: opens many connections to a
 * signalling endpoint at once (past its connection limit), subscribes each to as many
 * topics as it can and more, and floods them with oversized, garbage and over-rate
 * frames (./hostileSignalling.ts), reconnecting whatever the endpoint closes, until its
 * time is up. Bounded: at most `maxConnections` sockets in all and `durationMs` of work.
 * Loopback only: it refuses any address but 127.0.0.1.
 *
 *   node --import tsx test/fuzz/loadClient.ts <ws://127.0.0.1:port> <seed> <maxAttempts> <atOnce> <durationMs>
 *
 * Prints one line of JSON ({@link LoadClientFigures}) on stdout when done.
 */
import WebSocket from 'ws';
import { seededRandom } from '../helpers/seededRandom';
import { hostileFrames, randomTopic } from './hostileSignalling';

/** What the hostile process did and what the endpoint answered. */
export interface LoadClientFigures {
  /** Connection attempts, accepted ones, and refusals at the handshake by HTTP status. */
  attempts: number;
  opened: number;
  refused: Record<string, number>;
  /** Connections the endpoint closed, by WebSocket close code. */
  closedByEndpoint: Record<string, number>;
  framesSent: number;
  bytesSent: number;
}

const WAVE = 200;

async function main(): Promise<void> {
  const [url, seedText, maxText, atOnceText, durationText] = process.argv.slice(2);
  if (url === undefined || !url.startsWith('ws://127.0.0.1:'))
    throw new Error('loadClient: a ws://127.0.0.1:port address only');
  const random = seededRandom(Number(seedText ?? 1));
  const maxAttempts = Number(maxText ?? 3000);
  const atOnce = Number(atOnceText ?? 300);
  const deadline = performance.now() + Number(durationText ?? 5000);
  const figures: LoadClientFigures = {
    attempts: 0,
    opened: 0,
    refused: {},
    closedByEndpoint: {},
    framesSent: 0,
    bytesSent: 0,
  };
  const open = new Set<WebSocket>();
  const bump = (table: Record<string, number>, key: string | number): void => {
    table[key] = (table[key] ?? 0) + 1;
  };

  const connect = (): Promise<void> =>
    new Promise((resolve) => {
      figures.attempts++;
      const socket = new WebSocket(url, { perMessageDeflate: false });
      let opened = false;
      socket.on('error', () => undefined);
      socket.once('unexpected-response', (_request, response) => {
        bump(figures.refused, response.statusCode ?? 0);
        socket.terminate();
        resolve();
      });
      socket.once('open', () => {
        opened = true;
        figures.opened++;
        open.add(socket);
        // Past the per-connection topic limit: the endpoint refuses the extra ones.
        const topics = Array.from({ length: 80 }, () => randomTopic(random));
        socket.send(JSON.stringify({ type: 'subscribe', topics: topics.slice(0, 40) }));
        socket.send(JSON.stringify({ type: 'subscribe', topics: topics.slice(40) }));
        resolve();
      });
      socket.once('close', (code) => {
        open.delete(socket);
        if (opened) bump(figures.closedByEndpoint, code);
        else resolve();
      });
    });

  // Waves of up to 200 connections at once keep `atOnce` open (past the endpoint's limit),
  // replacing those the endpoint closes, until time or the budget of attempts runs out;
  // between waves every open connection sends one hostile frame (or burst).
  let topUp: Promise<unknown> = Promise.resolve();
  let toppingUp = false;
  while (performance.now() < deadline) {
    const missing = Math.min(WAVE, atOnce - open.size, maxAttempts - figures.attempts);
    if (!toppingUp && missing > 0) {
      toppingUp = true;
      topUp = Promise.all(Array.from({ length: missing }, connect)).then(() => (toppingUp = false));
    }
    for (const socket of open) {
      if (socket.readyState !== WebSocket.OPEN || socket.bufferedAmount > 1024 * 1024) continue;
      const input = hostileFrames(random, []);
      for (const frame of input.frames) {
        socket.send(frame.data, { binary: frame.binary });
        figures.framesSent++;
        figures.bytesSent += frame.data.length;
      }
    }
    // Let the sockets drain and the endpoint's answers arrive.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await topUp;
  for (const socket of open) socket.terminate();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
