import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startEndpointDiscovery,
  type EndpointDiscovery,
  type EndpointDiscoveryOptions,
} from '../../../../../../electron/main/services/discovery/endpointDiscovery';
import {
  serviceRecords,
  type DiscoveredPeer,
} from '../../../../../../electron/main/services/discovery/hearthService';
import { captureLogs } from '../../../fakes';
import { fakeAnnouncer, privateMdnsPort, tapGroup, type FakeAnnouncer } from './mdnsTestNetwork';

// mDNS on loopback works on Linux once the socket is bound to the wildcard address and
// joins the group on 127.0.0.1 (checked on this machine); these tests rely on it.
const MDNS_PORT = privateMdnsPort(1);
const running: EndpointDiscovery[] = [];
const fakes: FakeAnnouncer[] = [];
let logs: ReturnType<typeof captureLogs>;

beforeEach(() => {
  logs = captureLogs();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((discovery) => discovery.close()));
  await Promise.all(fakes.splice(0).map((fake) => fake.vanish()));
  logs.restore();
});

interface Watched {
  discovery: EndpointDiscovery;
  ups: DiscoveredPeer[];
  downs: DiscoveredPeer[];
}

function discover(port: number, options: Partial<EndpointDiscoveryOptions> = {}): Watched {
  const ups: DiscoveredPeer[] = [];
  const downs: DiscoveredPeer[] = [];
  const discovery = startEndpointDiscovery({
    port,
    interfaces: ['127.0.0.1'],
    mdnsPort: MDNS_PORT,
    onUp: (peer) => ups.push(peer),
    onDown: (peer) => downs.push(peer),
    ...options,
  });
  running.push(discovery);
  return { discovery, ups, downs };
}

function urlsOf(watched: Watched): string[] {
  return watched.discovery.urls();
}

