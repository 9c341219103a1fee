/**
 * The browser-mode host: a small HTTP server on 127.0.0.1 that serves the built
 * renderer and bridges the IPC contract over a WebSocket at /bridge, so the same
 * renderer runs in a plain browser against the same main-process services.
 *
 * Who may use the bridge: the host's own page and nothing else. A WebSocket upgrade is
 * refused at the handshake unless
 *   - the Host header is the host's own address (defeats DNS rebinding),
 *   - the Origin header is the host's own origin (another web page open in the same
 *     browser cannot reach the notebook),
 *   - the page offers the subprotocol `hearth.bridge.1` plus `hearth.token.<token>`,
 *     where the token (32 random bytes, base64url) is compared in constant time. The
 *     token reaches the page only in the URL fragment, which browsers never send.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { access } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EmitEvent, InvokeHandlers } from '../../shared/ipc/contract';
import {
  ACCESS_TOKEN_PATTERN,
  BRIDGE_PATH,
  BRIDGE_PROTOCOL,
  MAX_FRAME_BYTES,
  TOKEN_PROTOCOL_PREFIX,
  encodeFrame,
} from '../../shared/ipc/wire';
import { toBase64Url } from '../../shared/crypto/base64url';
import { randomBytes } from '../../shared/crypto/random';
import { logger } from '../../shared/log';
import { CLOSE_GOING_AWAY, openBridgeSession, type BridgeSession } from './bridgeSession';
import { sendStatus, serveRendererFiles } from './rendererFiles';

const log = logger('web-host');

// How long close() waits for running requests (a flush) before closing sockets anyway.
const DRAIN_TIMEOUT_MS = 10_000;

/** What the host serves requests with: the main-process services. */
export interface WebBackend {
  handlers: InvokeHandlers;
  /** Stops the services and flushes what they hold to disk. */
  close(): Promise<void>;
}

/** How to start the host. */
export interface WebHostOptions {
  /** The built renderer folder (out/renderer). */
  rendererDir: string;
  /** Opens main's services (the request handlers); `emit` sends an event to every connected page. */
  openServices: (emit: EmitEvent) => Promise<WebBackend>;
  /** 0 (the default) picks any free port. */
  port?: number;
  /** The address to listen on; 127.0.0.1 unless a test says otherwise. */
  host?: string;
  /** A token to reuse (43 base64url characters); a fresh random one otherwise. */
  token?: string;
}

/** A running host. */
export interface WebHost {
  /** The address to open, with the token in the fragment. */
  url: string;
  /** The page's origin, e.g. `http://127.0.0.1:5173`. */
  origin: string;
  token: string;
  port: number;
  /** Answers running requests, closes every page, closes the services. Idempotent. */
  close(): Promise<void>;
}

/** Starts the host and its services; rejects if the renderer is not built or the port is taken. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? toBase64Url(randomBytes(32));
  if (!ACCESS_TOKEN_PATTERN.test(token))
    throw new Error('the access token must be 43 base64url characters');
  const indexFile = join(options.rendererDir, 'index.html');
  try {
    await access(indexFile);
  } catch {
    throw new Error(`no built renderer at ${indexFile}: run \`electron-vite build\` first`);
  }

  const sessions = new Set<BridgeSession>();
  let closing: Promise<void> | null = null;
  const emit: EmitEvent = (channel, payload) => {
    let frame: Uint8Array;
    try {
      frame = encodeFrame({ kind: 'event', channel, payload });
    } catch (error) {
      log.error('an event could not be encoded', { channel, error: String(error) });
      return;
    }
    for (const session of sessions) session.sendFrame(frame);
  };
  const services = await options.openServices(emit);

  let authority = '';
  let origin = '';
  const serveFile = serveRendererFiles(options.rendererDir);
  const server = createServer((request, response) => {
    if (request.headers.host !== authority) {
      // Most likely the member typed another name for this machine (localhost).
      sendStatus(response, 421, `Open ${origin}/ instead: the address Hearth printed.`);
      return;
    }
    serveFile(request, response);
  });
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    perMessageDeflate: false,
    handleProtocols: (offered) => (offered.has(BRIDGE_PROTOCOL) ? BRIDGE_PROTOCOL : false),
  });
  let nextSocket = 1;

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (error) => {
      log.warn('a socket failed during the handshake', { error: String(error) });
    });
    const refusal =
      closing !== null
        ? { status: 503, reason: 'the host is shutting down' }
        : refuseUpgrade(request, { authority, origin, token });
    if (refusal !== null) {
      log.warn('refused a bridge connection', { reason: refusal.reason });
      // As ws does itself: let the answer reach the page, then drop the connection.
      socket.once('finish', () => socket.destroy());
      socket.end(
        `HTTP/1.1 ${refusal.status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws: WebSocket) => {
      const label = `#${nextSocket++}`;
      ws.on('error', (error) => {
        log.warn('a bridge socket failed', { socket: label, error: String(error) });
      });
      const session = openBridgeSession(ws, services.handlers, label);
      sessions.add(session);
      // A page that went away may have left a write running: keep its session until the
      // write is answered, so close() still waits for it before closing the services.
      ws.on('close', () => {
        void session.drain().then(() => sessions.delete(session));
      });
    });
  });
  server.on('clientError', (error, socket) => {
    log.debug('a malformed HTTP request was dropped', { error: String(error) });
    socket.destroy();
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await services.close();
    throw error;
  }
  server.on('error', (error) => {
    log.error('the host server failed', { error: String(error) });
  });

  const port = (server.address() as AddressInfo).port;
  authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  origin = `http://${authority}`;

  const shutDown = async (): Promise<void> => {
    for (const session of sessions) session.stopAccepting();
    await Promise.race([
      Promise.allSettled([...sessions].map((session) => session.drain())),
      new Promise((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS).unref()),
    ]);
    for (const session of sessions) session.close(CLOSE_GOING_AWAY, 'Hearth is shutting down');
    sessions.clear();
    const stopped = new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
    server.closeAllConnections();
    // ws leaves upgraded sockets alone on server.close(): end them after their close frame.
    setTimeout(() => {
      for (const ws of sockets.clients) ws.terminate();
    }, 1000).unref();
    await stopped;
    sockets.close();
    await services.close();
  };

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    port,
    close: () => (closing ??= shutDown()),
  };
}

type Refusal = { status: number; reason: string } | null;

// Why an upgrade request may not become a bridge socket, or null if it may.
function refuseUpgrade(
  request: IncomingMessage,
  expected: { authority: string; origin: string; token: string },
): Refusal {
  const path = new URL(request.url ?? '/', 'http://host.invalid').pathname;
  if (path !== BRIDGE_PATH) return { status: 404, reason: `no endpoint at ${path}` };
  if (request.headers.host !== expected.authority)
    return { status: 403, reason: 'wrong Host header' };
  if (request.headers.origin !== expected.origin) {
    return {
      status: 403,
      reason: `origin ${request.headers.origin ?? '(none)'} is not the host's page`,
    };
  }
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const tokens = offered.filter((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX));
  const [offeredToken] = tokens;
  if (!offered.includes(BRIDGE_PROTOCOL) || offeredToken === undefined || tokens.length !== 1) {
    return { status: 401, reason: 'no bridge subprotocol with one access token' };
  }
  if (!tokensEqual(offeredToken.slice(TOKEN_PROTOCOL_PREFIX.length), expected.token)) {
    return { status: 401, reason: 'wrong access token' };
  }
  return null;
}

// Hashing first gives equal-length inputs, so the comparison time says nothing about
// the token, not even its length.
function tokensEqual(given: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
