/**
 * React access to sync: the circle's presence (made with the session, so editors can
 * link their cursors before any peer is found) and its CircleSync, started once the
 * endpoints are known and kept in step with the endpoints main finds on the network.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { SignallingEndpoint } from '../../../shared/ipc/contract';
import {
  NO_MEETING_POINTS,
  type MeetingPoints,
  type TurnServer,
} from '../../../shared/sync/meetingPoints';
import { hearth } from '../lib/hearthApi';
import type { CircleSession } from '../live-documents/circleSession';
import { CirclePresence, type PresentMember } from './circlePresence';
import { CircleSync, type SyncStatus } from './circleSync';
import { carriedRelayProblem, type RelayProblem } from './relayProblems';

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

/**
 * Starts sync for the open circle; null until it has started. `beyond` are the circle's
 * meeting points beyond the room: their signalling is added to the room's (each address
 * connects on its own, so one that does not answer holds nothing up) and their relays
 * to ICE, which uses a relay only where no direct path works.
 */
export function useCircleSync(
  session: CircleSession,
  presence: CirclePresence,
  iceServers: readonly string[],
  beyond: MeetingPoints = NO_MEETING_POINTS,
): CircleSync | null {
  const [sync, setSync] = useState<CircleSync | null>(null);
  const iceKey = iceServers.join('\n');
  // Relays change the ICE configuration, so a new one restarts sync; signalling does not.
  const turnKey = JSON.stringify(beyond.turn);
  const signalling = useRef(beyond.signalling);
  const startedRef = useRef<{
    sync: CircleSync | null;
    lan: SignallingEndpoint[];
    /** The stopped sync's relay problem, for the next one of this circle (a refusal outlives a restart). */
    carried: { session: CircleSession; problem: RelayProblem | null } | null;
  }>({
    sync: null,
    lan: [],
    carried: null,
  });
  const urls = useCallback(
    (endpoints: SignallingEndpoint[]): string[] => [
      ...new Set([
        ...endpoints.map((endpoint) => endpoint.url),
        ...session.profile.inviteEndpoints,
        ...signalling.current,
      ]),
    ],
    [session],
  );

  useEffect(() => {
    signalling.current = beyond.signalling;
    const { sync: running, lan } = startedRef.current;
    running?.setEndpoints(urls(lan));
  }, [beyond.signalling, urls]);

  useEffect(() => {
    let live = true;
    let started: CircleSync | null = null;
    const shared = startedRef.current;
    const turn = JSON.parse(turnKey) as TurnServer[];
    const unsubscribe = hearth.events.onEndpoints((endpoints) => {
      shared.lan = endpoints;
      started?.setEndpoints(urls(endpoints));
    });
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
      .then((endpoints) => {
        shared.lan = endpoints;
        return CircleSync.start(session, presence, {
          endpoints: urls(endpoints),
          iceServers: iceKey === '' ? [] : iceKey.split('\n'),
          turn,
          relayProblem:
            shared.carried?.session === session
              ? carriedRelayProblem(shared.carried.problem, turn)
              : null,
        });
      })
      .then(
        (created) => {
          if (!live) {
            created.close();
            return;
          }
          started = created;
          shared.sync = created;
          setSync(created);
        },
        () => undefined,
      );
    return () => {
      live = false;
      unsubscribe();
      window.removeEventListener('pagehide', leave);
      shared.carried = { session, problem: started?.read().relayProblem ?? null };
      started?.close();
      shared.sync = null;
      setSync(null);
    };
  }, [session, presence, iceKey, turnKey, urls]);

  return sync;
}

const OFFLINE: SyncStatus = {
  endpoints: 0,
  peers: [],
  paused: false,
  relayProblem: null,
  catchingUp: null,
};
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
