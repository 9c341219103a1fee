/**
 * The door, as the IPC contract offers it (`hearth:door:*`): this laptop's one open door
 * (./frontDoor.ts, announced by ./doorMdns.ts), the doors open nearby, and the knocks
 * this laptop makes (./knockClient.ts), which end by joining the circle with the invite
 * the door sealed (protocol: shared/sync/DOOR.md).
 *
 * Events: `hearth:door:state` whenever the open door changes (a knock came, went, was
 * answered; the door opened or closed), `hearth:door:nearby` whenever the list of doors
 * changes, `hearth:door:knock` as a knock moves on.
 */
import type {
  CircleSummary,
  DoorState,
  EmitEvent,
  InvokeHandlers,
  JoinCircle,
  KnockEnd,
} from '../../../../shared/ipc/contract';
import { HearthError } from '../../../../shared/ipc/errors';
import { toBase64Url } from '../../../../shared/crypto/base64url';
import { randomBytes } from '../../../../shared/crypto/random';
import { logger } from '../../../../shared/log';
import type { CircleId } from '../../../../shared/notebook/ids';
import { deriveSafetyCode } from '../../../../shared/sync/circleSecrets';
import { newDoorNickname } from '../../../../shared/sync/door/doorNickname';
import { announceDoor, NearbyDoors, type DoorAnnouncement } from './doorMdns';
import type { DoorLimits } from './doorLimits';
import type { DoorNetwork } from './doorNetwork';
import { newDoorInstance } from './doorRecords';
import { openFrontDoor, type FrontDoor } from './frontDoor';
import { knockOnDoor, type KnockClient } from './knockClient';

const log = logger('door');

/** The request channels this module answers. */
export type DoorChannel =
  | 'hearth:door:open'
  | 'hearth:door:close'
  | 'hearth:door:state'
  | 'hearth:door:answer'
  | 'hearth:door:nearby'
  | 'hearth:door:knock'
  | 'hearth:door:leave';

/** What the doors need from the rest of main. */
export interface DoorsOptions {
  /** Where doors listen and are announced; null when the rendezvous did not start. */
  network: DoorNetwork | null;
  emit: EmitEvent;
  /** The invite's bytes for a circle of this laptop, under the name the page gave. */
  invite: (circleId: CircleId, circleName: string) => Promise<Uint8Array>;
  /** Joins a circle from an invite a door sealed for this laptop. */
  join: (join: JoinCircle) => Promise<CircleSummary>;
  limits?: Partial<DoorLimits>;
  /** Tests: how long looking for doors lasts, how often it asks. */
  nearby?: { leaseMs?: number; censusMs?: number; staleMs?: number };
  now?: () => number;
}

/** The door service. */
export interface Doors {
  handlers: Pick<InvokeHandlers, DoorChannel>;
  /** Closes the door (telling knockers), stops knocks and listening. */
  close(): Promise<void>;
}

interface OpenDoor {
  circleId: CircleId;
  instance: string;
  nickname: string;
  label: string;
  labelKind: DoorState['labelKind'];
  closesAt: number;
  front: FrontDoor;
  announcement: DoorAnnouncement | null;
  timer: NodeJS.Timeout;
}

