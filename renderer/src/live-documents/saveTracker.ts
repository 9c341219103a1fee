/**
 * Tracks whether everything written on this laptop has reached its disk, for the
 * status line. An update counts as saved only when the store has fsync'd it.
 */

/** What the status line shows about saving. */
export interface SaveState {
  /** Updates handed to the store and not yet confirmed on disk. */
  pending: number;
  /** Why the last attempt failed, while any update is still waiting to be retried. */
  failure: string | null;
  /** When the store last confirmed a write. */
  lastSavedAt: number | null;
  /** When the oldest write still waiting was handed to the store (null when none waits). */
  oldestPendingAt: number | null;
}

/** Counts writes in flight and remembers the latest failure. */
export class SaveTracker {
  private state: SaveState = {
    pending: 0,
    failure: null,
    lastSavedAt: null,
    oldestPendingAt: null,
  };
  // When each waiting write was handed over, oldest first. The store answers a page's
  // writes in the order they were sent, so the oldest are the ones confirmed first.
  private readonly startedAt: number[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly retryListeners = new Set<() => void>();

  /** The current state; a new object after every change (for useSyncExternalStore). */
  read = (): SaveState => this.state;

  /** Calls `listener` after every change; returns its cleanup. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A write was handed to the store. */
  started(count = 1): void {
    const now = Date.now();
    for (let i = 0; i < count; i++) this.startedAt.push(now);
    this.set({
      ...this.state,
      pending: this.state.pending + count,
      oldestPendingAt: this.startedAt[0] ?? null,
    });
  }

  /** The store confirmed `count` writes on disk. */
  saved(count = 1): void {
    const pending = Math.max(0, this.state.pending - count);
    this.startedAt.splice(0, Math.min(count, this.startedAt.length));
    this.set({
      pending,
      failure: pending === 0 ? null : this.state.failure,
      lastSavedAt: Date.now(),
      oldestPendingAt: this.startedAt[0] ?? null,
    });
  }

  /** A write failed and will be retried; it stays pending. */
  failed(reason: string): void {
    this.set({ ...this.state, failure: reason });
  }

  /** Asks every waiting write to be tried again now (the host is back). */
  retryNow(): void {
    for (const listener of [...this.retryListeners]) listener();
  }

  /** Calls `listener` when writes should be tried again now; returns its cleanup. */
  onRetryNow(listener: () => void): () => void {
    this.retryListeners.add(listener);
    return () => this.retryListeners.delete(listener);
  }

  private set(next: SaveState): void {
    this.state = next;
    for (const listener of [...this.listeners]) listener();
  }
}
