/**
 * A relay between a knocker and a door, for the man-in-the-middle tests: it listens like
 * a door and, for each knocker, connects to the real door. Passive, it passes every frame
 * on unchanged; active, it replaces both keys — a door (with its own keys) towards the
 * knocker and a knocker (with its own keys, the same name and colour) towards the door —
 * the best a relay can do. It keeps every byte it receives from either side.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { DoorKnock } from '../../../../../../shared/sync/door/doorKnock';
import { Knocker, type KnockerStep } from '../../../../../../shared/sync/door/knocker';
import { DOOR_SUBPROTOCOL } from '../../../../../../electron/main/services/door/doorRecords';

/** A running relay. */
export interface DoorRelay {
  url: string;
  /** Every frame the relay received, from both sides. */
  readonly received: Uint8Array[];
  /** Active relays: the words it agreed with the knocker and with the door. */
  readonly wordsWithKnocker: (readonly string[])[];
  readonly wordsWithDoor: (readonly string[])[];
  /** Active relays: what the door finally said to the relay's knocker. */
  readonly doorSteps: KnockerStep[];
  close(): Promise<void>;
}

/** Starts a relay in front of `doorUrl`. */
export async function startDoorRelay(
  doorUrl: string,
  mode: 'passive' | 'active',
): Promise<DoorRelay> {
  const server: Server = createServer();
  const sockets = new WebSocketServer({
    server,
    handleProtocols: (offered) => (offered.has(DOOR_SUBPROTOCOL) ? DOOR_SUBPROTOCOL : false),
  });
  const relay = {
    url: '',
    received: [] as Uint8Array[],
    wordsWithKnocker: [] as (readonly string[])[],
    wordsWithDoor: [] as (readonly string[])[],
    doorSteps: [] as KnockerStep[],
  };
  const bytes = (data: RawData): Uint8Array<ArrayBuffer> => {
    const buffer = Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]);
    const copy = new Uint8Array(buffer.length);
    copy.set(buffer);
    relay.received.push(copy);
    return copy;
  };

  sockets.on('connection', (fromKnocker) => {
    const toDoor = new WebSocket(doorUrl, DOOR_SUBPROTOCOL);
    const doorOpen = new Promise<void>((resolve) => toDoor.on('open', () => resolve()));
    toDoor.on('error', () => undefined);
    fromKnocker.on('close', () => toDoor.close());
    toDoor.on('close', () => fromKnocker.close());
    if (mode === 'passive') {
      fromKnocker.on('message', (data) => {
        const frame = bytes(data);
        void doorOpen.then(() => toDoor.send(frame));
      });
      toDoor.on('message', (data) => fromKnocker.send(bytes(data)));
      return;
    }
    // Active: a door facing the knocker, a knocker facing the door.
    const asDoor = new DoorKnock({ send: (frame) => fromKnocker.send(frame) });
    let asKnocker: Promise<Knocker> | null = null;
    fromKnocker.on('message', (data) => {
      void asDoor.receive(bytes(data)).then(async (step) => {
        if (step.kind === 'knocked') {
          await doorOpen;
          asKnocker = Knocker.start({
            name: step.name,
            colour: step.colour,
            send: (frame) => toDoor.send(frame),
          });
        } else if (step.kind === 'words') relay.wordsWithKnocker.push(step.words);
      });
    });
    toDoor.on('message', (data) => {
      const frame = bytes(data);
      void asKnocker
        ?.then((knocker) => knocker.receive(frame))
        .then((step) => {
          if (step.kind === 'words') relay.wordsWithDoor.push(step.words);
          else {
            relay.doorSteps.push(step);
            // Whatever the door said, the relay passes on only an ending.
            if (step.kind === 'ended') asDoor.end(step.reason);
          }
        });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  relay.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/door`;
  return {
    ...relay,
    get url() {
      return relay.url;
    },
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
