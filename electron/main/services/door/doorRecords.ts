/**
 * What an open door announces over mDNS/DNS-SD, and how a door heard on the network is
 * read (the records and their rules: shared/sync/DOOR.md, "Finding a door").
 *
 *   _hearth-door._tcp.local                PTR  door-<16 hex>._hearth-door._tcp.local
 *   door-<16 hex>._hearth-door._tcp.local  SRV  <door port>  door-<16 hex>.local
 *   door-<16 hex>._hearth-door._tcp.local  TXT  v=1 k=w|c n=<label>
 *   door-<16 hex>.local                    A    <the interface's IPv4 address>
 *
 * By default the label is the door's nickname (two safety words, random for each
 * opening); the circle's name only when the facilitator chose to show it. Heard doors are
 * untrusted: anything that is not a door of this version, with a usable label, port and
 * LAN or loopback address, is ignored.
 */
import { randomBytes } from 'node:crypto';
import type { Service } from 'bonjour-service';
import type { DoorLabelKind, NearbyDoor } from '../../../../shared/ipc/contract';
import { DOOR_PROTOCOL_VERSION } from '../../../../shared/sync/door/doorMessages';
import { isDoorNickname } from '../../../../shared/sync/door/doorNickname';
import { LIMITS } from '../../../../shared/notebook/schema';
import type { MdnsRecord } from '../discovery/hearthService';
import { isRoomAddress } from '../signalling/lanAddresses';

/** The DNS-SD service type of a door, without underscores (bonjour-service adds them). */
export const DOOR_SERVICE_TYPE = 'hearth-door';
/** The path of the door's WebSocket. */
export const DOOR_PATH = '/door';
/** The WebSocket subprotocol a knocker offers. */
export const DOOR_SUBPROTOCOL = `hearth.door.${DOOR_PROTOCOL_VERSION}`;

const TLD = '.local';
const SERVICE_NAME = `_${DOOR_SERVICE_TYPE}._tcp${TLD}`;
// A door lasts minutes; a laptop that vanished without a goodbye is forgotten soon.
const TTL_SECONDS = 60;
const MAX_ADDRESSES_PER_DOOR = 4;
const INSTANCE_PATTERN = /^door-[0-9a-f]{16}$/;
const DISPLAY_NAME = /^(?!\s)[^\p{Cc}]*(?<!\s)$/u;

/** A door's instance name: random, so it says nothing about who opened it. */
export function newDoorInstance(): string {
  return `door-${randomBytes(8).toString('hex')}`;
}

/** A door heard on the network, with where to knock. */
export interface HeardDoor extends NearbyDoor {
  /** `ws://address:port/door` for each of its addresses. */
  urls: string[];
}

/** The records announcing a door on one interface (ttl 0 says goodbye). */
export function doorRecords(options: {
  instance: string;
  address: string;
  port: number;
  label: string;
  labelKind: DoorLabelKind;
}): MdnsRecord[] {
  const fqdn = `${options.instance}.${SERVICE_NAME}`;
  const host = `${options.instance}${TLD}`;
  const kind = options.labelKind === 'nickname' ? 'w' : 'c';
  const txt = [`v=${DOOR_PROTOCOL_VERSION}`, `k=${kind}`, `n=${options.label}`].map((entry) =>
    Buffer.from(entry, 'utf8'),
  );
  return [
    { name: SERVICE_NAME, type: 'PTR', ttl: TTL_SECONDS, data: fqdn },
    { name: fqdn, type: 'SRV', ttl: TTL_SECONDS, data: { port: options.port, target: host } },
    { name: fqdn, type: 'TXT', ttl: TTL_SECONDS, data: txt },
    { name: host, type: 'A', ttl: TTL_SECONDS, data: options.address },
    { name: `_services._dns-sd._udp${TLD}`, type: 'PTR', ttl: TTL_SECONDS, data: SERVICE_NAME },
  ];
}

/** A door heard on the network, or why it is ignored (anyone can announce anything). */
export function doorFromService(service: Service): HeardDoor | { ignored: string } {
  const instance: unknown = service.name;
  if (typeof instance !== 'string' || !INSTANCE_PATTERN.test(instance)) {
    return { ignored: 'not a door instance name' };
  }
  const txt = (
    typeof service.txt === 'object' && service.txt !== null ? service.txt : {}
  ) as Record<string, unknown>;
  const field = (key: string): unknown => (Object.hasOwn(txt, key) ? txt[key] : undefined);
  if (field('v') !== String(DOOR_PROTOCOL_VERSION)) return { ignored: 'another door version' };
  const kind = field('k');
  const label = field('n');
  if (typeof label !== 'string') return { ignored: 'no label' };
  let labelKind: DoorLabelKind;
  if (kind === 'w' && isDoorNickname(label)) labelKind = 'nickname';
  else if (
    kind === 'c' &&
    label.length >= 1 &&
    label.length <= LIMITS.circleName &&
    DISPLAY_NAME.test(label)
  ) {
    labelKind = 'circle-name';
  } else return { ignored: 'no usable label' };
  const port: unknown = service.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    return { ignored: 'no usable port' };
  }
  const addresses: unknown[] = Array.isArray(service.addresses) ? service.addresses : [];
  const usable = [
    ...new Set(addresses.filter((a): a is string => typeof a === 'string' && isRoomAddress(a))),
  ].slice(0, MAX_ADDRESSES_PER_DOOR);
  if (usable.length === 0) return { ignored: 'no LAN IPv4 address' };
  return {
    doorId: instance,
    label,
    labelKind,
    urls: usable.map((address) => `ws://${address}:${port}${DOOR_PATH}`),
  };
}
