/**
 * Electron's transport for the IPC contract. Every request channel goes through
 * {@link createHandle}, which refuses a sender that is not the app's own page
 * (`[forbidden-sender]`) and hands everything else to the one dispatcher (./dispatch.ts),
 * which checks the arguments, runs the handler and maps its errors.
 *
 * A request can fail, but never crash main: the renderer receives only `[kind] message`,
 * never a stack trace or an unexpected error's text.
 */
import type { InvokeChannel, InvokeHandlers } from '../../../shared/ipc/contract';
import { HearthError } from '../../../shared/ipc/errors';
import { logger } from '../../../shared/log';
import { dispatch } from './dispatch';
import type { InvokeEvent, SenderCheck } from './senderCheck';

const log = logger('ipc');

/** The slice of Electron's `ipcMain` that registration uses (a fake in tests). */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

/** Registers the handler of one request channel behind the sender and argument checks. */
export type Handle = <C extends InvokeChannel>(channel: C, handler: InvokeHandlers[C]) => void;

/** Builds the typed {@link Handle} over `ipc`, refusing senders that `checkSender` rejects. */
export function createHandle(ipc: IpcMainLike, checkSender: SenderCheck): Handle {
  return (channel, handler) => {
    const handlers: Partial<InvokeHandlers> = { [channel]: handler };
    ipc.handle(channel, async (event, ...args) => {
      const verdict = checkSender(event);
      if (!verdict.trusted) {
        log.warn('request refused: not from the app page', { channel, reason: verdict.reason });
        throw wireError(
          new HearthError('forbidden-sender', 'This request did not come from Hearth’s own page.'),
        );
      }
      const answer = await dispatch(handlers, channel, args);
      if (!answer.ok) throw wireError(answer.error);
      return answer.value;
    });
  };
}

// Electron sends only an error's message to the renderer, so the kind travels in it.
function wireError(error: HearthError): Error {
  return new Error(error.toWire());
}
