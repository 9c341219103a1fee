/**
 * Finds the signalling endpoints of other Hearths on the local network, and announces
 * this one's, over mDNS/DNS-SD (what is announced: ./hearthService.ts; one socket per
 * interface: ./mdnsInterface.ts).
 *
 * The list of peers: each Hearth, by its random instance name, with the `ws://` URLs
 * of its LAN addresses. A peer is reported `up` when first heard or when its URLs
 * change, and `down` when it says goodbye or when it has not answered a census for
 * `staleAfterMs` (a laptop whose lid closed says nothing). A census asks the network
 * every `censusIntervalMs`; one query and a handful of answers per laptop, cheap on a
 * room's network. Announcements are untrusted: anything that is not a Hearth of this
 * protocol version on a LAN address is ignored, and at most `maxPeers` are kept.
 *
 * Interfaces are given by the caller (the endpoint's addresses) and may change while
 * running: `setInterfaces` opens mDNS on new ones and closes it on vanished ones.
 */
import type { Service } from 'bonjour-service';
import { logger } from '../../../../shared/log';
import { newInstanceName, peerFromService, type DiscoveredPeer } from './hearthService';
import { MDNS_PORT, MdnsInterface } from './mdnsInterface';

const log = logger('discovery');

const DEFAULT_CENSUS_INTERVAL_MS = 20_000;
const DEFAULT_MAX_PEERS = 64;

/** How to run discovery. */
export interface EndpointDiscoveryOptions {
  /** This laptop's signalling endpoint port, announced to the others. */
  port: number;
  /** The IPv4 addresses of the interfaces to run mDNS on. */
  interfaces: string[];
  /** This run's instance name; random by default (tests may fix it). */
  instance?: string;
  /** The mDNS port; 5353 except in tests that must not meet real Hearths. */
  mdnsPort?: number;
  /** How often to ask the network who is present. */
  censusIntervalMs?: number;
  /** A peer not heard for this long is down; default 2.5 censuses. */
  staleAfterMs?: number;
  /** Peers kept at most; a flood of fake announcements cannot grow the list further. */
  maxPeers?: number;
  /** A peer was found, or its URLs changed. */
  onUp?: (peer: DiscoveredPeer) => void;
  /** A peer left or went silent. */
  onDown?: (peer: DiscoveredPeer) => void;
  now?: () => number;
}

/** Running discovery. */
export interface EndpointDiscovery {
  /** This run's instance name, as announced. */
  readonly instance: string;
  /** The interfaces mDNS runs on now. */
  readonly interfaces: string[];
  /** The peers present now. */
  peers(): DiscoveredPeer[];
  /** Every URL of every peer present now, each once. */
  urls(): string[];
  /** Follows a change of interfaces. */
  setInterfaces(addresses: string[]): void;
  /** Says goodbye on every interface and stops. Idempotent. */
  close(): Promise<void>;
}

/** Starts announcing `port` and browsing on `interfaces`. */
export function startEndpointDiscovery(options: EndpointDiscoveryOptions): EndpointDiscovery {
  const instance = options.instance ?? newInstanceName();
  const now = options.now ?? Date.now;
  const censusIntervalMs = options.censusIntervalMs ?? DEFAULT_CENSUS_INTERVAL_MS;
  const staleAfterMs = options.staleAfterMs ?? censusIntervalMs * 2.5;
  const maxPeers = options.maxPeers ?? DEFAULT_MAX_PEERS;
  // instance -> url -> when last heard
  const heard = new Map<string, Map<string, number>>();
  const sockets = new Map<string, MdnsInterface>();
  let closing: Promise<void> | null = null;
  let warnedFull = false;

  const snapshot = (name: string, urls: Map<string, number>): DiscoveredPeer => ({
    instance: name,
    urls: [...urls.keys()],
  });

  const onService = (service: Service): void => {
    const peer = peerFromService(service);
    if ('ignored' in peer) {
      log.debug('ignored an announcement', { reason: peer.ignored });
      return;
    }
    if (peer.instance === instance || closing !== null) return;
    let urls = heard.get(peer.instance);
    if (urls === undefined) {
      if (heard.size >= maxPeers) {
        if (!warnedFull) log.warn('too many Hearths announced; ignoring more', { maxPeers });
        warnedFull = true;
        return;
      }
      urls = new Map();
      heard.set(peer.instance, urls);
    }
    const before = urls.size;
    const at = now();
    for (const url of peer.urls) urls.set(url, at);
    if (urls.size !== before) options.onUp?.(snapshot(peer.instance, urls));
  };

  const onGoodbye = (name: string): void => {
    const urls = heard.get(name);
    if (urls === undefined) return;
    heard.delete(name);
    options.onDown?.(snapshot(name, urls));
  };

  // Forgets URLs (and peers) not heard for staleAfterMs.
  const sweep = (): void => {
    const oldest = now() - staleAfterMs;
    for (const [name, urls] of heard) {
      const gone = [...urls].filter(([, at]) => at < oldest);
      if (gone.length === 0) continue;
      if (gone.length === urls.size) {
        heard.delete(name);
        options.onDown?.(snapshot(name, urls));
        continue;
      }
      for (const [url] of gone) urls.delete(url);
      options.onUp?.(snapshot(name, urls));
    }
    warnedFull = false;
  };

  const open = (address: string): void => {
    try {
      sockets.set(
        address,
        new MdnsInterface({
          address,
          instance,
          port: options.port,
          mdnsPort: options.mdnsPort ?? MDNS_PORT,
          onService,
          onGoodbye,
        }),
      );
    } catch (error) {
      log.error('mDNS could not start on an interface', { address, error: String(error) });
    }
  };

  const setInterfaces = (addresses: string[]): void => {
    if (closing !== null) return;
    for (const [address, socket] of sockets) {
      if (addresses.includes(address)) continue;
      sockets.delete(address);
      void socket.close();
    }
    for (const address of new Set(addresses)) if (!sockets.has(address)) open(address);
  };

  setInterfaces(options.interfaces);
  const census = setInterval(() => {
    sweep();
    for (const socket of sockets.values()) socket.census();
  }, censusIntervalMs);
  census.unref();
  log.info('discovery started', { instance, interfaces: [...sockets.keys()] });

  const shutDown = async (): Promise<void> => {
    clearInterval(census);
    await Promise.all([...sockets.values()].map((socket) => socket.close()));
    sockets.clear();
  };

  return {
    instance,
    get interfaces() {
      return [...sockets.keys()];
    },
    peers: () => [...heard].map(([name, urls]) => snapshot(name, urls)),
    urls: () => [...new Set([...heard.values()].flatMap((urls) => [...urls.keys()]))],
    setInterfaces,
    close: () => (closing ??= shutDown()),
  };
}
