/**
 * An open door on this laptop: a WebSocket listener on a fresh port of the signalling
 * endpoint's addresses, where each connection is one knock (shared/sync/door/doorKnock.ts)
 * kept within the limits of ./doorLimits.ts (protocol and limits: shared/sync/DOOR.md).
 *
 * What it refuses at the handshake: another path or subprotocol, a web page that is not
 * Hearth's, more connections than allowed (503), an address over its knock rate (429), a
 * door that is closing. After it: text frames, oversized frames (1009), malformed or
 * out-of-turn messages (1002), a knocker that has not revealed its key in time. Refusals
 * are logged with the connection's number and a reason, never what the message said, nor
 * the knocker's name or words.
 *
 * The facilitator's page hears of a knock only once its words exist (`knocks()`), and
 * answers with `answer`; at most `maxWaiting` knocks wait at once, each for at most
 * `knockExpiryMs`.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { WaitingKnock } from '../../../../shared/ipc/contract';
import { toBase64Url } from '../../../../shared/crypto/base64url';
import { randomBytes } from '../../../../shared/crypto/random';
import { logger } from '../../../../shared/log';
import type { MemberColour } from '../../../../shared/notebook/schema';
import { DoorKnock } from '../../../../shared/sync/door/doorKnock';
import { MAX_DOOR_MESSAGE_BYTES } from '../../../../shared/sync/door/doorMessages';
import { listenOnAddresses, type AddressListeners } from '../signalling/addressListeners';
import { isHearthOrigin } from '../signalling/signallingEndpoint';
import { AddressRate, DEFAULT_DOOR_LIMITS, type DoorLimits } from './doorLimits';
import { DOOR_PATH, DOOR_SUBPROTOCOL } from './doorRecords';

const log = logger('door');

const CLOSE = { normal: 1000, protocolError: 1002, goingAway: 1001 } as const;
// The first few refused handshakes are logged one by one, then a count at most this often:
// a flood of knocks must not become a flood of log lines.
const REFUSALS_LOGGED_ONE_BY_ONE = 3;
const REFUSAL_SUMMARY_INTERVAL_MS = 10_000;

/** How to open a door. */
export interface FrontDoorOptions {
  /** The addresses to listen on (the signalling endpoint's). */
  hosts: string[];
  /** The invite's bytes, built when someone is let in (shared/sync/INVITE.md). */
  invite: () => Promise<Uint8Array>;
  /** Something a page should redraw changed: a knock came, went or was answered. */
  onChange: () => void;
  limits?: Partial<DoorLimits>;
  now?: () => number;
}

interface OpenKnock {
  id: string;
  label: string;
  socket: WebSocket;
  knock: DoorKnock;
  words: readonly string[] | null;
  expiresAt: number;
  timer: NodeJS.Timeout;
}

/** A door, listening. */
export interface FrontDoor {
  readonly port: number;
  /** The addresses it listens on. */
  readonly hosts: string[];
  /** Knocks that have shown their words and wait for an answer, oldest first. */
  knocks(): WaitingKnock[];
  /** Who was let in through this door. */
  letIn(): { memberName: string; colour: MemberColour }[];
  /** Lets a waiting knocker in, or says "not now"; false when the knock is gone. */
  answer(knockId: string, answer: 'let-in' | 'not-now'): Promise<boolean>;
  /** Tells every knocker the door closed and stops listening. Idempotent. */
  close(): Promise<void>;
}

