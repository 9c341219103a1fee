/**
 * The one way main answers the renderer. Every request channel goes through
 * {@link createHandle}, which, in order:
 *
 * 1. refuses a sender that is not the app's own page (`[forbidden-sender]`);
 * 2. checks the arguments against the contract (`[invalid-argument]`, naming the argument);
 * 3. runs the handler, turning anything it throws into a `HearthError` wire message.
 *
 * A request can fail, but never crash main: every error is logged here, and the renderer
 * receives only `[kind] message`, never a stack trace or an unexpected error's text.
 */
import { checkInvokeArguments } from '../../../shared/ipc/arguments';
import type { InvokeArgs, InvokeChannel, InvokeHandlers } from '../../../shared/ipc/contract';
import { HearthError } from '../../../shared/ipc/errors';
import { logger } from '../../../shared/log';
import type { InvokeEvent, SenderCheck } from './senderCheck';

const log = logger('ipc');

/** What the renderer is told when something unexpected went wrong in main. */
export const INTERNAL_ERROR_MESSAGE = 'Something went wrong inside Hearth. Please try again.';

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
    ipc.handle(channel, async (event, ...args) => {
      try {
        return await answer(checkSender, channel, handler, event, args);
      } catch (error) {
        // Electron sends only the message to the renderer, so the kind travels in it; the
        // cause stays in main, where Electron's own log of the failure prints it.
        throw new Error(toHearthError(channel, error).toWire(), { cause: error });
      }
    });
  };
}

async function answer<C extends InvokeChannel>(
  checkSender: SenderCheck,
  channel: C,
  handler: InvokeHandlers[C],
  event: InvokeEvent,
  args: unknown[],
): Promise<unknown> {
  const verdict = checkSender(event);
  if (!verdict.trusted) {
    log.warn('request refused: not from the app page', { channel, reason: verdict.reason });
    throw new HearthError('forbidden-sender', 'This request did not come from Hearth’s own page.');
  }
  const checked = checkInvokeArguments(channel, args);
  if (!checked.ok) {
    // The reason names the argument and its shape, never its content.
    log.warn('request refused: invalid arguments', { channel, reason: checked.reason });
    throw new HearthError('invalid-argument', checked.reason);
  }
  const checkedArgs: InvokeArgs<C> = checked.value;
  return handler(...checkedArgs);
}

/** The error the renderer receives for `error`; unexpected errors are logged in full here. */
export function toHearthError(channel: InvokeChannel, error: unknown): HearthError {
  if (error instanceof HearthError) {
    if (error.kind !== 'forbidden-sender' && error.kind !== 'invalid-argument') {
      log.warn('request failed', { channel, kind: error.kind, message: error.message });
    }
    return error;
  }
  log.error('request failed unexpectedly', {
    channel,
    error:
      error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error),
  });
  return new HearthError('internal', INTERNAL_ERROR_MESSAGE);
}
