/**
 * Keeps the screen awake while a round runs: people look up from their laptops for a
 * long time while someone speaks, and a dimmed screen hides the timer and whose turn it
 * is. On the desktop main holds a power-save blocker (`prevent-display-sleep`); in a
 * plain browser the page asks for a screen wake lock where the browser offers one.
 * Released when the round ends or the circle closes.
 */
import { useEffect } from 'react';
import { logger } from '../../../shared/log';
import { hearth, isDesktop } from '../lib/hearthApi';

const log = logger('keep-awake');

/** Holds the screen on while `awake` is true. */
export function useKeepAwake(awake: boolean): void {
  useEffect(() => {
    if (!awake) return;
    hearth.app.keepAwake(true).catch((error: unknown) => {
      log.warn('the screen could not be kept on', { error: String(error) });
    });
    let lock: WakeLockSentinel | null = null;
    let released = false;
    if (!isDesktop && 'wakeLock' in navigator) {
      navigator.wakeLock.request('screen').then(
        (sentinel) => {
          if (released) void sentinel.release();
          else lock = sentinel;
        },
        () => undefined,
      );
    }
    return () => {
      released = true;
      void lock?.release();
      hearth.app.keepAwake(false).catch(() => undefined);
    };
  }, [awake]);
}
