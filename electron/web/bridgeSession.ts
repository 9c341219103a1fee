/**
 * One authenticated browser-mode page (the host has already checked its token and
 * origin): reads its invoke frames, hands each to the same dispatcher Electron main uses
 * (electron/main/ipc/dispatch.ts) and sends the answer. A frame that is not the wire format closes this socket (with the reason in
 * the log) and nothing else; a failing handler becomes a `[kind] message` result.
 */
import type { RawData, WebSocket } from 'ws';
import { IPC_CONTRACT_VERSION, type InvokeHandlers } from '../../shared/ipc/contract';
import { HearthError } from '../../shared/ipc/errors';
import {
  BRIDGE_BEAT_CHANNEL,
  BRIDGE_BEAT_MS,
  WIRE_VERSION,
  WireError,
  decodeFrame,
  encodeFrame,
  type InvokeMessage,
  type ResultMessage,
} from '../../shared/ipc/wire';
import { logger } from '../../shared/log';
import { INTERNAL_ERROR_MESSAGE, dispatch } from '../main/ipc/dispatch';

const log = logger('web-host');

/** Close code for a peer that broke the protocol (RFC 6455 "policy violation"). */
export const CLOSE_PROTOCOL_BROKEN = 1008;
/** Close code sent to every page when the host stops. */
export const CLOSE_GOING_AWAY = 1001;

// What a request is told once the host has begun to stop.
const SHUTTING_DOWN_MESSAGE = 'Hearth is shutting down; try again';

// A page this far behind on its answers is not a renderer waiting for its documents.
const MAX_REQUESTS_IN_FLIGHT = 4096;

/** A connected, authenticated page. */
export interface BridgeSession {
  /** Sends an already encoded frame (an event) if the socket is still open. */
  sendFrame(frame: Uint8Array): void;
  /** From now on every request is answered "shutting down" instead of being run. */
  stopAccepting(): void;
  /** Resolves once every request already running has been answered. */
  drain(): Promise<void>;
  /** Closes the socket with a code and a reason the page can show. */
  close(code: number, reason: string): void;
}

/** Starts serving requests from `socket`; `label` names it in the log. */
export function openBridgeSession(
  socket: WebSocket,
  handlers: InvokeHandlers,
  label: string,
): BridgeSession {
  const inFlight = new Map<number, Promise<void>>();
  let accepting = true;

  const send = (frame: Uint8Array): void => {
    if (socket.readyState === socket.OPEN) socket.send(frame);
  };
  const breakOff = (reason: string): void => {
    log.warn('closed a page that broke the bridge protocol', { socket: label, reason });
    // The reason in a close frame is limited to 123 bytes.
    socket.close(CLOSE_PROTOCOL_BROKEN, reason.slice(0, 120));
  };

  // Starts the request in `frame`, or says why the page broke the protocol.
  const take = (frame: Uint8Array): string | null => {
    const decoded = decodeFrame(frame);
    if (!decoded.ok) return decoded.reason;
    const message = decoded.value;
    if (message.kind !== 'invoke') return `a page may not send ${message.kind} messages`;
    if (inFlight.has(message.id)) return `request ${message.id} is already running`;
    if (inFlight.size >= MAX_REQUESTS_IN_FLIGHT) return 'too many requests in flight';

    // The handler is called before anything is awaited, so requests start in the order
    // they arrived, as they do over Electron IPC.
    const answered = answer(message, handlers, accepting)
      .then((result) => {
        send(encodeResult(result));
      })
      .catch((error: unknown) => {
        log.error('could not answer a request', { socket: label, error: String(error) });
      })
      .finally(() => {
        inFlight.delete(message.id);
      });
    inFlight.set(message.id, answered);
    return null;
  };

  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (socket.readyState !== socket.OPEN) return;
    const refusal = isBinary ? take(toBytes(data)) : 'text frames are not part of the bridge';
    if (refusal !== null) breakOff(refusal);
  });

  send(
    encodeFrame({
      kind: 'hello',
      wireVersion: WIRE_VERSION,
      contractVersion: IPC_CONTRACT_VERSION,
    }),
  );
  // The heartbeat: the page learns within moments that this process is gone or frozen.
  const beat = encodeFrame({ kind: 'event', channel: BRIDGE_BEAT_CHANNEL, payload: null });
  const beating = setInterval(() => send(beat), BRIDGE_BEAT_MS);
  beating.unref();
  socket.on('close', () => clearInterval(beating));

  return {
    sendFrame: send,
    stopAccepting: () => {
      accepting = false;
    },
    drain: async () => {
      await Promise.allSettled([...inFlight.values()]);
    },
    close: (code, reason) => {
      socket.close(code, reason);
    },
  };
}

// Runs one request through the one dispatcher; every failure comes back as a result.
async function answer(
  message: InvokeMessage,
  handlers: InvokeHandlers,
  accepting: boolean,
): Promise<ResultMessage> {
  const { id, channel, args } = message;
  if (!accepting) return failed(id, new HearthError('internal', SHUTTING_DOWN_MESSAGE));
  const answered = await dispatch(handlers, channel, args);
  return answered.ok
    ? { kind: 'result', id, ok: true, value: answered.value }
    : failed(id, answered.error);
}

function failed(id: number, error: HearthError): ResultMessage {
  return { kind: 'result', id, ok: false, error: error.toWire() };
}

// A result the format cannot carry (too large, odd types) is reported to the page.
function encodeResult(result: ResultMessage): Uint8Array {
  try {
    return encodeFrame(result);
  } catch (error) {
    if (!(error instanceof WireError)) throw error;
    // The reason names the result's shape or size; it stays in the log like any other.
    log.error('a result could not be encoded', { reason: error.message });
    return encodeFrame(failed(result.id, new HearthError('internal', INTERNAL_ERROR_MESSAGE)));
  }
}

// ws hands binary messages over as one Buffer (the default binaryType), or as an
// ArrayBuffer or fragments if someone changes it; the decoder wants a plain view.
function toBytes(data: RawData): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  const buffer = Array.isArray(data) ? Buffer.concat(data) : data;
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
