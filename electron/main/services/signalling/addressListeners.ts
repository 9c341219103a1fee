/**
 * The endpoint's listening sockets: one HTTP server per address, all on one port.
 *
 * Why one server per address rather than one on 0.0.0.0: binding the wildcard would
 * also open the port on a public interface (a café's Wi-Fi that hands out public
 * addresses, a wired port on a campus network). Listening address by address keeps
 * the endpoint off those, and lets addresses come and go as interfaces do: when
 * following the machine's interfaces, the list is polled and servers are opened on
 * new addresses and closed on vanished ones, on the same port.
 *
 * The port: the preferred one (4455 by default, see ./signallingEndpoint.ts) on every
 * address, or, when it is taken on any of them and falling back is allowed, one free
 * port chosen by the first address and then used on the rest.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { logger } from '../../../../shared/log';

const log = logger('signalling');

// A handshake that has not finished in this long is not a Hearth client.
const HANDSHAKE_TIMEOUT_MS = 10_000;
// If a free port chosen on the first address is taken on another, try a few more times.
const FREE_PORT_ATTEMPTS = 4;

/** What the listeners need. */
export interface AddressListenerOptions {
  /** The addresses to listen on now; asked again on every poll when `pollMs` is set. */
  addresses: () => string[];
  port: number;
  fallbackToFreePort: boolean;
  /** Poll `addresses` this often to follow interfaces; 0 listens on the first answer only. */
  pollMs: number;
  /** Caps TCP connections per address, including ones that never upgrade. */
  maxSocketsPerAddress: number;
  onRequest: (request: IncomingMessage, response: ServerResponse) => void;
  onUpgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /**
   * Called when the set of listening addresses changed (not on the first listen), before
   * the servers of removed addresses close: end the connections made through them.
   */
  onChange: (added: string[], removed: string[]) => void;
}

/** The running listeners. */
export interface AddressListeners {
  readonly port: number;
  /** The addresses listened on now, in the order given. */
  readonly hosts: string[];
  /** Stops polling and closes every server; end upgraded connections first, or this waits for them. */
  close(): Promise<void>;
}

/** Listens on every address, choosing the port as described in the file comment. */
export async function listenOnAddresses(
  options: AddressListenerOptions,
): Promise<AddressListeners> {
  const servers = new Map<string, Server>();
  const first = unique(options.addresses());
  let port = options.port;
  for (let attempt = 0; ; attempt++) {
    try {
      port = await listenAll(first, port, options, servers);
      break;
    } catch (error) {
      await Promise.all([...servers.values()].map(closeServer));
      servers.clear();
      const taken = errorCode(error) === 'EADDRINUSE';
      if (!taken || attempt >= FREE_PORT_ATTEMPTS || (port !== 0 && !options.fallbackToFreePort)) {
        throw error;
      }
      if (port !== 0) log.info('the preferred port is taken; using a free one', { port });
      port = 0;
    }
  }

  let polling: Promise<void> = Promise.resolve();
  let closed = false;
  const unusable = new Set<string>();
  const follow = async (): Promise<void> => {
    const wanted = unique(options.addresses());
    const added: string[] = [];
    const removed = new Map<string, Server>();
    for (const [host, server] of servers) {
      if (wanted.includes(host)) continue;
      servers.delete(host);
      removed.set(host, server);
    }
    for (const host of wanted) {
      if (servers.has(host) || closed) continue;
      try {
        servers.set(host, await listenOne(host, port, options));
        added.push(host);
        unusable.delete(host);
      } catch (error) {
        // Tried again on the next poll: the address may not be usable yet. Said once.
        if (!unusable.has(host)) {
          log.warn('could not listen on a new address', { host, port, error: errorCode(error) });
        }
        unusable.add(host);
      }
    }
    if (added.length > 0 || removed.size > 0) options.onChange(added, [...removed.keys()]);
    // After onChange, which ends the connections made through a removed address: a
    // server's close waits for every connection it accepted, upgraded ones included.
    for (const server of removed.values()) void closeServer(server);
  };
  const timer =
    options.pollMs > 0
      ? setInterval(() => {
          polling = polling.then(follow).catch((error: unknown) => {
            log.error('following the network interfaces failed', { error: String(error) });
          });
        }, options.pollMs)
      : null;
  timer?.unref();

  return {
    port,
    get hosts() {
      return [...servers.keys()];
    },
    close: async () => {
      closed = true;
      if (timer !== null) clearInterval(timer);
      await polling;
      await Promise.all([...servers.values()].map(closeServer));
      servers.clear();
    },
  };
}

// Listens on each host in turn; the first one settles a port of 0. Returns the port.
// A taken port fails the whole set (the caller may fall back to a free port). When
// following interfaces, any other failure (an address that vanished since it was
// listed) skips that address until the next poll, as long as one address listens.
async function listenAll(
  hosts: string[],
  port: number,
  options: AddressListenerOptions,
  servers: Map<string, Server>,
): Promise<number> {
  let chosen = port;
  let lastError: unknown = new Error('no address to listen on');
  for (const host of hosts) {
    try {
      const server = await listenOne(host, chosen, options);
      servers.set(host, server);
      chosen = (server.address() as AddressInfo).port;
    } catch (error) {
      if (errorCode(error) === 'EADDRINUSE' || options.pollMs === 0) throw error;
      log.warn('could not listen on an address; trying again later', {
        host,
        error: errorCode(error),
      });
      lastError = error;
    }
  }
  if (servers.size === 0) throw lastError;
  return chosen;
}

function listenOne(host: string, port: number, options: AddressListenerOptions): Promise<Server> {
  const server = createServer(options.onRequest);
  server.maxConnections = options.maxSocketsPerAddress;
  server.headersTimeout = HANDSHAKE_TIMEOUT_MS;
  server.requestTimeout = HANDSHAKE_TIMEOUT_MS;
  server.on('upgrade', options.onUpgrade);
  server.on('clientError', (error, socket) => {
    log.debug('a malformed HTTP request was dropped', { error: String(error) });
    socket.destroy();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host }, () => {
      server.off('error', reject);
      server.on('error', (error) => {
        log.error('a signalling listener failed', { host, error: String(error) });
      });
      resolve(server);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    // Plain HTTP requests (a member checking the page) are ended; upgraded sockets are not
    // tracked by the server and are ended by the endpoint.
    server.closeAllConnections();
  });
}

function unique(hosts: string[]): string[] {
  return [...new Set(hosts)];
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | null)?.code ?? String(error);
}
