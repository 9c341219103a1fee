/**
 * The signalling endpoint every running Hearth hosts, so laptops in a room can meet
 * without any server: y-webrtc's subscribe/publish protocol over WebSocket (see
 * ./signallingProtocol.ts), relaying encrypted messages it cannot read.
 *
 * Where it listens (./addressListeners.ts): by default on 127.0.0.1 and every LAN IPv4
 * address of the machine (./lanAddresses.ts), following interfaces as they come and go;
 * or on one address given by `host`. The port is 4455 by default, falling back to a free
 * one when taken: a fixed port means an address written into an invite, or typed by a
 * member when multicast is blocked, still works after the laptop restarts Hearth.
 *
 * What it refuses: handshakes from web pages that are not Hearth's (a browser lets any
 * site open a WebSocket to a LAN address), connections beyond the limit, oversized
 * frames (the connection is closed), and, per connection, messages over its rate,
 * malformed messages and topics beyond its limit (dropped with a logged reason).
 * Connections that stop answering WebSocket pings are closed.
 */
import { networkInterfaces } from 'node:os';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { logger } from '../../../../shared/log';
import { listenOnAddresses } from './addressListeners';
import { CLOSE_CODE, EndpointSession, type SessionContext } from './endpointSession';
import { lanListenAddresses } from './lanAddresses';
import { DEFAULT_SIGNALLING_LIMITS, type SignallingLimits } from './signallingProtocol';
import { TopicRelay } from './topicRelay';

const log = logger('signalling');

/** The port Hearth's endpoint prefers, so invites and typed addresses survive restarts. */
export const DEFAULT_SIGNALLING_PORT = 4455;

const DEFAULT_PING_INTERVAL_MS = 20_000;
const DEFAULT_INTERFACE_POLL_MS = 5_000;
// Closing clients get this long to answer the close frame before they are cut off.
const CLOSE_GRACE_MS = 500;
const TRY_AGAIN_LATER = 1013;

/** How to start the endpoint; everything has a default. */
export interface SignallingEndpointOptions {
  /** Listen only on this address (e.g. 127.0.0.1 in tests); default: loopback and every LAN address. */
  host?: string;
  /** Default {@link DEFAULT_SIGNALLING_PORT}; 0 picks a free port. */
  port?: number;
  /** Use a free port when `port` is taken; default true when `port` is not given, else false. */
  fallbackToFreePort?: boolean;
  limits?: Partial<SignallingLimits>;
  /** WebSocket ping interval; a connection that has not answered one by the next is closed. */
  pingIntervalMs?: number;
  /** Which page origins may connect; default {@link isHearthOrigin}. */
  allowOrigin?: (origin: string | undefined) => boolean;
  /** The addresses to follow when `host` is not given (tests replace the machine's). */
  listenAddresses?: () => string[];
  /** How often to look for interfaces that came or went. */
  interfacePollMs?: number;
  /** Called with the new `addresses` when an interface came or went. */
  onAddressesChange?: (addresses: string[]) => void;
  now?: () => number;
}

/** A running endpoint. */
export interface LocalSignallingEndpoint {
  readonly port: number;
  /** The IPv4 addresses listened on now. */
  readonly hosts: string[];
  /** `ws://address:port` for each address listened on now, 127.0.0.1 first when present. */
  readonly addresses: string[];
  /** Open client connections. */
  readonly connectionCount: number;
  /** Closes every connection (1001) and stops listening. Idempotent. */
  close(): Promise<void>;
}

/**
 * True for origins of Hearth's own pages: none (a Node client, which no web page can
 * be), Electron's page (`app://hearth`, electron/main/appProtocol.ts), and pages served
 * from this machine's loopback (browser mode, the dev server). Not `null`: that is
 * what a sandboxed iframe on any website sends, and `file://` pages send it too;
 * Hearth's window is served over `app://` so that it never needs to be let in.
 */
export function isHearthOrigin(origin: string | undefined): boolean {
  if (origin === undefined || origin === 'app://hearth') return true;
  try {
    const url = new URL(origin);
    const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    return local && (url.protocol === 'http:' || url.protocol === 'https:');
  } catch {
    return false;
  }
}

