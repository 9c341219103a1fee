import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startSignallingEndpoint,
  type LocalSignallingEndpoint,
  type SignallingEndpointOptions,
} from '../../../../../../electron/main/services/signalling/signallingEndpoint';
import { captureLogs } from '../../../fakes';
import {
  connectClient,
  isPong,
  publishOf,
  Refused,
  type SignallingClient,
} from './signallingClient';

const endpoints: LocalSignallingEndpoint[] = [];
const clients: SignallingClient[] = [];
let logs: ReturnType<typeof captureLogs>;

beforeEach(() => {
  logs = captureLogs();
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  await Promise.all(endpoints.splice(0).map((endpoint) => endpoint.close()));
  logs.restore();
});

async function endpoint(options: SignallingEndpointOptions = {}): Promise<LocalSignallingEndpoint> {
  const started = await startSignallingEndpoint({ host: '127.0.0.1', port: 0, ...options });
  endpoints.push(started);
  return started;
}

async function client(
  at: LocalSignallingEndpoint,
  options: Parameters<typeof connectClient>[1] = {},
): Promise<SignallingClient> {
  const connected = await connectClient(at.addresses[0]!, options);
  clients.push(connected);
  return connected;
}

async function refusal(at: LocalSignallingEndpoint, origin?: string): Promise<number> {
  const error: unknown = await connectClient(
    at.addresses[0]!,
    origin === undefined ? {} : { origin },
  ).then(
    (connected) => {
      clients.push(connected);
      return null;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Refused);
  return (error as Refused).status;
}

describe('the signalling endpoint limits', () => {
  it('closes a connection that sends a frame over the size limit, and only that one', async () => {
    const at = await endpoint({ limits: { maxFrameBytes: 1024 } });
    const [big, good] = await Promise.all([client(at), client(at)]);
    big.send({ type: 'subscribe', topics: ['t'] });
    big.send({ type: 'publish', topic: 't', data: 'x'.repeat(2000) });
    expect((await big.closed).code).toBe(1009);
    await good.roundTrip();
    expect(at.connectionCount).toBe(1);
  });

  it('takes at most the topic limit per connection, refusing the rest', async () => {
    const at = await endpoint({ limits: { maxTopicsPerConnection: 4 } });
    const [a, b] = await Promise.all([client(at), client(at)]);
    a.send({ type: 'subscribe', topics: ['t1', 't2', 't3'] });
    a.send({ type: 'subscribe', topics: ['t3', 't4', 't5'] });
    a.send({ type: 'subscribe', topics: ['t1', 't2', 't3', 't4', 't5'] });
    b.send({ type: 'subscribe', topics: ['t4', 't5'] });
    await Promise.all([a.roundTrip(), b.roundTrip()]);
    b.send({ type: 'publish', topic: 't4', data: 'four' });
    b.send({ type: 'publish', topic: 't5', data: 'five' });
    await a.waitFor(publishOf('t4', 'four'));
    await b.roundTrip();
    await a.roundTrip();
    expect(a.received.some(publishOf('t5', 'five'))).toBe(false);
    expect(logs.records.map((r) => r.detail?.reason)).toEqual(
      expect.arrayContaining([
        '1 topic(s) over the limit of this connection',
        'subscribe: too many topics in one message',
      ]),
    );
  });

  it('refuses a topic name over the length limit', async () => {
    const at = await endpoint({ limits: { maxTopicLength: 16 } });
    const [a, b] = await Promise.all([client(at), client(at)]);
    const long = 'r'.repeat(17);
    a.send({ type: 'subscribe', topics: [long] });
    b.send({ type: 'subscribe', topics: [long] });
    b.send({ type: 'publish', topic: long, data: 'x' });
    await Promise.all([a.roundTrip(), b.roundTrip()]);
    expect(a.received.filter((m) => !isPong(m))).toEqual([]);
    expect(logs.records.map((r) => r.detail?.reason)).toContain(
      'subscribe: a topic is not a string of the allowed length',
    );
  });

  it('refuses connections over the total at the handshake, and takes one again when a slot frees', async () => {
    const at = await endpoint({ limits: { maxConnections: 2 } });
    const first = await client(at);
    await client(at);
    expect(await refusal(at)).toBe(503);
    first.close();
    await first.closed;
    await expect.poll(() => at.connectionCount).toBe(1);
    await client(at);
    expect(at.connectionCount).toBe(2);
  });

  it("drops a connection's messages over its rate, and serves it again once its budget refills", async () => {
    let clock = 0;
    const at = await endpoint({
      limits: { messagesPerSecond: 10, messageBurst: 5 },
      now: () => clock,
    });
    const a = await client(at);
    for (let i = 0; i < 50; i++) a.send({ type: 'ping' });
    await a.waitFor(() => a.received.length >= 5);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(a.received).toHaveLength(5);
    // A second refills ten, but the bucket holds no more than the burst.
    clock += 1000;
    for (let i = 0; i < 50; i++) a.send({ type: 'ping' });
    await a.waitFor(() => a.received.length >= 10);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(a.received).toHaveLength(10);
    expect(logs.records.map((r) => r.detail?.reason)).toContain('over its message rate');
  });

  it('refuses pages that are not Hearth, and takes Hearth pages and plain clients', async () => {
    const at = await endpoint();
    expect(await refusal(at, 'https://example.com')).toBe(403);
    expect(await refusal(at, 'http://192.168.1.20:5173')).toBe(403);
    // A sandboxed iframe on any website, or a file on the disk, says `null`.
    expect(await refusal(at, 'null')).toBe(403);
    expect(await refusal(at, 'file://')).toBe(403);
    await client(at, { origin: 'http://127.0.0.1:5173' });
    await client(at, { origin: 'app://hearth' });
    await client(at);
    expect(at.connectionCount).toBe(3);
  });

  it('closes a connection that stops answering pings, and forgets its topics', async () => {
    const at = await endpoint({ pingIntervalMs: 100 });
    const silent = await client(at, { autoPong: false });
    const alive = await client(at);
    silent.send({ type: 'subscribe', topics: ['room'] });
    alive.send({ type: 'subscribe', topics: ['room'] });
    await Promise.all([silent.roundTrip(), alive.roundTrip()]);
    // Closed at all proves it: the test's own timeout is many ping intervals.
    await silent.closed;
    // The live client keeps answering pings on its own and stays.
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(at.connectionCount).toBe(1);
    alive.send({ type: 'publish', topic: 'room', data: 'anyone?' });
    await alive.roundTrip();
    const helper = await client(at);
    helper.send({ type: 'subscribe', topics: ['room'] });
    await helper.roundTrip();
    alive.send({ type: 'publish', topic: 'room', data: 'count' });
    expect(await helper.waitFor(publishOf('room', 'count'))).toMatchObject({ clients: 2 });
  });

  it('says goodbye (1001) to every client when it closes', async () => {
    const at = await endpoint();
    const a = await client(at);
    await at.close();
    expect((await a.closed).code).toBe(1001);
  });
});

describe('the signalling endpoint under a flood', () => {
  it('keeps relaying between two good clients while a third sends 1,000 garbage and oversized frames', async () => {
    const at = await endpoint({ limits: { maxFrameBytes: 4096 } });
    const [a, b] = await Promise.all([client(at), client(at)]);
    a.send({ type: 'subscribe', topics: ['room'] });
    b.send({ type: 'subscribe', topics: ['room'] });
    await Promise.all([a.roundTrip(), b.roundTrip()]);

    let bad = await client(at);
    let oversized = 0;
    const garbage = (i: number): string | Buffer => {
      switch (i % 6) {
        case 0:
          return '{"type":"publish","topic":';
        case 1:
          return JSON.stringify({ type: 'publish', topic: 'room', data: i });
        case 2:
          return Buffer.from(Array.from({ length: 64 }, (_, k) => (i * 31 + k) % 256));
        case 3:
          return JSON.stringify({ type: { nested: true }, topics: [i] });
        case 4:
          return JSON.stringify({ type: 'subscribe', topics: Array(200).fill('x') });
        default:
          return 'null';
      }
    };
    const sent: number[] = [];
    for (let i = 0; i < 1000; i++) {
      if (i % 100 === 99) {
        // Oversized: the endpoint closes the connection; the attacker comes back.
        bad.sendRaw('y'.repeat(8192));
        await bad.closed;
        oversized++;
        bad = await client(at);
      } else {
        bad.sendRaw(garbage(i));
      }
      if (i % 50 === 0) {
        a.send({ type: 'publish', topic: 'room', data: i });
        sent.push(i);
      }
    }
    for (const i of sent) await b.waitFor(publishOf('room', i), 5000);
    const relayed = b.received.filter((m) => (m as { type?: string }).type === 'publish');
    expect(relayed.map((m) => (m as { data: unknown }).data)).toEqual(sent);
    expect(oversized).toBe(10);
    expect(at.connectionCount).toBe(3);
    const late = await client(at);
    late.send({ type: 'ping' });
    await late.waitFor(isPong);
  });
});
