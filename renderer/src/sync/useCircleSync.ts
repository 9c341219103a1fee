/**
 * React access to sync: the circle's presence (made with the session, so editors can
 * link their cursors before any peer is found) and its CircleSync, started once the
 * endpoints are known and kept in step with the endpoints main finds on the network.
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { SignallingEndpoint } from '../../../shared/ipc/contract';
import { hearth } from '../lib/hearthApi';
import type { CircleSession } from '../notebook/circleSession';
import { CirclePresence, type PresentMember } from './circlePresence';
import { CircleSync, type SyncStatus } from './circleSync';

/** Presence and sync of the open circle, for the components inside it. */
export interface CircleLive {
  presence: CirclePresence;
  sync: CircleSync | null;
}

/** The open circle's presence and sync. */
export const CircleLiveContext = createContext<CircleLive | null>(null);

/** Reads the open circle's presence and sync (inside CircleLiveContext). */
export function useCircleLive(): CircleLive {
  const live = useContext(CircleLiveContext);
  if (live === null) throw new Error('useCircleLive is used outside an open circle.');
  return live;
}

/** Makes the presence of `session`, for as long as the session is open. */
export function useCirclePresence(session: CircleSession): CirclePresence {
  const [presence] = useState(() => new CirclePresence(session));
  useEffect(() => () => presence.destroy(), [presence]);
  return presence;
}

/** Starts sync for the open circle; null until it has started. */
export function useCircleSync(
  session: CircleSession,
  presence: CirclePresence,
  iceServers: readonly string[],
): CircleSync | null {
  const [sync, setSync] = useState<CircleSync | null>(null);
  const iceKey = iceServers.join('\n');

  useEffect(() => {
    let live = true;
    let started: CircleSync | null = null;
    const urls = (endpoints: SignallingEndpoint[]): string[] => [
      ...new Set([
        ...endpoints.map((endpoint) => endpoint.url),
        ...session.profile.inviteEndpoints,
      ]),
    ];
    const unsubscribe = hearth.events.onEndpoints((endpoints) =>
      started?.setEndpoints(urls(endpoints)),
    );
    // Leaving (closing the window, reloading): close the links now, so the others see this
    // laptop go at once instead of after their connections time out.
    const leave = (event: PageTransitionEvent): void => {
      // A page kept for going back (the browser's page cache) has not left.
      if (!event.persisted) started?.close();
    };
    window.addEventListener('pagehide', leave);
    hearth.sync
      .endpoints()
      .catch(() => [])
      .then((endpoints) =>
        CircleSync.start(session, presence, {
          endpoints: urls(endpoints),
          iceServers: iceKey === '' ? [] : iceKey.split('\n'),
        }),
      )
      .then(
        (created) => {
          if (!live) {
            created.close();
            return;
          }
          started = created;
          setSync(created);
        },
        () => undefined,
      );
    return () => {
      live = false;
      unsubscribe();
      window.removeEventListener('pagehide', leave);
      started?.close();
      setSync(null);
    };
  }, [session, presence, iceKey]);

  return sync;
}

const OFFLINE: SyncStatus = { endpoints: 0, peers: [], paused: false, catchingUp: null };
const noSubscription = (): (() => void) => () => undefined;

/** Where sync stands; offline until sync has started. */
export function useSyncStatus(sync: CircleSync | null): SyncStatus {
  return useSyncExternalStore(sync?.subscribe ?? noSubscription, sync?.read ?? (() => OFFLINE));
}

/** The other members here now. */
export function usePresentMembers(presence: CirclePresence): PresentMember[] {
  return useSyncExternalStore(
    (listener) => presence.subscribe(listener),
    () => presence.members(),
  );
}
