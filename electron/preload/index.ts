/**
 * The bridge between the sandboxed page and main: exposes exactly the typed `HearthApi`
 * as `window.hearth`, built over two allow-listed functions. `ipcRenderer` itself, its
 * events and any other channel stay out of the page's reach.
 *
 * Errors: `contextBridge` copies only an error's message into the page, so a rejected
 * request arrives as an `Error` whose message is the clean wire form `[kind] message`
 * (Electron's own "Error invoking remote method" prefix removed). The renderer's bridge
 * reader turns it back into a `HearthError` with `HearthError.fromWire(error.message)`,
 * exactly as it does for the browser-mode client.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNELS, isInvokeChannel } from '../../shared/ipc/arguments';
import {
  HEARTH_API_EVENTS,
  HEARTH_API_REQUESTS,
  apiFromTables,
  type EventChannel,
  type EventMap,
  type HearthApi,
  type InvokeArgs,
  type InvokeChannel,
  type InvokeResult,
  type Unsubscribe,
} from '../../shared/ipc/contract';
import { HearthError } from '../../shared/ipc/errors';

/** The slice of `ipcRenderer` the bridge uses. */
export type IpcRendererLike = Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>;

/** The error a rejected request surfaces as in the page (see the file comment). */
export function toBridgeError(error: unknown): Error {
  if (error instanceof HearthError) return new Error(error.toWire());
  const message = error instanceof Error ? error.message : String(error);
  return new Error(HearthError.fromWire(message).toWire());
}

/** Sends a request on an allow-listed channel; anything else is refused without reaching main. */
export function createInvoke(
  ipc: IpcRendererLike,
): <C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>) => Promise<InvokeResult<C>> {
  return async (channel, ...args) => {
    if (!isInvokeChannel(channel)) {
      throw toBridgeError(
        new HearthError('invalid-argument', `${String(channel)} is not a Hearth request`),
      );
    }
    try {
      return (await ipc.invoke(channel, ...args)) as InvokeResult<typeof channel>;
    } catch (error) {
      throw toBridgeError(error);
    }
  };
}

const EVENT_CHANNEL_SET: ReadonlySet<string> = new Set(EVENT_CHANNELS);

/** Subscribes to an allow-listed event channel; the listener gets the payload only, never the IPC event. */
export function createSubscribe(
  ipc: IpcRendererLike,
): <C extends EventChannel>(channel: C, listener: (payload: EventMap[C]) => void) => Unsubscribe {
  return (channel, listener) => {
    if (!EVENT_CHANNEL_SET.has(channel)) {
      throw toBridgeError(new HearthError('invalid-argument', `${channel} is not a Hearth event`));
    }
    const forward = (_event: IpcRendererEvent, payload: EventMap[typeof channel]): void => {
      listener(payload);
    };
    ipc.on(channel, forward);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipc.removeListener(channel, forward);
    };
  };
}

// The page sees this object as `window.hearth`, and nothing else from the preload.
// The object's type is computed from the tables it is built from, so `satisfies` fails if
// they ever describe another API than the one the renderer reads.
contextBridge.exposeInMainWorld(
  'hearth',
  apiFromTables(
    HEARTH_API_REQUESTS,
    HEARTH_API_EVENTS,
    createInvoke(ipcRenderer),
    createSubscribe(ipcRenderer),
  ) satisfies HearthApi,
);
