/**
 * The one place a request is answered, whatever carried it. Electron IPC (./handle.ts) and
 * the browser-mode bridge (electron/web/bridgeSession.ts) each check who is asking in their
 * own way, then hand the channel and arguments to {@link dispatch}, which:
 *
 * 1. refuses a channel the contract does not name (`[invalid-argument]`);
 * 2. checks the arguments against the contract (`[invalid-argument]`, naming the argument
 *    and its shape, never its content);
 * 3. runs the handler; a `HearthError` it throws crosses as it is, anything else is logged
 *    here with its stack and crosses as `[internal]` with {@link INTERNAL_ERROR_MESSAGE}.
 *
 * So the answer to a failure is the same on both transports, and an unexpected error's own
 * text (a path, a member's words) never leaves main.
 */
import { checkInvokeArguments, isInvokeChannel } from '../../../shared/ipc/arguments';
import type { InvokeChannel, InvokeHandlers } from '../../../shared/ipc/contract';
import { HearthError } from '../../../shared/ipc/errors';
import { logger } from '../../../shared/log';

const log = logger('ipc');

/** What the page is told when something unexpected went wrong in main. */
export const INTERNAL_ERROR_MESSAGE = 'Something went wrong inside Hearth. Please try again.';

/** How a request ended: its result, or the error the page may see. */
export type Answer = { ok: true; value: unknown } | { ok: false; error: HearthError };

/**
 * Answers one request with `handlers` (looked up now, so a handler replaced later is the
 * one called). Never rejects: every failure comes back as an {@link Answer}.
 */
export async function dispatch(
  handlers: Partial<InvokeHandlers>,
  channel: unknown,
  args: unknown,
): Promise<Answer> {
  if (!isInvokeChannel(channel) || handlers[channel] === undefined) {
    log.warn('request refused: unknown channel');
    return refused(new HearthError('invalid-argument', 'unknown request channel'));
  }
  let checked: ReturnType<typeof checkInvokeArguments>;
  try {
    checked = checkInvokeArguments(channel, args);
  } catch (error) {
    // A check should never throw; if one does, the arguments were odd enough to refuse.
    log.error('an argument check threw', { channel, error: describe(error) });
    return refused(
      new HearthError('invalid-argument', `${channel} arguments could not be checked`),
    );
  }
  if (!checked.ok) {
    log.warn('request refused: invalid arguments', { channel, reason: checked.reason });
    return refused(new HearthError('invalid-argument', checked.reason));
  }
  try {
    // The arguments were just checked against this very channel's tuple; TypeScript cannot
    // relate the union of channels to the union of handlers, hence the widening.
    const handler = handlers[channel] as (...values: readonly unknown[]) => Promise<unknown>;
    return { ok: true, value: await handler(...checked.value) };
  } catch (error) {
    return refused(toHearthError(channel, error));
  }
}

// The error the page receives for `error`; an unexpected one is logged in full here.
function toHearthError(channel: InvokeChannel, error: unknown): HearthError {
  if (error instanceof HearthError) {
    if (error.kind !== 'forbidden-sender' && error.kind !== 'invalid-argument') {
      log.warn('request failed', { channel, kind: error.kind, message: error.message });
    }
    return error;
  }
  log.error('request failed unexpectedly', { channel, error: describe(error) });
  return new HearthError('internal', INTERNAL_ERROR_MESSAGE);
}

function refused(error: HearthError): Answer {
  return { ok: false, error };
}

function describe(error: unknown): string {
  return error instanceof Error
    ? (error.stack ?? `${error.name}: ${error.message}`)
    : String(error);
}
