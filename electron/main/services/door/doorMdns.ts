/**
 * Doors over mDNS: announcing this laptop's open door on every mDNS interface, and
 * listening for the doors open nearby (records: ./doorRecords.ts). One bonjour-service
 * socket per interface for each, through ../discovery/mdnsInterface.ts, opened only while
 * needed: while the door is open, and while a page is looking for doors.
 *
 * Looking is leased: each `watch()` keeps it going for `leaseMs` more, asking the network
 * every `censusMs`; a door not heard for `staleMs` is dropped, and one that says goodbye
 * at once. An open door also announces itself the moment it opens, so a laptop already
 * looking sees it within the network's round trip.
 */
import { logger } from '../../../../shared/log';
import type { NearbyDoor } from '../../../../shared/ipc/contract';
import { MdnsInterface } from '../discovery/mdnsInterface';
import type { DoorNetwork } from './doorNetwork';
import { DOOR_SERVICE_TYPE, doorFromService, doorRecords, type HeardDoor } from './doorRecords';

const log = logger('door');

const DEFAULT_LEASE_MS = 60_000;
const DEFAULT_CENSUS_MS = 4_000;
const MAX_DOORS = 32;

/** An announcement of this laptop's door. */
export interface DoorAnnouncement {
  /** Says goodbye on every interface. */
  withdraw(): Promise<void>;
}

/** Announces a door at `port` with `label` on every mDNS interface; null when mDNS is off. */
export function announceDoor(
  network: DoorNetwork,
  door: { instance: string; port: number; label: string; labelKind: NearbyDoor['labelKind'] },
): DoorAnnouncement | null {
  const mdns = network.mdns();
  if (mdns === null) return null;
  const sockets: MdnsInterface[] = [];
  for (const address of mdns.interfaces) {
    try {
      sockets.push(
        new MdnsInterface({
          address,
          instance: door.instance,
          port: door.port,
          mdnsPort: mdns.port,
          onService: () => undefined,
          onGoodbye: () => undefined,
          service: { type: DOOR_SERVICE_TYPE, records: doorRecords({ ...door, address }) },
        }),
      );
    } catch (error) {
      log.error('a door could not be announced on an interface', { error: String(error) });
    }
  }
  return {
    withdraw: async () => {
      await Promise.all(sockets.map((socket) => socket.close()));
    },
  };
}

/** How to listen for doors; the defaults suit a room. */
export interface NearbyDoorsOptions {
  network: DoorNetwork;
  /** Called when the list changed. */
  onChange: (doors: NearbyDoor[]) => void;
  /** This laptop's own door, left out of the list. */
  ownDoor: () => string | null;
  leaseMs?: number;
  censusMs?: number;
  staleMs?: number;
  now?: () => number;
}

/** The doors open nearby, heard while someone looks. */
export class NearbyDoors {
  private readonly heard = new Map<string, { door: HeardDoor; at: number }>();
  private sockets: MdnsInterface[] = [];
  private census: NodeJS.Timeout | null = null;
  private leaseUntil = 0;
  private lastReported = '[]';
  private closed = false;
  private readonly now: () => number;

  constructor(private readonly options: NearbyDoorsOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The doors heard now. */
  list(): NearbyDoor[] {
    const own = this.options.ownDoor();
    return [...this.heard.values()]
      .filter(({ door }) => door.doorId !== own)
      .map(({ door }) => ({ doorId: door.doorId, label: door.label, labelKind: door.labelKind }));
  }

  /** Where to knock on a door heard now. */
  urlsOf(doorId: string): string[] | null {
    return this.heard.get(doorId)?.door.urls ?? null;
  }

  /** Starts looking (or keeps looking) for a lease's time more. */
  watch(): void {
    if (this.closed) return;
    this.leaseUntil = this.now() + (this.options.leaseMs ?? DEFAULT_LEASE_MS);
    if (this.census !== null) return;
    this.open();
    this.census = setInterval(() => this.tick(), this.options.censusMs ?? DEFAULT_CENSUS_MS);
    this.census.unref();
  }

  /** Stops looking for good. */
  async close(): Promise<void> {
    this.closed = true;
    await this.stop();
  }

  private open(): void {
    const mdns = this.options.network.mdns();
    if (mdns === null) return;
    for (const address of mdns.interfaces) {
      try {
        this.sockets.push(
          new MdnsInterface({
            address,
            instance: 'door-listener',
            port: 1,
            mdnsPort: mdns.port,
            onService: (service) => {
              const door = doorFromService(service);
              if ('ignored' in door) {
                log.debug('ignored a door announcement', { reason: door.ignored });
                return;
              }
              if (!this.heard.has(door.doorId) && this.heard.size >= MAX_DOORS) return;
              this.heard.set(door.doorId, { door, at: this.now() });
              this.report();
            },
            onGoodbye: (instance) => {
              if (this.heard.delete(instance)) this.report();
            },
            service: { type: DOOR_SERVICE_TYPE, records: [] },
          }),
        );
      } catch (error) {
        log.error('doors cannot be heard on an interface', { error: String(error) });
      }
    }
  }

  private tick(): void {
    if (this.now() > this.leaseUntil) {
      void this.stop();
      return;
    }
    const oldest =
      this.now() - (this.options.staleMs ?? 2.5 * (this.options.censusMs ?? DEFAULT_CENSUS_MS));
    for (const [doorId, { at }] of this.heard) if (at < oldest) this.heard.delete(doorId);
    this.report();
    for (const socket of this.sockets) socket.census();
  }

  private async stop(): Promise<void> {
    if (this.census !== null) clearInterval(this.census);
    this.census = null;
    const sockets = this.sockets.splice(0);
    await Promise.all(sockets.map((socket) => socket.close()));
    this.heard.clear();
    this.report();
  }

  private report(): void {
    const list = this.list();
    const key = JSON.stringify(list);
    if (key === this.lastReported) return;
    this.lastReported = key;
    this.options.onChange(list);
  }
}
