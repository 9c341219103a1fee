import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startSignallingEndpoint,
  type LocalSignallingEndpoint,
  type SignallingEndpointOptions,
} from '../../../../../../electron/main/services/signalling/signallingEndpoint';
import { captureLogs } from '../../../fakes';
import { connectClient, isPong, publishOf, type SignallingClient } from './signallingClient';

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

function droppedReasons(): string[] {
  return logs.records
    .filter((record) => record.message === 'dropped a signalling message')
    .map((record) => String(record.detail?.reason));
}

describe('the signalling endpoint relays', () => {
  it('a publish to the other subscribers of its topic only, never back to the sender', async () => {
    const at = await endpoint();
    const [a, b, c] = await Promise.all([client(at), client(at), client(at)]);
    a.send({ type: 'subscribe', topics: ['room-1'] });
    b.send({ type: 'subscribe', topics: ['room-1'] });
    c.send({ type: 'subscribe', topics: ['room-2'] });
    await Promise.all([a.roundTrip(), b.roundTrip(), c.roundTrip()]);

    a.send({ type: 'publish', topic: 'room-1', data: 'sealed offer' });
    expect(await b.waitFor(publishOf('room-1', 'sealed offer'))).toEqual({
      type: 'publish',
      topic: 'room-1',
      data: 'sealed offer',
      clients: 2,
    });
    await Promise.all([a.roundTrip(), c.roundTrip()]);
    expect(a.received.filter((m) => !isPong(m))).toEqual([]);
    expect(c.received.filter((m) => !isPong(m))).toEqual([]);
  });

  it('nothing more to a client once it unsubscribes', async () => {
    const at = await endpoint();
    const [a, b] = await Promise.all([client(at), client(at)]);
    a.send({ type: 'subscribe', topics: ['room-1'] });
    b.send({ type: 'subscribe', topics: ['room-1', 'room-2'] });
    await b.roundTrip();
    a.send({ type: 'publish', topic: 'room-1', data: 1 });
    await b.waitFor(publishOf('room-1', 1));
    b.send({ type: 'unsubscribe', topics: ['room-1'] });
    await b.roundTrip();
    a.send({ type: 'publish', topic: 'room-1', data: 2 });
    await a.roundTrip();
    await b.roundTrip();
    expect(b.received.some(publishOf('room-1', 2))).toBe(false);
  });

  it('any JSON data unchanged, and no field the sender added', async () => {
    const at = await endpoint();
    const [a, b] = await Promise.all([client(at), client(at)]);
    a.send({ type: 'subscribe', topics: ['t'] });
    b.send({ type: 'subscribe', topics: ['t'] });
    await Promise.all([a.roundTrip(), b.roundTrip()]);
    const data = { to: 'peer', signal: { sdp: 'v=0\r\n', list: [1, null, true] } };
    a.send({ type: 'publish', topic: 't', data, clients: 99, from: 'x' });
    expect(await b.waitFor(publishOf('t', data))).toEqual({
      type: 'publish',
      topic: 't',
      data,
      clients: 2,
    });
  });

  it('answers a ping message with a pong', async () => {
    const at = await endpoint();
    const a = await client(at);
    a.send({ type: 'ping' });
    expect(await a.waitFor(isPong)).toEqual({ type: 'pong' });
  });

  it('serves a short page to a member checking it in a browser', async () => {
    const at = await endpoint();
    const body = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      request(`http://127.0.0.1:${at.port}/`, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      })
        .on('error', reject)
        .end();
    });
    expect(body.status).toBe(200);
    expect(body.text).toMatch(/Hearth signalling endpoint/);
  });
});

describe('the signalling endpoint drops, with a logged reason and without closing', () => {
  it('malformed JSON, non-objects, unknown types and binary frames', async () => {
    const at = await endpoint();
    const [a, b] = await Promise.all([client(at), client(at)]);
    a.sendRaw('{not json');
    a.sendRaw('[1,2,3]');
    a.send({ type: 'shout', topics: ['x'] });
    a.send({ topics: ['x'] });
    a.sendRaw(Buffer.from([0, 1, 2, 3]));
    a.send({ type: 'subscribe', topics: 'room' });
    a.send({ type: 'subscribe', topics: ['ok', 7] });
    a.send({ type: 'publish', topic: 'ok' });
    await a.roundTrip();
    expect(droppedReasons().slice(0, 3)).toEqual([
      'not JSON',
      'not a JSON object',
      'unknown type "shout"',
    ]);
    const summary = logs.records.filter((r) => r.message === 'dropped more signalling messages');
    expect(summary).toEqual([]);

    // Still a working connection.
    a.send({ type: 'subscribe', topics: ['ok'] });
    b.send({ type: 'subscribe', topics: ['ok'] });
    await Promise.all([a.roundTrip(), b.roundTrip()]);
    a.send({ type: 'publish', topic: 'ok', data: 'still here' });
    await b.waitFor(publishOf('ok', 'still here'));
  });

  it('a publish to a topic the sender has not subscribed to', async () => {
    const at = await endpoint();
    const [a, b] = await Promise.all([client(at), client(at)]);
    b.send({ type: 'subscribe', topics: ['room'] });
    await b.roundTrip();
    a.send({ type: 'publish', topic: 'room', data: 'sneaky' });
    await a.roundTrip();
    await b.roundTrip();
    expect(b.received.some(publishOf('room', 'sneaky'))).toBe(false);
    expect(droppedReasons()).toEqual(['publish to a topic it has not subscribed to']);
  });
});
