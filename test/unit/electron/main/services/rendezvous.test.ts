import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SignallingEndpoint } from '../../../../../shared/ipc/contract';
import { openHearthServices } from '../../../../../electron/main/services/hearthServices';
import { FileKeyVault } from '../../../../../electron/main/services/keys/fileKeyVault';
import {
  mdnsInterfacesFor,
  startRendezvous,
  type Rendezvous,
} from '../../../../../electron/main/services/rendezvous';
import { captureLogs } from '../../fakes';
import { privateMdnsPort } from './discovery/mdnsTestNetwork';

const MDNS_PORT = privateMdnsPort(2);
const running: Rendezvous[] = [];
let logs: ReturnType<typeof captureLogs>;

beforeEach(() => {
  logs = captureLogs();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((rendezvous) => rendezvous.close()));
  logs.restore();
});

async function rendezvous(changes: SignallingEndpoint[][] = []): Promise<Rendezvous> {
  const started = await startRendezvous({
    signalling: { host: '127.0.0.1', port: 0 },
    discovery: { mdnsPort: MDNS_PORT },
    onChange: (endpoints) => changes.push(endpoints),
  });
  running.push(started);
  return started;
}

describe('the rendezvous', () => {
  it("lists this laptop's endpoint, then the endpoints it discovers, and reports each change", async () => {
    const changesOfA: SignallingEndpoint[][] = [];
    const a = await rendezvous(changesOfA);
    const own = { url: `ws://127.0.0.1:${a.endpoint.port}`, source: 'this-laptop' };
    expect(a.endpoints()).toEqual([own]);

    const b = await rendezvous();
    const found = { url: `ws://127.0.0.1:${b.endpoint.port}`, source: 'discovered' };
    await expect.poll(() => a.endpoints(), { timeout: 5000 }).toEqual([own, found]);
    expect(changesOfA).toEqual([[own, found]]);

    await b.close();
    await expect.poll(() => a.endpoints(), { timeout: 5000 }).toEqual([own]);
    expect(changesOfA.at(-1)).toEqual([own]);
  });

  it('runs no mDNS when discovery is off', async () => {
    const quiet = await startRendezvous({
      signalling: { host: '127.0.0.1', port: 0 },
      discovery: false,
    });
    running.push(quiet);
    expect(quiet.discovery).toBeNull();
    const other = await rendezvous();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(quiet.endpoints().map((endpoint) => endpoint.source)).toEqual(['this-laptop']);
    expect(other.endpoints().map((endpoint) => endpoint.source)).toEqual(['this-laptop']);
  });

  it('runs mDNS on the LAN addresses, or on loopback when that is all the endpoint has', () => {
    expect(mdnsInterfacesFor(['127.0.0.1', '192.168.1.20', '10.0.0.3'])).toEqual([
      '192.168.1.20',
      '10.0.0.3',
    ]);
    expect(mdnsInterfacesFor(['127.0.0.1'])).toEqual(['127.0.0.1']);
  });

  it('answers hearth:sync:endpoints through the backend', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'hearth-rendezvous-'));
    try {
      const a = await rendezvous();
      const backend = await openHearthServices({
        dataDir,
        keyVault: FileKeyVault.inDataDir(dataDir),
        appInfo: { mode: 'browser', version: '0.1.0' },
        emit: () => undefined,
        endpoints: () => a.endpoints(),
      });
      expect(await backend.handlers['hearth:sync:endpoints']()).toEqual([
        { url: `ws://127.0.0.1:${a.endpoint.port}`, source: 'this-laptop' },
      ]);
      await backend.close();
      const alone = await openHearthServices({
        dataDir,
        keyVault: FileKeyVault.inDataDir(dataDir),
        appInfo: { mode: 'browser', version: '0.1.0' },
        emit: () => undefined,
      });
      expect(await alone.handlers['hearth:sync:endpoints']()).toEqual([]);
      await alone.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
