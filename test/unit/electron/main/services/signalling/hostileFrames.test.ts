import { afterEach, describe, expect, it } from 'vitest';
import {
  startSignallingEndpoint,
  type LocalSignallingEndpoint,
} from '../../../../../../electron/main/services/signalling/signallingEndpoint';
import { captureLogs } from '../../../fakes';
import { connectClient, publishOf, type SignallingClient } from './signallingClient';

let endpoint: LocalSignallingEndpoint | null = null;
const clients: SignallingClient[] = [];
let logs: ReturnType<typeof captureLogs> | null = null;

afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  await endpoint?.close();
  logs?.restore();
});

describe('hostile frames found by the fuzzer (test/fuzz/signallingFrames.ts)', () => {
  it('drops a publish nested too deep to relay, and keeps the connection and the endpoint serving', async () => {
    logs = captureLogs();
    endpoint = await startSignallingEndpoint({ host: '127.0.0.1', port: 0 });
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown): void => {
      uncaught.push(error);
    };
    process.on('uncaughtException', onUncaught);
    try {
      const [hostile, listener] = await Promise.all([
        connectClient(endpoint.addresses[0]!),
        connectClient(endpoint.addresses[0]!),
      ]);
      clients.push(hostile, listener);
      hostile.send({ type: 'subscribe', topics: ['t'] });
      listener.send({ type: 'subscribe', topics: ['t'] });
      await Promise.all([hostile.roundTrip(), listener.roundTrip()]);
      // JSON.parse takes this; JSON.stringify, relaying it, overflows the stack.
      const depth = 20_000;
      hostile.sendRaw(
        `{"type":"publish","topic":"t","data":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      );
      await hostile.roundTrip();
      hostile.send({ type: 'publish', topic: 't', data: 'still here' });
      await listener.waitFor(publishOf('t', 'still here'));
      expect(uncaught).toEqual([]);
      expect(logs.records.map((r) => r.detail?.reason)).toContain(
        'a message that could not be handled (RangeError)',
      );
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