/** Opens a door on `options.hosts`, on a free port. */
export async function openFrontDoor(options: FrontDoorOptions): Promise<FrontDoor> {
  const limits: DoorLimits = { ...DEFAULT_DOOR_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const rate = new AddressRate(
    limits.knocksPerAddress,
    limits.rateWindowMs,
    limits.maxTrackedAddresses,
    now,
  );
  const open = new Map<WebSocket, OpenKnock>();
  const admitted: { memberName: string; colour: MemberColour }[] = [];
  let nextLabel = 1;
  let closing: Promise<void> | null = null;
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_DOOR_MESSAGE_BYTES,
    perMessageDeflate: false,
    handleProtocols: (offered) => (offered.has(DOOR_SUBPROTOCOL) ? DOOR_SUBPROTOCOL : false),
  });

  const refusals = { total: 0, sinceSummary: 0, summarisedAt: 0 };
  const summariseRefusals = (): void => {
    if (refusals.sinceSummary === 0) return;
    log.info('refused more knocks at the handshake', {
      count: refusals.sinceSummary,
      total: refusals.total,
    });
    refusals.sinceSummary = 0;
    refusals.summarisedAt = now();
  };
  const refuseHandshake = (socket: Duplex, status: number, reason: string): void => {
    refusals.total++;
    if (refusals.total <= REFUSALS_LOGGED_ONE_BY_ONE) {
      log.info('refused a knock at the handshake', { status, reason });
      refusals.summarisedAt = now();
    } else {
      refusals.sinceSummary++;
      if (now() - refusals.summarisedAt >= REFUSAL_SUMMARY_INTERVAL_MS) summariseRefusals();
    }
    socket.once('finish', () => socket.destroy());
    socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', (error) => {
      log.debug('a socket failed during a door handshake', { error: String(error) });
    });
    const path = new URL(request.url ?? '/', 'http://door.invalid').pathname;
    const protocols = (request.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((protocol) => protocol.trim());
    const refusal: [status: number, reason: string] | null =
      closing !== null
        ? [503, 'the door is closing']
        : path !== DOOR_PATH
          ? [404, 'not the door’s path']
          : !protocols.includes(DOOR_SUBPROTOCOL)
            ? [400, 'not the door’s protocol']
            : !isHearthOrigin(request.headers.origin)
              ? [403, 'a page that is not Hearth']
              : open.size >= limits.maxConnections
                ? [503, 'too many knocks']
                : // Counted last: a refused handshake does not use up the address's rate.
                  !rate.take(request.socket.remoteAddress ?? '')
                  ? [429, 'an address over its knock rate']
                  : null;
    if (refusal !== null) {
      refuseHandshake(socket, ...refusal);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      if (closing !== null || open.size >= limits.maxConnections) {
        ws.close(CLOSE.goingAway, 'busy');
        return;
      }
      welcome(ws);
    });
  };

  const send = (ws: WebSocket, frame: Uint8Array): void => {
    if (ws.readyState === ws.OPEN) ws.send(frame);
  };

  const finish = (entry: OpenKnock, code: number, reason: string): void => {
    if (!open.has(entry.socket)) return;
    open.delete(entry.socket);
    clearTimeout(entry.timer);
    entry.knock.drop();
    entry.socket.close(code, reason);
    if (entry.words !== null) options.onChange();
  };

  const welcome = (ws: WebSocket): void => {
    const entry: OpenKnock = {
      id: toBase64Url(randomBytes(12)),
      label: `#${nextLabel++}`,
      socket: ws,
      knock: new DoorKnock({ send: (frame) => send(ws, frame) }),
      words: null,
      expiresAt: now() + limits.knockExpiryMs,
      timer: setTimeout(() => {
        log.info('closed a knock that did not finish its exchange in time', { knock: entry.label });
        finish(entry, CLOSE.protocolError, 'too slow');
      }, limits.handshakeMs),
    };
    open.set(ws, entry);
    ws.on('error', (error: Error & { code?: string }) => {
      // ws closes the connection itself (1009 for an oversized frame); the code says why.
      log.warn('a knock’s connection failed', {
        knock: entry.label,
        error: error.code ?? error.name,
      });
    });
    ws.on('close', () => finish(entry, CLOSE.normal, ''));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) {
        log.warn('refused a knock', { knock: entry.label, reason: 'a text frame' });
        finish(entry, CLOSE.protocolError, 'binary frames only');
        return;
      }
      void entry.knock.receive(bytesOf(data)).then((step) => {
        if (!open.has(ws)) return;
        switch (step.kind) {
          case 'refused':
            log.warn('refused a knock', { knock: entry.label, reason: step.reason });
            finish(entry, CLOSE.protocolError, 'protocol error');
            return;
          case 'knocked': {
            const waiting = [...open.values()].filter(
              (other) => other !== entry && other.knock.stage !== 'awaiting-knock',
            ).length;
            if (waiting >= limits.maxWaiting) {
              log.info('a knock found the door busy', { knock: entry.label });
              entry.knock.end('busy');
              finish(entry, CLOSE.normal, 'busy');
              return;
            }
            entry.expiresAt = now() + limits.knockExpiryMs;
            return;
          }
          case 'words':
            clearTimeout(entry.timer);
            entry.words = step.words;
            entry.timer = setTimeout(
              () => {
                entry.knock.end('expired');
                finish(entry, CLOSE.normal, 'expired');
              },
              Math.max(0, entry.expiresAt - now()),
            );
            log.info('a knock is waiting for an answer', { knock: entry.label });
            options.onChange();
            return;
        }
      });
    });
  };

  const listeners: AddressListeners = await listenOnAddresses({
    addresses: () => options.hosts,
    port: 0,
    fallbackToFreePort: true,
    pollMs: 0,
    maxSocketsPerAddress: limits.maxConnections * 2 + 16,
    onRequest: (_request, response) => {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Not here.\n');
    },
    onUpgrade,
    onChange: () => undefined,
  });
  log.info('a door opened', { port: listeners.port });

  const byId = (knockId: string): OpenKnock | undefined =>
    [...open.values()].find((entry) => entry.id === knockId && entry.words !== null);

  const shutDown = async (): Promise<void> => {
    for (const entry of [...open.values()]) {
      entry.knock.end('door-closed');
      finish(entry, CLOSE.normal, 'the door closed');
    }
    await listeners.close();
    sockets.close();
    summariseRefusals();
    log.info('a door closed', { letIn: admitted.length, refusedAtHandshake: refusals.total });
  };

  return {
    port: listeners.port,
    get hosts() {
      return listeners.hosts;
    },
    knocks: () =>
      [...open.values()]
        .filter((entry) => entry.words !== null && entry.knock.knocker !== null)
        .map((entry) => ({
          knockId: entry.id,
          memberName: entry.knock.knocker!.name,
          colour: entry.knock.knocker!.colour,
          words: [...entry.words!],
          expiresAt: entry.expiresAt,
        })),
    letIn: () => [...admitted],
    answer: async (knockId, answer) => {
      const entry = byId(knockId);
      if (entry === undefined || entry.knock.stage !== 'waiting') return false;
      if (answer === 'not-now') {
        entry.knock.end('not-now');
        finish(entry, CLOSE.normal, '');
        log.info('a knock was answered "not now"', { knock: entry.label });
        return true;
      }
      const knocker = entry.knock.knocker!;
      const invite = await options.invite();
      // The knock may have expired, or its knocker left, while the invite was being made.
      // (The stage is read through a function: the compiler cannot see it change across await.)
      if (!open.has(entry.socket) || stageOf(entry) !== 'waiting') return false;
      await entry.knock.letIn(invite);
      admitted.push({ memberName: knocker.name, colour: knocker.colour });
      finish(entry, CLOSE.normal, '');
      log.info('a knocker was let in', { knock: entry.label });
      return true;
    },
    close: () => (closing ??= shutDown()),
  };
}

function stageOf(entry: OpenKnock): DoorKnock['stage'] {
  return entry.knock.stage;
}

function bytesOf(data: RawData): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  const buffer = Array.isArray(data) ? Buffer.concat(data) : data;
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
