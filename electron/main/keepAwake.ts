/**
 * Keeps the display on while a round runs (the page asks with `hearth:app:keep-awake`):
 * one `prevent-display-sleep` blocker at most, however often it is asked, released when
 * the round ends, when the page goes away, or when Hearth quits.
 */
import type { PowerSaveBlocker } from 'electron';
import { logger } from '../../shared/log';

const log = logger('keep-awake');

/** The display's keeper. */
export interface KeepAwake {
  /** Starts (true) or stops (false) keeping the display on; repeats change nothing. */
  set(awake: boolean): void;
  /** True while a blocker is held. */
  readonly active: boolean;
}

/** A keeper over Electron's `powerSaveBlocker`. */
export function createKeepAwake(
  blocker: Pick<PowerSaveBlocker, 'start' | 'stop' | 'isStarted'>,
): KeepAwake {
  let id: number | null = null;
  return {
    set(awake) {
      if (awake && id === null) {
        id = blocker.start('prevent-display-sleep');
        log.info('keeping the display on while a round runs');
      } else if (!awake && id !== null) {
        if (blocker.isStarted(id)) blocker.stop(id);
        id = null;
        log.info('the display may sleep again');
      }
    },
    get active() {
      return id !== null;
    },
  };
}
