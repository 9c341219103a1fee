/**
 * What Hearth announces over mDNS/DNS-SD, and how an announcement heard from the
 * network is read.
 *
 * One service instance per running Hearth, on each interface it announces on:
 *
 *   _hearth._tcp.local                    PTR  hearth-<16 hex>._hearth._tcp.local
 *   hearth-<16 hex>._hearth._tcp.local    SRV  port of the signalling endpoint,
 *                                              target hearth-<16 hex>.local
 *   hearth-<16 hex>._hearth._tcp.local    TXT  "v=1" (the signalling protocol version)
 *   hearth-<16 hex>.local                 A    the interface's IPv4 address
 *   _services._dns-sd._udp.local          PTR  _hearth._tcp.local
 *
 * The 16 hex digits are random for each run. Nothing names the member, the laptop (the
 * host name in the SRV target would, so it is random too: bonjour-service would use
 * os.hostname(), often "sams-macbook") or a circle: a listener learns only that a
 * Hearth runs at an address, which it could learn by trying the port. No IPv6 records:
 * interface identifiers can carry the MAC address, and the endpoint serves IPv4 only.
 */
import { randomBytes } from 'node:crypto';
import type { Service } from 'bonjour-service';
import { isRoomAddress } from '../signalling/lanAddresses';
import { SIGNALLING_PROTOCOL_VERSION } from '../signalling/signallingProtocol';

/** The DNS-SD service type, without underscores (bonjour-service adds them). */
export const SERVICE_TYPE = 'hearth';
/** The TXT key holding the signalling protocol version. */
export const VERSION_KEY = 'v';

const TLD = '.local';
const SERVICE_NAME = `_${SERVICE_TYPE}._tcp${TLD}`;
// Short enough that a laptop that left without saying goodbye is forgotten within minutes
// by any other mDNS cache on the network; Hearth refreshes by asking, not by waiting.
const TTL_SECONDS = 120;
// A peer on several networks has several addresses; more than this is not a laptop.
const MAX_ADDRESSES_PER_PEER = 4;

/** One resource record, as bonjour-service's responder and multicast-dns take it. */
export interface MdnsRecord {
  name: string;
  type: 'PTR' | 'SRV' | 'TXT' | 'A';
  ttl: number;
  data: string | Buffer[] | { port: number; target: string };
}

/** A Hearth found on the network. */
export interface DiscoveredPeer {
  /** Its random instance name for this run. */
  instance: string;
  /** `ws://address:port` for each of its LAN addresses. */
  urls: string[];
}

/** A fresh instance name: random, so it says nothing about who runs it. */
export function newInstanceName(): string {
  return `hearth-${randomBytes(8).toString('hex')}`;
}

/** The records announcing `instance`'s endpoint at `address:port` (ttl 0 says goodbye). */
export function serviceRecords(options: {
  instance: string;
  address: string;
  port: number;
  ttl?: number;
}): MdnsRecord[] {
  const ttl = options.ttl ?? TTL_SECONDS;
  const fqdn = `${options.instance}.${SERVICE_NAME}`;
  const host = `${options.instance}${TLD}`;
  return [
    { name: SERVICE_NAME, type: 'PTR', ttl, data: fqdn },
    { name: fqdn, type: 'SRV', ttl, data: { port: options.port, target: host } },
    {
      name: fqdn,
      type: 'TXT',
      ttl,
      data: [Buffer.from(`${VERSION_KEY}=${SIGNALLING_PROTOCOL_VERSION}`)],
    },
    { name: host, type: 'A', ttl, data: options.address },
    { name: `_services._dns-sd._udp${TLD}`, type: 'PTR', ttl, data: SERVICE_NAME },
  ];
}

/** A service heard on the network as a peer, or why it is ignored (anyone can announce). */
export function peerFromService(service: Service): DiscoveredPeer | { ignored: string } {
  const instance: unknown = service.name;
  if (typeof instance !== 'string' || instance.length === 0 || instance.length > 63) {
    return { ignored: 'no usable instance name' };
  }
  const txt: unknown = service.txt;
  const version =
    typeof txt === 'object' && txt !== null && Object.hasOwn(txt, VERSION_KEY)
      ? (txt as Record<string, unknown>)[VERSION_KEY]
      : undefined;
  if (version !== String(SIGNALLING_PROTOCOL_VERSION)) {
    return { ignored: `signalling protocol version ${String(version)}` };
  }
  const port: unknown = service.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    return { ignored: 'no usable port' };
  }
  const addresses: unknown[] = Array.isArray(service.addresses) ? service.addresses : [];
  // Only addresses in the room: an announcement must not send Hearth to the internet.
  const usable = [
    ...new Set(addresses.filter((a): a is string => typeof a === 'string' && isRoomAddress(a))),
  ].slice(0, MAX_ADDRESSES_PER_PEER);
  if (usable.length === 0) return { ignored: 'no LAN IPv4 address' };
  return { instance, urls: usable.map((address) => `ws://${address}:${port}`) };
}
