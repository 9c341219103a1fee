import { createServer, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startSignallingEndpoint,
  type LocalSignallingEndpoint,
} from '../../../../../../electron/main/services/signalling/signallingEndpoint';
import { captureLogs } from '../../../fakes';
import { connectClient, type SignallingClient } from './signallingClient';

const endpoints: LocalSignallingEndpoint[] = [];
const clients: SignallingClient[] = [];
const blockers: Server[] = [];
let logs: ReturnType<typeof captureLogs>;

beforeEach(() => {
  logs = captureLogs();
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  await Promise.all(endpoints.splice(0).map((endpoint) => endpoint.close()));
  for (const blocker of blockers.splice(0)) blocker.close();
  logs.restore();
});

// Takes a free port on 127.0.0.1 and keeps it, as another program would.
async function occupiedPort(): Promise<number> {
  const blocker = createServer();
  blockers.push(blocker);
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  return (blocker.address() as { port: number }).port;
}

describe('where the signalling endpoint listens', () => {
  it('on every address it is given, one port for all, 127.0.0.1 first', async () => {
    // Linux answers on all of 127/8, which stands in here for a laptop's LAN interfaces.
    const at = await startSignallingEndpoint({
      port: 0,
      listenAddresses: () => ['127.0.0.1', '127.0.0.2'],
    });
    endpoints.push(at);
    expect(at.addresses).toEqual([`ws://127.0.0.1:${at.port}`, `ws://127.0.0.2:${at.port}`]);
    const [a, b] = await Promise.all(at.addresses.map((url) => connectClient(url)));
    clients.push(a!, b!);
    a!.send({ type: 'subscribe', topics: ['room'] });
    b!.send({ type: 'subscribe', topics: ['room'] });
    await Promise.all([a!.roundTrip(), b!.roundTrip()]);
    a!.send({ type: 'publish', topic: 'room', data: 'across addresses' });
    await b!.waitFor((m) => (m as { data?: unknown }).data === 'across addresses');
  });

  it('follows interfaces: listens on one that appears and ends connections on one that goes', async () => {
    let addresses = ['127.0.0.1'];
    const changes: string[][] = [];
    const at = await startSignallingEndpoint({
      port: 0,
      listenAddresses: () => addresses,
      interfacePollMs: 30,
      onAddressesChange: (urls) => changes.push(urls),
    });
    endpoints.push(at);
    addresses = ['127.0.0.1', '127.0.0.3'];
    await expect.poll(() => at.hosts).toEqual(['127.0.0.1', '127.0.0.3']);
    expect(changes.at(-1)).toEqual([`ws://127.0.0.1:${at.port}`, `ws://127.0.0.3:${at.port}`]);
    const onLeaving = await connectClient(`ws://127.0.0.3:${at.port}`);
    const onStaying = await connectClient(`ws://127.0.0.1:${at.port}`);
    clients.push(onLeaving, onStaying);

    addresses = ['127.0.0.1'];
    await onLeaving.closed;
    await expect.poll(() => at.hosts).toEqual(['127.0.0.1']);
    expect(changes.at(-1)).toEqual([`ws://127.0.0.1:${at.port}`]);
    await onStaying.roundTrip();
  });

  it('starts on the addresses it can use when one listed has already gone', async () => {
    // Not an address of this machine: binding it fails locally, and nothing is sent.
    const at = await startSignallingEndpoint({
      port: 0,
      listenAddresses: () => ['127.0.0.1', '10.255.255.254'],
    });
    endpoints.push(at);
    expect(at.hosts).toEqual(['127.0.0.1']);
    expect(logs.records.map((record) => record.message)).toContain(
      'could not listen on an address; trying again later',
    );
  });

  it('takes a free port when the preferred one is taken and falling back is allowed', async () => {
    const taken = await occupiedPort();
    const at = await startSignallingEndpoint({
      host: '127.0.0.1',
      port: taken,
      fallbackToFreePort: true,
    });
    endpoints.push(at);
    expect(at.port).not.toBe(taken);
    expect(at.port).toBeGreaterThan(0);
  });

  it('fails to start when an explicit port is taken', async () => {
    const taken = await occupiedPort();
    await expect(startSignallingEndpoint({ host: '127.0.0.1', port: taken })).rejects.toMatchObject(
      { code: 'EADDRINUSE' },
    );
  });
});
