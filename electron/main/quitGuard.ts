/**
 * Holds the app open while the backend writes what it still has: the first `before-quit`
 * is cancelled, the backend is flushed and closed, and then the app quits for real. A
 * close that hangs is given up on after a while, so Hearth can always be quit.
 */
import { logger } from '../../shared/log';

const log = logger('lifecycle');

/** How long quitting waits for the backend before giving up on it. */
export const CLOSE_TIMEOUT_MS = 10_000;

/** What the guard needs: how to close the backend and how to quit once closed. */
export interface QuitGuardOptions {
  /** Flushes and closes everything; called once. */
  close(): Promise<void>;
  /** Quits the app; the guard lets the `before-quit` this causes through. */
  quit(): void;
  timeoutMs?: number;
}

/** A `before-quit` listener that delays quitting until `close` has finished. */
export function createQuitGuard(
  options: QuitGuardOptions,
): (event: { preventDefault(): void }) => void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  const timeoutMs = options.timeoutMs ?? CLOSE_TIMEOUT_MS;

  return (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log.error(`closing took longer than ${timeoutMs} ms; quitting anyway`);
        resolve();
      }, timeoutMs);
    });
    // Called through a promise so a close that throws at once is handled like one that rejects.
    const closing = Promise.resolve()
      .then(() => options.close())
      .catch((error: unknown) => {
        log.error('closing failed; quitting anyway', { error: String(error) });
      });
    void Promise.race([closing, timeout]).then(() => {
      clearTimeout(timer);
      state = 'closed';
      options.quit();
    });
  };
}
