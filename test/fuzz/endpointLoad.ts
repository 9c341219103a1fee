/**
 * The signalling endpoint under load from a second process, on 127.0.0.1 only
 * (`npm run fuzz -- --load`). The endpoint runs here with its default limits; two good
 * clients (./relayPair.ts) exchange numbered publishes for a quiet second, then
 * throughout the flood; ./loadClient.ts, a child process, opens connections in waves of
 * 200 past the endpoint's limit and floods them with oversized, garbage and over-rate
 * frames. Everything is bounded: the child's connection budget and duration, and a kill
 * timer on the child.
 *
 * Figures: the good clients' delivery latency (p50/p95, quiet and under flood), relays
 * lost or out of order (both must be 0), connections refused at the handshake (503),
 * frames the endpoint dropped or closed connections for, and the child's own counts.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  startSignallingEndpoint,
  type LocalSignallingEndpoint,
} from '../../electron/main/services/signalling/signallingEndpoint';
import { setLogSink, type LogRecord } from '../../shared/log';
import { millis, type TableRow } from './fuzzTable';
import { percentile } from './fuzzTarget';
import type { LoadClientFigures } from './loadClient';
import { startRelayPair, type RelayFigures } from './relayPair';

/** How big the load is; the defaults are what `--load` runs. */
export interface LoadOptions {
  seed: number;
  /** Connections the hostile process tries in all. */
  connections?: number;
  /** Connections it keeps open at once (the endpoint's limit is 256). */
  atOnce?: number;
  /** How long the hostile process floods. */
  floodMs?: number;
  /** The good clients' publish interval. */
  intervalMs?: number;
}

/** What the load run measured. */
export interface LoadFigures {
  quiet: RelayFigures;
  flood: RelayFigures;
  hostile: LoadClientFigures | null;
  /** The child's exit code (null when it had to be killed). */
  childExit: number | null;
  /** Frames the endpoint dropped (malformed, binary, over rate, unsubscribed), from its log. */
  framesDropped: number;
  /** Handshakes the endpoint refused, from its log. */
  connectionsRefused: number;
  /** The most connections the endpoint held at once (polled every 20 ms), good clients included. */
  endpointPeak: number;
  /** Exceptions that escaped the endpoint (uncaught in this process). */
  uncaught: number;
  /** Relays lost and out of order, quiet and flood together. */
  lost: number;
  outOfOrder: number;
  crashed: boolean;
  elapsedMs: number;
}

function countEndpointLog(record: LogRecord, counts: { dropped: number; refused: number }): void {
  if (record.scope !== 'signalling') return;
  if (record.message === 'dropped a signalling message') counts.dropped++;
  else if (record.message === 'dropped more signalling messages')
    counts.dropped += Number(record.detail?.count ?? 0);
  else if (record.message === 'refused a signalling connection') counts.refused++;
}

function runHostileProcess(
  url: string,
  options: Required<LoadOptions>,
): Promise<{ figures: LoadClientFigures | null; exit: number | null }> {
  const script = join(import.meta.dirname, 'loadClient.ts');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      script,
      url,
      String(options.seed),
      String(options.connections),
      String(options.atOnce),
      String(options.floodMs),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  // The child stops itself after floodMs; this is the bound if it does not.
  const killer = setTimeout(() => child.kill('SIGKILL'), options.floodMs + 30_000);
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      clearTimeout(killer);
      resolve({ figures: lastJsonLine(out), exit: code });
    });
  });
}

// The child's report: the last line it printed, if it is JSON.
function lastJsonLine(out: string): LoadClientFigures | null {
  const line = out.trim().split('\n').at(-1);
  if (line === undefined || line === '') return null;
  try {
    return JSON.parse(line) as LoadClientFigures;
  } catch {
    return null;
  }
}

