/**
 * A stand-in for the browser-mode page in unit tests: a raw `ws` client that speaks the
 * wire format to a host, with full control over Origin, subprotocols and frames, so
 * tests can act both as the real page and as a hostile one.
 */
import { WebSocket } from 'ws';
import type { InvokeArgs, InvokeChannel } from '../../shared/ipc/contract';
import {
  decodeFrame,
  encodeFrame,
  type ResultMessage,
  type WireMessage,
} from '../../shared/ipc/wire';

/** What the host answered a handshake with, when it refused it. */
export class HandshakeRefused extends Error {
  constructor(readonly status: number) {
    super(`handshake refused with HTTP ${status}`);
  }
}

/** A connected test page. */
export interface BridgePage {
  socket: WebSocket;
  /** Every message received so far, in order. */
  received: WireMessage[];
  /** Sends an invoke and resolves with its result message. */
  invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<ResultMessage>;
  /** Sends an invoke whose channel and arguments are not checked by TypeScript. */
  invokeUnchecked(channel: string, args: unknown[]): Promise<ResultMessage>;
  /** Resolves with the next message matching `test` (already received ones count). */
  next(test: (message: WireMessage) => boolean): Promise<WireMessage>;
  /** Resolves with the close code and reason once the socket closes. */
  closed: Promise<{ code: number; reason: string }>;
}

/** How to knock on the host's door. */
export interface KnockOptions {
  origin?: string;
  protocols?: string[];
  path?: string;
}

/** Connects as a page; rejects with {@link HandshakeRefused} if the host says no. */
export function openBridgePage(
  origin: string,
  token: string,
  options: KnockOptions = {},
): Promise<BridgePage> {
  const url = `${origin.replace(/^http/, 'ws')}${options.path ?? '/bridge'}`;
  const protocols = options.protocols ?? ['hearth.bridge.1', `hearth.token.${token}`];
  const socket = new WebSocket(url, protocols, {
    ...(options.origin === '' ? {} : { origin: options.origin ?? origin }),
  });
  const received: WireMessage[] = [];
  const waiters: { test: (m: WireMessage) => boolean; resolve: (m: WireMessage) => void }[] = [];
  let nextId = 1;

  socket.on('message', (data: Buffer) => {
    const decoded = decodeFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (!decoded.ok) throw new Error(`the host sent a bad frame: ${decoded.reason}`);
    received.push(decoded.value);
    for (const waiter of waiters.splice(0)) {
      if (waiter.test(decoded.value)) waiter.resolve(decoded.value);
      else waiters.push(waiter);
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
    });
  });

  const next = (test: (message: WireMessage) => boolean): Promise<WireMessage> => {
    const seen = received.find(test);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => waiters.push({ test, resolve }));
  };
  const invokeUnchecked = async (channel: string, args: unknown[]): Promise<ResultMessage> => {
    const id = nextId++;
    socket.send(encodeFrame({ kind: 'invoke', id, channel, args }));
    return (await next((m) => m.kind === 'result' && m.id === id)) as ResultMessage;
  };

  return new Promise((resolve, reject) => {
    socket.on('unexpected-response', (_request, response) => {
      reject(new HandshakeRefused(response.statusCode ?? 0));
      socket.terminate();
    });
    socket.on('error', reject);
    socket.on('open', () => {
      resolve({
        socket,
        received,
        invoke: (channel, ...args) => invokeUnchecked(channel, args),
        invokeUnchecked,
        next,
        closed,
      });
    });
  });
}
