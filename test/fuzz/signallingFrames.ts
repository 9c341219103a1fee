/**
 * Fuzz target: signalling messages sent to the real endpoint on 127.0.0.1, with its
 * default limits. A pool of hostile connections sends frames from ./hostileSignalling.ts;
 * each is retired after at most {@link FRAMES_PER_CONNECTION} frames (so most frames get
 * past the rate limit and reach the parser) or when the endpoint closes it. Throughout,
 * two good clients (./relayPair.ts) exchange numbered publishes on a topic the hostile
 * connections do not know.
 *
 * A case is one hostile frame followed by a ping on the same connection; its time is
 * until the pong (the endpoint has handled the frame) or, for a frame that closes the
 * connection, until the close. Crashes: exceptions that escape the endpoint's handlers
 * (uncaught in this process, where the endpoint runs). Violations: a frame expected to
 * close its connection that did not, a connection that closed without cause, a case with
 * neither pong nor close within 2 s, and every relay the good clients lost.
 */
import WebSocket from 'ws';
import {
  startSignallingEndpoint,
  type LocalSignallingEndpoint,
} from '../../electron/main/services/signalling/signallingEndpoint';
import { setLogSink } from '../../shared/log';
import type { SeededRandom } from '../helpers/seededRandom';
import { Tally, type FuzzTarget, type PreparedTarget } from './fuzzTarget';
import { hostileFrames, randomTopic } from './hostileSignalling';
import { startRelayPair } from './relayPair';

/** Frames (hostile plus ping) one hostile connection sends before it is replaced. */
const FRAMES_PER_CONNECTION = 150;
const POOL_SIZE = 12;
const CASE_TIMEOUT_MS = 2000;

interface Hostile {
  socket: WebSocket;
  frames: number;
  topics: string[];
  closed: boolean;
  /** Settles the case under way on this connection. */
  wake: ((how: 'pong' | 'closed') => void) | null;
}

function openHostile(url: string, random: SeededRandom): Promise<Hostile> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const hostile: Hostile = { socket, frames: 0, topics: [], closed: false, wake: null };
    socket.on('error', () => undefined);
    socket.on('message', (data: Buffer, isBinary) => {
      if (!isBinary && data.length < 64 && data.toString('utf8').includes('"pong"')) {
        hostile.wake?.('pong');
      }
    });
    socket.on('close', () => {
      hostile.closed = true;
      hostile.wake?.('closed');
    });
    socket.once('open', () => {
      // A few topics of its own, so publishes and unsubscribes have something to aim at.
      hostile.topics = Array.from({ length: random.int(1, 4) }, () => randomTopic(random));
      socket.send(JSON.stringify({ type: 'subscribe', topics: hostile.topics }));
      hostile.frames = 1;
      resolve(hostile);
    });
    socket.once('unexpected-response', (_request, response) => {
      reject(new Error(`the endpoint refused a connection (${response.statusCode ?? 0})`));
    });
    socket.once('error', reject);
  });
}

/** Signalling frames from many hostile connections to a real endpoint. */
export const signallingFramesTarget: FuzzTarget = {
  name: 'signalling messages to the endpoint',
  defaultCases: 20_000,
  smokeCases: 3_000,
  async prepare(random): Promise<PreparedTarget> {
    let caughtErrors = 0;
    const restoreLog = setLogSink((record) => {
      if (record.level === 'error') caughtErrors++;
    });
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown): void => {
      uncaught.push(error);
    };
    process.on('uncaughtException', onUncaught);
    const endpoint: LocalSignallingEndpoint = await startSignallingEndpoint({
      host: '127.0.0.1',
      port: 0,
    });
    const url = endpoint.addresses[0]!;
    const pair = await startRelayPair(url, randomTopic(random) + 'secret');
    const pool: (Hostile | null)[] = Array.from({ length: POOL_SIZE }, () => null);
    const kinds = new Tally();
    let connections = 0;
    let relayNote = '';

    return {
      async runCase(caseRandom, index) {
        const slot = caseRandom.int(0, POOL_SIZE - 1);
        let hostile = pool[slot];
        if (
          hostile === null ||
          hostile === undefined ||
          hostile.closed ||
          hostile.frames >= FRAMES_PER_CONNECTION
        ) {
          hostile?.socket.terminate();
          hostile = await openHostile(url, caseRandom);
          connections++;
          pool[slot] = hostile;
        }
        const input = hostileFrames(caseRandom, hostile.topics);
        kinds.add(input.kind);
        const uncaughtBefore = uncaught.length;
        const t0 = performance.now();
        const settled = new Promise<'pong' | 'closed' | 'timeout'>((resolve) => {
          const timer = setTimeout(() => resolve('timeout'), CASE_TIMEOUT_MS);
          hostile.wake = (how) => {
            clearTimeout(timer);
            resolve(how);
          };
        });
        for (const frame of input.frames) hostile.socket.send(frame.data, { binary: frame.binary });
        if (input.kind !== 'rate burst') hostile.socket.send('{"type":"ping"}');
        hostile.frames += input.frames.length + 1;
        // A burst spends the connection's allowance: its ping would be dropped, so only the
        // round trip of a fresh connection's ping tells that the endpoint is still there.
        const how = input.kind === 'rate burst' ? await burstSettled(hostile, url) : await settled;
        hostile.wake = null;
        const measuredMs = performance.now() - t0;
        const violations: string[] = [];
        for (const error of uncaught.slice(uncaughtBefore)) {
          throw error instanceof Error ? error : new Error(String(error));
        }
        if (how === 'timeout')
          violations.push(
            `case ${index} (${input.kind}): no pong and no close in ${CASE_TIMEOUT_MS} ms`,
          );
        if (input.closes && how === 'pong')
          violations.push(
            `case ${index} (${input.kind}): an oversized or non-UTF-8 frame left the connection open`,
          );
        if (!input.closes && how === 'closed')
          violations.push(`case ${index} (${input.kind}): the endpoint closed the connection`);
        if (input.kind === 'rate burst') hostile.frames = FRAMES_PER_CONNECTION;
        return { violations, measuredMs };
      },
      summary() {
        return `frames by kind: ${kinds.toString()}; ${connections} hostile connections; ${relayNote}; errors logged ${caughtErrors}`;
      },
      async dispose() {
        const figures = await pair.stop();
        relayNote = `good clients: ${figures.received}/${figures.sent} relays arrived, ${figures.lost} lost, ${figures.outOfOrder} out of order`;
        for (const hostile of pool) hostile?.socket.terminate();
        await endpoint.close();
        process.off('uncaughtException', onUncaught);
        restoreLog();
        return figures.lost > 0 || figures.outOfOrder > 0
          ? [`the good clients lost ${figures.lost} relays, ${figures.outOfOrder} out of order`]
          : [];
      },
    };
  },
};

// After a burst over the rate limit: the connection is still open and the endpoint
// still answers a fresh connection's ping.
async function burstSettled(hostile: Hostile, url: string): Promise<'pong' | 'closed' | 'timeout'> {
  if (hostile.closed) return 'closed';
  const probe = new WebSocket(url);
  probe.on('error', () => undefined);
  const how = await new Promise<'pong' | 'timeout'>((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), CASE_TIMEOUT_MS);
    probe.once('open', () => probe.send('{"type":"ping"}'));
    probe.once('message', () => {
      clearTimeout(timer);
      resolve('pong');
    });
  });
  probe.terminate();
  // Read through a function: the close may have come while this waited.
  return isClosed(hostile) ? 'closed' : how;
}

function isClosed(hostile: Hostile): boolean {
  return hostile.closed;
}