describe('discovery on loopback', () => {
  it("finds the other Hearth's endpoint, never its own", async () => {
    const started = performance.now();
    const a = discover(4101);
    const b = discover(4102);
    await expect
      .poll(() => urlsOf(a), { timeout: 5000, interval: 5 })
      .toEqual(['ws://127.0.0.1:4102']);
    await expect
      .poll(() => urlsOf(b), { timeout: 5000, interval: 5 })
      .toEqual(['ws://127.0.0.1:4101']);
    console.log(
      `discovery on loopback: both found in ${Math.round(performance.now() - started)} ms`,
    );
    expect(a.ups).toEqual([{ instance: b.discovery.instance, urls: ['ws://127.0.0.1:4102'] }]);
    expect(a.discovery.instance).toMatch(/^hearth-[0-9a-f]{16}$/);
  });

  it('forgets a Hearth that says goodbye', async () => {
    const a = discover(4201);
    const b = discover(4202);
    await expect.poll(() => urlsOf(a), { timeout: 5000 }).toEqual(['ws://127.0.0.1:4202']);
    await b.discovery.close();
    await expect.poll(() => urlsOf(a), { timeout: 5000 }).toEqual([]);
    expect(a.downs).toEqual([{ instance: b.discovery.instance, urls: ['ws://127.0.0.1:4202'] }]);
  });

  it('forgets a Hearth that went silent without a goodbye, after the stale time', async () => {
    const a = discover(4301, { censusIntervalMs: 100, staleAfterMs: 300 });
    const silent = fakeAnnouncer(MDNS_PORT);
    fakes.push(silent);
    await silent.announce(
      serviceRecords({ instance: 'hearth-00000000000000aa', address: '127.0.0.1', port: 4302 }),
    );
    await expect.poll(() => urlsOf(a), { timeout: 5000 }).toEqual(['ws://127.0.0.1:4302']);
    // Still present while it answers the censuses.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(urlsOf(a)).toEqual(['ws://127.0.0.1:4302']);
    await silent.vanish();
    fakes.pop();
    const gone = performance.now();
    await expect.poll(() => urlsOf(a), { timeout: 5000 }).toEqual([]);
    expect(performance.now() - gone).toBeGreaterThan(150);
    expect(a.downs.map((peer) => peer.instance)).toEqual(['hearth-00000000000000aa']);
  });

  it('ignores announcements of another protocol version or of addresses outside the room', async () => {
    const a = discover(4401);
    const fake = fakeAnnouncer(MDNS_PORT);
    fakes.push(fake);
    const records = (instance: string, address: string) =>
      serviceRecords({ instance, address, port: 4402 });
    const otherVersion = records('hearth-00000000000000b1', '127.0.0.1').map((record) =>
      record.type === 'TXT' ? { ...record, data: [Buffer.from('v=2')] } : record,
    );
    await fake.announce(otherVersion);
    await fake.announce(records('hearth-00000000000000b2', '8.8.8.8'));
    await fake.announce(records('hearth-00000000000000b3', '192.168.7.7'));
    await expect.poll(() => urlsOf(a), { timeout: 5000 }).toEqual(['ws://192.168.7.7:4402']);
    expect(logs.records.map((record) => record.detail?.reason)).toEqual(
      expect.arrayContaining(['signalling protocol version 2', 'no LAN IPv4 address']),
    );
  });

  it('keeps at most maxPeers, however many announce', async () => {
    const a = discover(4501, { maxPeers: 2 });
    const fake = fakeAnnouncer(MDNS_PORT);
    fakes.push(fake);
    for (let i = 0; i < 5; i++) {
      await fake.announce(
        serviceRecords({
          instance: `hearth-00000000000000c${i}`,
          address: '127.0.0.1',
          port: 4510 + i,
        }),
      );
    }
    await expect.poll(() => a.discovery.peers().length, { timeout: 5000 }).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(a.discovery.peers()).toHaveLength(2);
    expect(logs.records.map((record) => record.message)).toContain(
      'too many Hearths announced; ignoring more',
    );
  });

  it('starts and stops mDNS as interfaces come and go', async () => {
    const a = discover(4601, { interfaces: [] });
    const b = discover(4602);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(urlsOf(a)).toEqual([]);
    a.discovery.setInterfaces(['127.0.0.1']);
    await expect.poll(() => urlsOf(a), { timeout: 5000 }).toEqual(['ws://127.0.0.1:4602']);
    expect(a.discovery.interfaces).toEqual(['127.0.0.1']);
    a.discovery.setInterfaces([]);
    await expect.poll(() => urlsOf(b), { timeout: 5000 }).toEqual([]);
  });

  it('survives 2,000 malformed, truncated and mutated mDNS packets and still finds a Hearth', async () => {
    const tap = await tapGroup(MDNS_PORT);
    try {
      const a = discover(4701);
      discover(4702);
      await expect.poll(() => urlsOf(a), { timeout: 5000 }).toEqual(['ws://127.0.0.1:4702']);
      await expect.poll(() => tap.packets.length).toBeGreaterThan(2);
      const samples = [...tap.packets];
      let seed = 0x5eed;
      const random = (below: number): number => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed % below;
      };
      for (let i = 0; i < 2000; i++) {
        const sample = Buffer.from(samples[i % samples.length]!);
        switch (i % 4) {
          case 0:
            {
              const at = random(sample.length);
              sample.writeUInt8(sample.readUInt8(at) ^ (1 << random(8)), at);
            }
            break;
          case 1:
            for (let k = 0; k < 8; k++) sample[random(sample.length)] = random(256);
            break;
          case 2:
            await tap.send(sample.subarray(0, random(sample.length)));
            continue;
          default:
            await tap.send(Buffer.from(Array.from({ length: random(300) }, () => random(256))));
            continue;
        }
        await tap.send(sample);
      }
      // Mutated announcements may add made-up peers; what matters is that discovery still works.
      const c = discover(4703);
      await expect.poll(() => urlsOf(a), { timeout: 5000 }).toContain('ws://127.0.0.1:4703');
      expect(urlsOf(c)).toContain('ws://127.0.0.1:4701');
    } finally {
      tap.close();
    }
  });
});
