/**
 * Streams a live document's updates to this laptop's store. Every update not read
 * from the store itself is appended; a failed append is kept and retried with
 * backoff (merged into one update), so a full disk or a restarting host delays a
 * save but never drops a word.
 */
import * as Y from 'yjs';
import type { HearthApi } from '../../../shared/ipc/contract';
import { HearthError } from '../../../shared/ipc/errors';
import type { CircleId, DocId } from '../../../shared/notebook/ids';
import { STORE_ORIGIN } from '../../../shared/notebook/origins';
import type { SaveTracker } from './saveTracker';

const RETRY_DELAYS_MS = [500, 1000, 2000, 5000, 10000];

/** Keeps one document's store copy up to date until `detach` is called. */
export interface DocPersistence {
  /** Resolves when nothing of this document is waiting to be written or retried. */
  settled(): Promise<void>;
  detach(): void;
  /** Stops and drops every write still waiting: the document is being deleted. */
  abandon(): void;
}

/** Starts appending `ydoc`'s updates to the store. */
export function persistDoc(
  api: HearthApi,
  circleId: CircleId,
  docId: DocId,
  ydoc: Y.Doc,
  tracker: SaveTracker,
): DocPersistence {
  const inFlight = new Set<Promise<void>>();
  let retryQueue: Uint8Array[] = [];
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let detached = false;

  const append = (update: Uint8Array, count: number): void => {
    const write = api.docs.append(circleId, docId, update).then(
      () => {
        attempt = 0;
        tracker.saved(count);
      },
      (error: unknown) => {
        tracker.failed(describeFailure(error));
        retryQueue.push(update);
        scheduleRetry(count);
      },
    );
    inFlight.add(write);
    void write.finally(() => inFlight.delete(write));
  };

  let retryCount = 0;
  const retry = (): void => {
    retryTimer = null;
    const updates = retryQueue;
    const count = retryCount;
    retryQueue = [];
    retryCount = 0;
    if (updates.length > 0) append(Y.mergeUpdates(updates), count);
  };
  const scheduleRetry = (count: number): void => {
    retryCount += count;
    if (retryTimer !== null) return;
    const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]!;
    attempt++;
    retryTimer = setTimeout(retry, delay);
  };
  // The host came back: what waits goes now, not after the backoff (up to 10 s).
  const stopRetryingNow = tracker.onRetryNow(() => {
    if (retryTimer === null || detached) return;
    clearTimeout(retryTimer);
    attempt = 0;
    retry();
  });

  const onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === STORE_ORIGIN || detached) return;
    tracker.started();
    append(update, 1);
  };
  ydoc.on('update', onUpdate);

  return {
    settled: async () => {
      while (inFlight.size > 0 || retryTimer !== null) {
        await Promise.allSettled([...inFlight]);
        if (retryTimer !== null) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    detach: () => {
      detached = true;
      stopRetryingNow();
      ydoc.off('update', onUpdate);
    },
    abandon: () => {
      detached = true;
      stopRetryingNow();
      ydoc.off('update', onUpdate);
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
      // What was waiting no longer counts as unsaved: it is meant to be gone.
      if (retryCount > 0) tracker.saved(retryCount);
      retryQueue = [];
      retryCount = 0;
    },
  };
}

function describeFailure(error: unknown): string {
  if (error instanceof HearthError) return error.kind;
  return 'storage-failed';
}
