/**
 * One "laptop" for the network-namespace discovery test: run inside a namespace with
 * `ip netns exec <ns> node --import tsx netnsLaptop.ts`, it starts the rendezvous as a
 * shell would (the endpoint on loopback and every LAN address, mDNS on the standard
 * port) and speaks JSON lines:
 *
 *   stdout  {"event":"endpoints","atMs":<since start>,"endpoints":[...]}   at start and on
 *           every change (every line also carries `epochMs`, Date.now())
 *           {"event":"subscribed","topic"}  {"event":"received","topic","data"}
 *   stdin   {"cmd":"subscribe","url","topic"}   a signalling client joins `topic` at `url`
 *           {"cmd":"publish","topic","data"}    that client publishes
 *
 * Log lines go to stderr. SIGTERM closes everything (saying goodbye on mDNS).
 */
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { startRendezvous } from '../../../../../../electron/main/services/rendezvous';
import { setLogSink } from '../../../../../../shared/log';

setLogSink((record) => {
  process.stderr.write(
    `[${record.scope}] ${record.message} ${JSON.stringify(record.detail ?? {})}\n`,
  );
});

const started = performance.now();
// `epochMs` lets the test line up events of the two laptops on the machine's one clock.
const say = (message: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify({ ...message, epochMs: Date.now() })}\n`);
};

const rendezvous = await startRendezvous({
  discovery: { censusIntervalMs: 1000 },
  onChange: (endpoints) => {
    say({ event: 'endpoints', atMs: Math.round(performance.now() - started), endpoints });
  },
});
say({
  event: 'endpoints',
  atMs: Math.round(performance.now() - started),
  endpoints: rendezvous.endpoints(),
});

const clients = new Map<string, WebSocket>();
createInterface({ input: process.stdin }).on('line', (line) => {
  const command = JSON.parse(line) as { cmd: string; url?: string; topic: string; data?: unknown };
  if (command.cmd === 'subscribe') {
    const socket = new WebSocket(command.url!);
    clients.set(command.topic, socket);
    socket.on('open', () => {
      socket.send(JSON.stringify({ type: 'subscribe', topics: [command.topic] }));
      socket.send(JSON.stringify({ type: 'ping' }));
    });
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as {
        type: string;
        topic?: string;
        data?: unknown;
      };
      if (message.type === 'pong') say({ event: 'subscribed', topic: command.topic });
      if (message.type === 'publish')
        say({ event: 'received', topic: message.topic, data: message.data });
    });
    socket.on('error', (error) => say({ event: 'error', error: String(error) }));
  } else if (command.cmd === 'publish') {
    clients
      .get(command.topic)
      ?.send(JSON.stringify({ type: 'publish', topic: command.topic, data: command.data }));
  }
});

process.on('SIGTERM', () => {
  for (const socket of clients.values()) socket.terminate();
  void rendezvous.close().then(() => process.exit(0));
});
