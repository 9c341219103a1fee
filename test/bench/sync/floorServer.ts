/**
 * Where the floor pages live: a tiny static server on 127.0.0.1 for the bundled stock
 * y-webrtc page, and a signalling endpoint for it — Hearth's own (electron/main/services/
 * signalling), started in this process: it speaks y-webrtc's protocol, so stock
 * y-webrtc clients meet through it exactly as through y-webrtc's bin/server.js.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSignallingEndpoint } from '../../../electron/main/services/signalling/signallingEndpoint';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Stock y-webrtc floor</title></head>
<body><script src="/floor.js"></script></body></html>`;

/** A running floor server. */
export interface FloorServer {
  /** The page's origin, e.g. http://127.0.0.1:41234. */
  origin: string;
  /** The floor page for one y-webrtc room. */
  pageUrl(room: string, password: string): string;
  close(): Promise<void>;
}

/** Serves `floorScript` and runs a signalling endpoint, both on 127.0.0.1. */
export async function startFloorServer(floorScript: string): Promise<FloorServer> {
  const endpoint = await startSignallingEndpoint({ host: '127.0.0.1', port: 0 });
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://floor.invalid').pathname;
    const [type, body] =
      path === '/'
        ? ['text/html; charset=utf-8', PAGE]
        : path === '/floor.js'
          ? ['text/javascript; charset=utf-8', floorScript]
          : [null, 'Not here.\n'];
    response.writeHead(type === null ? 404 : 200, {
      'Content-Type': type ?? 'text/plain',
      'Cache-Control': 'no-store',
    });
    response.end(body);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signalling = endpoint.addresses[0]!;
  return {
    origin,
    pageUrl: (room, password) => {
      const hash = new URLSearchParams({ room, signalling, password });
      return `${origin}/#${hash.toString()}`;
    },
    close: async () => {
      await closeServer(server);
      await endpoint.close();
    },
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((closed) => server.close(() => closed()));
}
