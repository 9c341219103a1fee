/**
 * Wires the backend to the renderer: every request channel of the contract is registered
 * through the checked {@link createHandle} (and nothing else is), and events reach only
 * Hearth's own windows, only on the contract's event channels.
 */
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../../shared/ipc/arguments';
import type { EmitEvent, InvokeHandlers } from '../../../shared/ipc/contract';
import { logger } from '../../../shared/log';
import type { AppPage } from '../appPage';
import { createHandle, type IpcMainLike } from './handle';
import type { SenderCheck } from './senderCheck';

const log = logger('ipc');

/**
 * Registers a handler for each channel in `INVOKE_CHANNELS` and returns a function that
 * removes them all. Extra keys on `handlers` are ignored; a missing handler is a
 * programming error and throws before anything is registered.
 */
export function registerInvokeHandlers(
  ipc: IpcMainLike,
  handlers: InvokeHandlers,
  checkSender: SenderCheck,
): () => void {
  for (const channel of INVOKE_CHANNELS) {
    if (typeof handlers[channel] !== 'function') {
      throw new Error(`The backend has no handler for ${channel}.`);
    }
  }
  const handle = createHandle(ipc, checkSender);
  for (const channel of INVOKE_CHANNELS) handle(channel, handlers[channel]);
  return () => {
    for (const channel of INVOKE_CHANNELS) ipc.removeHandler(channel);
  };
}

/** The slice of a web contents that receives events. */
export interface EventRecipient {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
}

const EVENT_CHANNEL_SET: ReadonlySet<string> = new Set(EVENT_CHANNELS);

/**
 * Builds the backend's `emit`: sends an event to each of `targets()` (looked up at send
 * time, so windows opened later receive events) that is alive and showing the app page.
 */
export function createEventEmitter(
  targets: () => Iterable<EventRecipient>,
  appPage: AppPage,
): EmitEvent {
  return (channel, payload) => {
    // The type already limits `channel`; this guards callers that cast.
    if (!EVENT_CHANNEL_SET.has(channel)) {
      log.warn('event not sent: unknown channel', { channel });
      return;
    }
    for (const target of targets()) {
      if (target.isDestroyed() || !appPage.isOwnPage(target.getURL())) continue;
      target.send(channel, payload);
    }
  };
}