/** Builds the door service. */
export function createDoors(options: DoorsOptions): Doors {
  const now = options.now ?? Date.now;
  const knocks = new Map<string, KnockClient>();
  let door: OpenDoor | null = null;
  // Opening and closing one after another, never interleaved.
  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const next = turn.then(work);
    turn = next.catch(() => undefined);
    return next;
  };

  const stateOf = (open: OpenDoor | null): DoorState | null =>
    open === null
      ? null
      : {
          circleId: open.circleId,
          nickname: open.nickname,
          label: open.label,
          labelKind: open.labelKind,
          closesAt: open.closesAt,
          announced: open.announcement !== null,
          knocks: open.front.knocks(),
          letIn: open.front.letIn(),
        };
  const report = (): void => options.emit('hearth:door:state', stateOf(door));

  const nearby =
    options.network === null
      ? null
      : new NearbyDoors({
          network: options.network,
          onChange: (doors) => options.emit('hearth:door:nearby', doors),
          ownDoor: () => door?.instance ?? null,
          ...options.nearby,
          ...(options.now === undefined ? {} : { now: options.now }),
        });

  const shut = async (): Promise<void> => {
    const closing = door;
    if (closing === null) return;
    door = null;
    clearTimeout(closing.timer);
    await Promise.all([closing.front.close(), closing.announcement?.withdraw()]);
    report();
  };

  const handlers: Doors['handlers'] = {
    'hearth:door:open': (request) =>
      inTurn(async () => {
        const network = options.network;
        if (network === null) {
          throw new HearthError('internal', 'This laptop’s network services are not running.');
        }
        await shut();
        const front = await openFrontDoor({
          hosts: network.hosts(),
          invite: () => options.invite(request.circleId, request.circleName),
          onChange: report,
          ...(options.limits === undefined ? {} : { limits: options.limits }),
          ...(options.now === undefined ? {} : { now: options.now }),
        });
        const nickname = newDoorNickname().join(' ');
        const labelKind = request.showCircleName ? 'circle-name' : 'nickname';
        const label = request.showCircleName ? request.circleName : nickname;
        const instance = newDoorInstance();
        const opened: OpenDoor = {
          circleId: request.circleId,
          instance,
          nickname,
          label,
          labelKind,
          closesAt: now() + request.minutes * 60_000,
          front,
          announcement: announceDoor(network, { instance, port: front.port, label, labelKind }),
          timer: setTimeout(() => {
            log.info('a door closed: its time ran out');
            void inTurn(shut);
          }, request.minutes * 60_000),
        };
        door = opened;
        report();
        return stateOf(opened)!;
      }),
    'hearth:door:close': () => inTurn(shut),
    'hearth:door:state': () => Promise.resolve(stateOf(door)),
    'hearth:door:answer': async (knockId, answer) => {
      if (door === null || !(await door.front.answer(knockId, answer))) {
        throw new HearthError('not-found', 'That knock is no longer waiting.');
      }
    },
    'hearth:door:nearby': () => {
      nearby?.watch();
      return Promise.resolve(nearby?.list() ?? []);
    },
    'hearth:door:knock': (request) => {
      const urls = nearby?.urlsOf(request.doorId) ?? null;
      if (urls === null) {
        return Promise.reject(new HearthError('not-found', 'That door is no longer open.'));
      }
      const knockId = toBase64Url(randomBytes(12));
      const ended = (reason: KnockEnd): void => {
        knocks.delete(knockId);
        options.emit('hearth:door:knock', { knockId, stage: 'ended', reason });
      };
      options.emit('hearth:door:knock', { knockId, stage: 'knocking' });
      const client = knockOnDoor(
        urls,
        { name: request.memberName, colour: request.colour },
        {
          words: (words) =>
            options.emit('hearth:door:knock', { knockId, stage: 'words', words: [...words] }),
          ended,
          letIn: (invite) => {
            knocks.delete(knockId);
            void (async () => {
              const circle = await options.join({
                circleId: invite.circleId,
                circleKey: invite.circleKey,
                name: invite.circleName,
                memberName: request.memberName,
                colour: request.colour,
                colourChosen: request.colourChosen,
                endpoints: [...invite.endpoints],
                turn: [...(invite.turn ?? [])],
              });
              const safetyCode = [...(await deriveSafetyCode(invite.circleKey))];
              options.emit('hearth:door:knock', { knockId, stage: 'joined', circle, safetyCode });
            })().catch((error: unknown) => {
              log.error('joining through a door failed', { error: String(error) });
              ended('join-failed');
            });
          },
        },
      );
      knocks.set(knockId, client);
      return Promise.resolve(knockId);
    },
    'hearth:door:leave': (knockId) => {
      knocks.get(knockId)?.leave();
      knocks.delete(knockId);
      return Promise.resolve();
    },
  };

  return {
    handlers,
    close: async () => {
      for (const client of knocks.values()) client.leave();
      knocks.clear();
      await inTurn(shut);
      await nearby?.close();
    },
  };
}
