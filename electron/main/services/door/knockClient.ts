/**
 * A knock from this laptop on a door nearby (shared/sync/door/knocker.ts over a WebSocket
 * from main: shared/sync/DOOR.md says why main and not the page). Tries the door's
 * addresses in turn, reports each step, and ends with the opened invite or the reason.
 * Nothing the door sends is logged; a broken exchange is logged with its reason only.
 */
import { WebSocket, type RawData } from 'ws';
import type { KnockEnd } from '../../../../shared/ipc/contract';
import { logger } from '../../../../shared/log';
import type { MemberColour } from '../../../../shared/notebook/schema';
import { MAX_DOOR_MESSAGE_BYTES } from '../../../../shared/sync/door/doorMessages';
import { Knocker } from '../../../../shared/sync/door/knocker';
import type { Invite } from '../../../../shared/sync/invite';
import { DOOR_SUBPROTOCOL } from './doorRecords';

const log = logger('door');

// A door in the room answers in milliseconds; an address that does not is the wrong one.
const CONNECT_TIMEOUT_MS = 4_000;

/** What a knock reports as it goes. */
export interface KnockEvents {
  words(words: readonly string[]): void;
  /** The door let us in: the invite it sent. */
  letIn(invite: Invite): void;
  ended(reason: KnockEnd): void;
}

/** A knock in progress. */
export interface KnockClient {
  /** Stops knocking and closes the connection. */
  leave(): void;
}

/** Knocks on the door at `urls` as `name` in `colour`. */
export function knockOnDoor(
  urls: readonly string[],
  knocker: { name: string; colour: MemberColour },
  events: KnockEvents,
): KnockClient {
  let socket: WebSocket | null = null;
  let knock: Promise<Knocker> | null = null;
  let done = false;
  const end = (reason: KnockEnd | null): void => {
    if (done) return;
    done = true;
    void knock?.then((started) => started.leave());
    socket?.close();
    if (reason !== null) events.ended(reason);
  };

  const tryAddress = (index: number): void => {
    if (done) return;
    const url = urls[index];
    if (url === undefined) {
      end('unreachable');
      return;
    }
    const ws = new WebSocket(url, DOOR_SUBPROTOCOL, {
      maxPayload: MAX_DOOR_MESSAGE_BYTES,
      perMessageDeflate: false,
      handshakeTimeout: CONNECT_TIMEOUT_MS,
    });
    ws.binaryType = 'nodebuffer';
    socket = ws;
    let opened = false;
    // Frames are handled one after another (opening the invite takes a moment); the close
    // that follows a WELCOME or an END must wait for them, or it would win the race.
    let handled: Promise<unknown> = Promise.resolve();
    ws.on('unexpected-response', (_request, response) => {
      // The door answered, and said no: busy (503) or too many knocks from here (429).
      const status = response.statusCode ?? 0;
      ws.terminate();
      end(status === 503 || status === 429 ? 'busy' : 'unreachable');
    });
    ws.on('error', (error: Error & { code?: string }) => {
      log.debug('a knock’s connection failed', { error: error.code ?? error.name });
    });
    ws.on('open', () => {
      opened = true;
      knock = Knocker.start({
        name: knocker.name,
        colour: knocker.colour,
        send: (frame) => {
          if (ws.readyState === ws.OPEN) ws.send(frame);
        },
      });
      knock.catch((error: unknown) => {
        log.error('a knock could not start', { error: String(error) });
        end('broken');
      });
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary || knock === null) {
        log.warn('a door broke the protocol', { reason: isBinary ? 'too early' : 'a text frame' });
        end('broken');
        return;
      }
      const bytes = toBytes(data);
      const started = knock;
      // In order: each frame is handed over after the one before it.
      handled = handled
        .then(() => started)
        .then((knocker) => knocker.receive(bytes))
        .then((step) => {
          if (done) return;
          switch (step.kind) {
            case 'words':
              events.words(step.words);
              return;
            case 'let-in':
              done = true;
              ws.close();
              events.letIn(step.invite);
              return;
            case 'ended':
              end(step.reason);
              return;
            case 'refused':
              log.warn('a door broke the protocol', { reason: step.reason });
              end('broken');
              return;
          }
        })
        // A knock that could not start has ended already (see 'open').
        .catch(() => undefined);
    });
    ws.on('close', () => {
      if (socket !== ws || done) return;
      // Never reached: try the next address. Reached, then cut: the door went away.
      if (!opened) {
        tryAddress(index + 1);
        return;
      }
      void handled.then(() => {
        end('door-closed');
      });
    });
  };

  tryAddress(0);
  return { leave: () => end(null) };
}

function toBytes(data: RawData): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  const buffer = Array.isArray(data) ? Buffer.concat(data) : data;
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