/** Runs the load and returns its figures. */
export async function runEndpointLoad(options: LoadOptions): Promise<LoadFigures> {
  const settings: Required<LoadOptions> = {
    connections: 3_000,
    atOnce: 300,
    floodMs: 8_000,
    intervalMs: 25,
    ...options,
  };
  const started = performance.now();
  const counts = { dropped: 0, refused: 0 };
  const restoreLog = setLogSink((record) => countEndpointLog(record, counts));
  let uncaught = 0;
  const onUncaught = (): void => {
    uncaught++;
  };
  process.on('uncaughtException', onUncaught);
  let endpoint: LocalSignallingEndpoint | null = null;
  try {
    endpoint = await startSignallingEndpoint({ host: '127.0.0.1', port: 0 });
    const url = endpoint.addresses[0]!;
    const quietPair = await startRelayPair(url, 'quiet-topic', { intervalMs: settings.intervalMs });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const quiet = await quietPair.stop();
    const floodPair = await startRelayPair(url, 'flood-topic', { intervalMs: settings.intervalMs });
    let endpointPeak = 0;
    const open = endpoint;
    const poll = setInterval(() => {
      endpointPeak = Math.max(endpointPeak, open.connectionCount);
    }, 20);
    const hostile = await runHostileProcess(url, settings).finally(() => {
      clearInterval(poll);
    });
    const flood = await floodPair.stop(5000);
    const lost = quiet.lost + flood.lost;
    const outOfOrder = quiet.outOfOrder + flood.outOfOrder;
    return {
      quiet,
      flood,
      hostile: hostile.figures,
      childExit: hostile.exit,
      framesDropped: counts.dropped,
      connectionsRefused: counts.refused,
      endpointPeak,
      uncaught,
      lost,
      outOfOrder,
      crashed: uncaught > 0 || hostile.exit !== 0,
      elapsedMs: performance.now() - started,
    };
  } finally {
    await endpoint?.close();
    process.off('uncaughtException', onUncaught);
    restoreLog();
  }
}

/** The load run as a row of the fuzz table. */
export function loadRow(figures: LoadFigures): TableRow {
  const sorted = [...figures.flood.latencies].sort((a, b) => a - b);
  const quiet = [...figures.quiet.latencies].sort((a, b) => a - b);
  const hostile = figures.hostile;
  const refused =
    hostile === null
      ? 'n/a'
      : Object.entries(hostile.refused)
          .map(([status, n]) => `${n}×${status}`)
          .join(', ') || 'none';
  const closes =
    hostile === null
      ? 'n/a'
      : Object.entries(hostile.closedByEndpoint)
          .map(([code, n]) => `${n}×${code}`)
          .join(', ') || 'none';
  return [
    'endpoint under load (2nd process)',
    (hostile?.framesSent ?? 0).toLocaleString('en-GB'),
    String(figures.crashed ? Math.max(1, figures.uncaught) : 0),
    '0',
    String(figures.lost + figures.outOfOrder),
    millis(percentile(sorted, 50)),
    millis(percentile(sorted, 99)),
    millis(percentile(sorted, 99.9)),
    `good clients under flood: ${figures.flood.received}/${figures.flood.sent} relays, p50 ${millis(percentile(sorted, 50))}, ` +
      `p95 ${millis(percentile(sorted, 95))} (quiet: p50 ${millis(percentile(quiet, 50))}, p95 ${millis(percentile(quiet, 95))}), ` +
      `${figures.lost} lost, ${figures.outOfOrder} out of order; hostile process: ${hostile?.attempts ?? 0} connection attempts, ` +
      `${hostile?.opened ?? 0} opened, refused ${refused}, closed by the endpoint ${closes}, ` +
      `${((hostile?.bytesSent ?? 0) / 1e6).toFixed(1)} MB sent; endpoint dropped ${figures.framesDropped.toLocaleString('en-GB')} frames, ` +
      `refused ${figures.connectionsRefused} handshakes, held at most ${figures.endpointPeak} connections at once ` +
      `(${(figures.elapsedMs / 1000).toFixed(1)} s)`,
  ];
}