/** Starts the endpoint; rejects if it cannot listen (an explicit port taken, a bad host). */
export async function startSignallingEndpoint(
  options: SignallingEndpointOptions = {},
): Promise<LocalSignallingEndpoint> {
  const limits: SignallingLimits = { ...DEFAULT_SIGNALLING_LIMITS, ...options.limits };
  const allowOrigin = options.allowOrigin ?? isHearthOrigin;
  const context: SessionContext = {
    relay: new TopicRelay<EndpointSession>(limits.maxTopicsPerConnection),
    limits,
    now: options.now ?? (() => performance.now()),
  };
  const sessions = new Set<EndpointSession>();
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxFrameBytes,
    // Compression would let a small frame inflate past the limit's intent, and costs CPU.
    perMessageDeflate: false,
  });
  let nextLabel = 1;
  let closing: Promise<void> | null = null;

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', (error) => {
      log.debug('a socket failed during the handshake', { error: String(error) });
    });
    const refusal =
      closing !== null
        ? { status: 503, reason: 'the endpoint is closing' }
        : !allowOrigin(request.headers.origin)
          ? { status: 403, reason: 'a page that is not Hearth' }
          : sessions.size >= limits.maxConnections
            ? { status: 503, reason: 'too many connections' }
            : null;
    if (refusal !== null) {
      log.warn('refused a signalling connection', { reason: refusal.reason });
      socket.once('finish', () => socket.destroy());
      socket.end(
        `HTTP/1.1 ${refusal.status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const label = `#${nextLabel++}`;
      ws.on('error', (error) => {
        // ws closes the connection itself after an error (1009 for an oversized frame).
        log.warn('a signalling connection failed', { connection: label, error: String(error) });
      });
      // Handshakes run concurrently, so the limit is checked again once each completes.
      if (sessions.size >= limits.maxConnections || closing !== null) {
        ws.close(TRY_AGAIN_LATER, 'too many connections');
        return;
      }
      const session = new EndpointSession(ws, label, request.socket.localAddress ?? '', context);
      sessions.add(session);
      ws.on('close', () => {
        sessions.delete(session);
        session.closed();
      });
    });
  };

  const hostsNow = (): string[] =>
    options.host !== undefined
      ? [options.host]
      : (options.listenAddresses ?? (() => lanListenAddresses(networkInterfaces())))();
  const listeners = await listenOnAddresses({
    addresses: hostsNow,
    port: options.port ?? DEFAULT_SIGNALLING_PORT,
    fallbackToFreePort: options.fallbackToFreePort ?? options.port === undefined,
    pollMs: options.host !== undefined ? 0 : (options.interfacePollMs ?? DEFAULT_INTERFACE_POLL_MS),
    // Headroom over the WebSocket limit for plain page loads and refused handshakes.
    maxSocketsPerAddress: limits.maxConnections + 16,
    onRequest: answerPageRequest,
    onUpgrade,
    onChange: (added, removed) => {
      for (const session of sessions) {
        if (removed.includes(session.localAddress)) session.terminate();
      }
      log.info('the endpoint follows a network change', { added, removed });
      options.onAddressesChange?.(urlsOf(listeners.hosts, listeners.port));
    },
  });

  const heartbeat = setInterval(() => {
    for (const session of sessions) session.heartbeat();
  }, options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS);
  heartbeat.unref();

  const shutDown = async (): Promise<void> => {
    clearInterval(heartbeat);
    for (const session of sessions) session.close(CLOSE_CODE.goingAway, 'Hearth is closing');
    const cutOff = setTimeout(() => {
      for (const session of sessions) session.terminate();
    }, CLOSE_GRACE_MS);
    await listeners.close();
    clearTimeout(cutOff);
    sockets.close();
  };

  log.info('signalling endpoint listening', { addresses: urlsOf(listeners.hosts, listeners.port) });
  return {
    port: listeners.port,
    get hosts() {
      return listeners.hosts;
    },
    get addresses() {
      return urlsOf(listeners.hosts, listeners.port);
    },
    get connectionCount() {
      return sessions.size;
    },
    close: () => (closing ??= shutDown()),
  };
}

function urlsOf(hosts: string[], port: number): string[] {
  return hosts.map((host) => `ws://${host}:${port}`);
}

// A member can open the endpoint's address in a browser to see that it runs.
function answerPageRequest(request: IncomingMessage, response: ServerResponse): void {
  const path = new URL(request.url ?? '/', 'http://endpoint.invalid').pathname;
  const status =
    path !== '/' ? 404 : request.method === 'GET' || request.method === 'HEAD' ? 200 : 405;
  const body =
    status === 200
      ? 'Hearth signalling endpoint: Hearth laptops in this room meet here. It relays encrypted messages and stores nothing.\n'
      : 'Not here.\n';
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}
