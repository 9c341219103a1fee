/** React access to an open circle: the session, its index snapshot and its save state. */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { IndexSnapshot } from '../../../shared/notebook/circleIndex';
import type { CircleId } from '../../../shared/notebook/ids';
import { hearth } from '../lib/hearthApi';
import { CircleSession } from './circleSession';

/** Where opening a circle has got to. */
export type SessionState =
  | { status: 'opening' }
  | { status: 'open'; session: CircleSession }
  | { status: 'failed'; error: unknown };

/** Opens the circle while mounted; saves and closes it when the component goes. */
export function useCircleSession(circleId: CircleId): SessionState {
  const [state, setState] = useState<SessionState>({ status: 'opening' });

  useEffect(() => {
    let opened: CircleSession | null = null;
    let live = true;
    CircleSession.open(hearth, circleId).then(
      (session) => {
        opened = session;
        if (live) setState({ status: 'open', session });
        else void session.close();
      },
      (error: unknown) => {
        if (live) setState({ status: 'failed', error });
      },
    );
    return () => {
      live = false;
      if (opened !== null) void opened.close();
    };
  }, [circleId]);

  return state;
}

/** The index document's validated snapshot, re-rendering on every change. */
export function useIndexSnapshot(session: CircleSession): IndexSnapshot {
  const subscribe = useCallback(
    (listener: () => void) => session.index.subscribe(listener),
    [session],
  );
  const read = useCallback(() => session.index.read(), [session]);
  return useSyncExternalStore(subscribe, read);
}

/** What the status line shows about saving: a value that changes only when the words do. */
export type SaveStanding = 'saved' | 'saving' | `failed:${string}`;

/**
 * Saving as the status line shows it. Reading a plain string lets React skip the render
 * when nothing visible changed — every keystroke starts and finishes a save, and
 * re-rendering the status line for each was a measurable part of typing's cost.
 */
export function useSaveStanding(session: CircleSession): SaveStanding {
  const read = useCallback((): SaveStanding => {
    const state = session.saves.read();
    if (state.failure !== null) return `failed:${state.failure}`;
    return state.pending > 0 ? 'saving' : 'saved';
  }, [session]);
  return useSyncExternalStore(session.saves.subscribe, read);
}
