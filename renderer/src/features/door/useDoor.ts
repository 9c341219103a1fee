/**
 * React access to doors (shared/sync/DOOR.md): this laptop's open door, the doors open
 * nearby, and a clock for their countdowns. The state lives in main; these hooks follow
 * its events.
 */
import { useEffect, useState } from 'react';
import type { DoorState, NearbyDoor } from '../../../../shared/ipc/contract';
import type { IndexSnapshot } from '../../../../shared/notebook/circleIndex';
import type { MemberId } from '../../../../shared/notebook/ids';
import { hearth } from '../../lib/hearthApi';

// Main listens for doors for a minute after each ask; asking again well before keeps it on.
const NEARBY_RENEW_MS = 20_000;

/** This laptop's open door, or null; follows every change. */
export function useDoorState(): DoorState | null {
  const [door, setDoor] = useState<DoorState | null>(null);
  useEffect(() => {
    let live = true;
    const unsubscribe = hearth.events.onDoorState((next) => setDoor(next));
    hearth.door.state().then(
      (current) => {
        if (live) setDoor(current);
      },
      () => undefined,
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);
  return door;
}

/** The doors open nearby while `looking`; null until main first answers. */
export function useNearbyDoors(looking: boolean): NearbyDoor[] | null {
  const [doors, setDoors] = useState<NearbyDoor[] | null>(null);
  useEffect(() => {
    if (!looking) return;
    let live = true;
    const unsubscribe = hearth.events.onNearbyDoors((next) => setDoors(next));
    const ask = (): void => {
      hearth.door.nearby().then(
        (current) => {
          if (live) setDoors(current);
        },
        () => {
          if (live) setDoors((current) => current ?? []);
        },
      );
    };
    ask();
    const timer = setInterval(ask, NEARBY_RENEW_MS);
    return () => {
      live = false;
      clearInterval(timer);
      unsubscribe();
    };
  }, [looking]);
  return doors;
}

/** Milliseconds until `at`, updated every second (never below 0). */
export function useRemaining(at: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [at]);
  return at === null ? 0 : Math.max(0, at - now);
}

/** `m:ss` for a countdown. */
export function countdownText(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Whether `memberId` may open the circle's door: a facilitator, or anyone if the circle says so. */
export function mayLetPeopleIn(snapshot: IndexSnapshot, memberId: MemberId): boolean {
  const { governance } = snapshot;
  return governance.facilitators.has(memberId) || governance.anyMemberMayLetIn;
}
