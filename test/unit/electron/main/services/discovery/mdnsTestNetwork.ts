/**
 * mDNS on loopback for discovery tests: a private mDNS port per test process (so tests
 * never meet a real Hearth, nor each other's files), a raw socket on the group to
 * capture and inject packets, and a fake announcer that says whatever a test wants.
 */
import { createSocket, type Socket } from 'node:dgram';
import { Bonjour } from 'bonjour-service';
import type { MdnsRecord } from '../../../../../../electron/main/services/discovery/hearthService';

/** The mDNS group address. */
export const MDNS_GROUP = '224.0.0.251';

/** An mDNS port for this test process only. */
export function privateMdnsPort(salt: number): number {
  return 40_000 + ((process.pid * 7 + salt) % 20_000);
}

/** A raw UDP socket in the mDNS group on loopback: records what is sent and sends bytes. */
export interface GroupTap {
  readonly packets: Buffer[];
  send(packet: Buffer): Promise<void>;
  close(): void;
}

/** Joins the group on 127.0.0.1 at `port`. */
export async function tapGroup(port: number): Promise<GroupTap> {
  const socket: Socket = createSocket({ type: 'udp4', reuseAddr: true });
  const packets: Buffer[] = [];
  socket.on('message', (message) => packets.push(message));
  await new Promise<void>((resolve) => socket.bind(port, '0.0.0.0', resolve));
  socket.addMembership(MDNS_GROUP, '127.0.0.1');
  socket.setMulticastInterface('127.0.0.1');
  socket.setMulticastLoopback(true);
  return {
    packets,
    send: (packet) =>
      new Promise((resolve, reject) => {
        socket.send(packet, port, MDNS_GROUP, (error) => (error ? reject(error) : resolve()));
      }),
    close: () => socket.close(),
  };
}

/** Announces arbitrary records on loopback, then vanishes without a goodbye. */
export interface FakeAnnouncer {
  announce(records: MdnsRecord[]): Promise<void>;
  /** Stops answering, saying nothing (a laptop whose lid closed). */
  vanish(): Promise<void>;
}

/** A fake announcer on loopback at mDNS port `port`. */
export function fakeAnnouncer(port: number): FakeAnnouncer {
  const bonjour = new Bonjour({
    interface: '127.0.0.1',
    bind: '0.0.0.0',
    port,
    reuseAddr: true,
  } as object);
  // The same private responder the discovery uses; answering queries keeps the fake
  // present across censuses until it vanishes.
  const server = (
    bonjour as unknown as {
      server: {
        register(records: MdnsRecord[]): void;
        mdns: { respond(records: MdnsRecord[], callback: () => void): void };
      };
    }
  ).server;
  return {
    announce: (records) =>
      new Promise((resolve) => {
        server.register(records);
        server.mdns.respond(records, resolve);
      }),
    vanish: () =>
      new Promise((resolve) => {
        bonjour.destroy(() => resolve());
      }),
  };
}
