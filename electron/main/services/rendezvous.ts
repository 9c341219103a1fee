/**
 * Where this laptop meets its peers: the signalling endpoint it hosts, plus the
 * endpoints of other Hearths found by mDNS on the endpoint's own interfaces. Both
 * shells (Electron and browser mode) start one; the backend lists it for
 * `hearth:sync:endpoints`, and every change is reported so the renderer can connect
 * to a laptop that just arrived.
 *
 * mDNS runs on the endpoint's LAN addresses. When the endpoint listens on loopback only
 * (`--signalling-host 127.0.0.1`, tests), it runs on loopback, so Hearths on one machine
 * still find each other and nothing is sent to a real network.
 */
import type { SignallingEndpoint } from '../../../shared/ipc/contract';
import {
  startEndpointDiscovery,
  type EndpointDiscovery,
  type EndpointDiscoveryOptions,
} from './discovery/endpointDiscovery';
import { MDNS_PORT } from './discovery/mdnsInterface';
import type { DoorNetwork } from './door/doorNetwork';
import { isLoopbackIPv4 } from './signalling/lanAddresses';
import {
  startSignallingEndpoint,
  type LocalSignallingEndpoint,
  type SignallingEndpointOptions,
} from './signalling/signallingEndpoint';

/** Discovery settings a shell may choose; the port and interfaces follow the endpoint. */
export type RendezvousDiscoveryOptions = Omit<
  EndpointDiscoveryOptions,
  'port' | 'interfaces' | 'onUp' | 'onDown'
>;

/** How to start the rendezvous. */
export interface RendezvousOptions {
  signalling?: SignallingEndpointOptions;
  /** `false` turns mDNS off (no announcing, no browsing). */
  discovery?: false | RendezvousDiscoveryOptions;
  /** Called with the whole list whenever it changes. */
  onChange?: (endpoints: SignallingEndpoint[]) => void;
}

/** The running rendezvous. */
export interface Rendezvous {
  readonly endpoint: LocalSignallingEndpoint;
  /** Null when discovery is off. */
  readonly discovery: EndpointDiscovery | null;
  /** This laptop's endpoint URLs (127.0.0.1 first), then those discovered. */
  endpoints(): SignallingEndpoint[];
  /** Where a door (./door/) listens and is announced: the endpoint's addresses, mDNS's interfaces. */
  readonly doorNetwork: DoorNetwork;
  /** Stops discovery (saying goodbye), then the endpoint. Idempotent. */
  close(): Promise<void>;
}

/** The interfaces mDNS runs on for an endpoint listening on `hosts` (see the file comment). */
export function mdnsInterfacesFor(hosts: readonly string[]): string[] {
  const lan = hosts.filter((host) => !isLoopbackIPv4(host));
  return lan.length > 0 ? lan : [...hosts];
}

/** Starts the endpoint, then discovery on its interfaces. */
export async function startRendezvous(options: RendezvousOptions = {}): Promise<Rendezvous> {
  let discovery: EndpointDiscovery | null = null;
  let lastReported = '';
  const report = (): void => {
    const list = endpoints();
    const key = JSON.stringify(list);
    if (key === lastReported) return;
    lastReported = key;
    options.onChange?.(list);
  };
  const endpoint = await startSignallingEndpoint({
    ...options.signalling,
    onAddressesChange: (addresses) => {
      discovery?.setInterfaces(mdnsInterfacesFor(endpoint.hosts));
      options.signalling?.onAddressesChange?.(addresses);
      report();
    },
  });
  const endpoints = (): SignallingEndpoint[] => {
    const own = endpoint.addresses;
    const found = (discovery?.urls() ?? []).filter((url) => !own.includes(url));
    return [
      ...own.map((url) => ({ url, source: 'this-laptop' as const })),
      ...found.map((url) => ({ url, source: 'discovered' as const })),
    ];
  };
  if (options.discovery !== false) {
    discovery = startEndpointDiscovery({
      ...options.discovery,
      port: endpoint.port,
      interfaces: mdnsInterfacesFor(endpoint.hosts),
      onUp: report,
      onDown: report,
    });
  }
  lastReported = JSON.stringify(endpoints());

  let closing: Promise<void> | null = null;
  const mdnsPort =
    options.discovery === false ? MDNS_PORT : (options.discovery?.mdnsPort ?? MDNS_PORT);
  return {
    endpoint,
    discovery,
    endpoints,
    doorNetwork: {
      hosts: () => endpoint.hosts,
      mdns: () =>
        discovery === null ? null : { interfaces: discovery.interfaces, port: mdnsPort },
    },
    close: () =>
      (closing ??= (async () => {
        await discovery?.close();
        await endpoint.close();
      })()),
  };
}
