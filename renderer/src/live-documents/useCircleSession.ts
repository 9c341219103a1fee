/** React access to an open circle: the session, its index snapshot and its save state. */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { IndexSnapshot } from '../../../shared/notebook/circleIndex';
import type { CircleId } from '../../../shared/notebook/ids';
import { hearth } from '../lib/hearthApi';
import { CircleSession } from './circleSession';
import { saveStandingAt, type SaveStanding } from './saveStanding';

export type { SaveStanding } from './saveStanding';

/** Where opening a circle has got to. */
export type SessionState =
  | { status: 'opening' }
  | { status: 'open'; session: CircleSession }
  | { status: 'failed'; error: unknown };

/**
 * Opens the circle while mounted; saves and closes it when the component goes.
 * `onOpened` runs as it opens, before anything is drawn (e.g. to start loading what the
 * first screen shows).
 */
export function useCircleSession(
  circleId: CircleId,
  onOpened?: (session: CircleSession) => void,
): SessionState {
  const [state, setState] = useState<SessionState>({ status: 'opening' });
  // The first one given: opening is not started again for a new callback.
  const [opened] = useState(() => onOpened);

  useEffect(() => {
    let openSession: CircleSession | null = null;
    let live = true;
    CircleSession.open(hearth, circleId).then(
      (session) => {
        openSession = session;
        if (!live) {
          void session.close();
          return;
        }
        try {
          opened?.(session);
        } catch {
          // Only a head start: what the screen needs, it asks for itself.
        }
        setState({ status: 'open', session });
      },
      (error: unknown) => {
        if (live) setState({ status: 'failed', error });
      },
    );
    return () => {
      live = false;
      if (openSession !== null) void openSession.close();
    };
  }, [circleId, opened]);

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

/**
 * Saving as the status line shows it (./saveStanding.ts). Kept as a plain string so
 * React skips the render when nothing visible changed — every keystroke starts and
 * finishes a save, and re-rendering the status line for each was a measurable part of
 * typing's cost. A timer moves it on when time alone changes it ("just now" grows old,
 * a write becomes late).
 */
export function useSaveStanding(session: CircleSession): SaveStanding {
  const [standing, setStanding] = useState<SaveStanding>('saved');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = (): void => {
      clearTimeout(timer);
      const now = Date.now();
      const { standing: next, recheckAt } = saveStandingAt(session.saves.read(), now);
      setStanding(next);
      if (recheckAt !== null) timer = setTimeout(look, recheckAt - now + 1);
    };
    look();
    const stop = session.saves.subscribe(look);
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [session]);
  return standing;
}
