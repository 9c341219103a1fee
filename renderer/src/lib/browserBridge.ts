/**
 * The browser-mode client of the IPC contract: the same {@link HearthApi} the Electron
 * preload exposes, carried over one WebSocket to the local host (electron/web/host.ts)
 * in the frames of shared/ipc/wire.ts.
 *
 * - The access token arrives once in the URL fragment (`#token=…`); it is kept in
 *   sessionStorage so a reload still works, and removed from the visible address.
 * - Calls made before the host has said hello wait in a queue (for a while, then fail).
 * - When the socket drops (the host stopped or restarted), calls already sent fail
 *   with a clear error, since the host may or may not have carried them out: the caller
 *   decides whether to retry, nothing is dropped silently. The bridge then reconnects
 *   with backoff, and queued calls go out once it is back.
 * - The host beats every half second; a page that hears nothing for 1.5 s takes it for
 *   gone (a killed, frozen or suspended host) and says so through `link`, so the status
 *   line can tell the member within 2 s rather than when they next save.
 */
import {
  IPC_CONTRACT_VERSION,
  buildHearthApi,
  type EventChannel,
  type EventMap,
  type HearthApi,
  type InvokeArgs,
  type InvokeChannel,
  type InvokeResult,
  type Unsubscribe,
} from '../../../shared/ipc/contract';
import { EVENT_CHANNELS } from '../../../shared/ipc/arguments';
import { HearthError } from '../../../shared/ipc/errors';
import {
  ACCESS_TOKEN_PATTERN,
  BRIDGE_PATH,
  BRIDGE_SILENCE_MS,
  BRIDGE_PROTOCOL,
  TOKEN_PROTOCOL_PREFIX,
  WIRE_VERSION,
  decodeFrame,
  encodeFrame,
  type WireMessage,
} from '../../../shared/ipc/wire';
import { logger } from '../../../shared/log';

const log = logger('browser-bridge');

/** Where the token is kept between reloads of the same tab. */
export const TOKEN_STORAGE_KEY = 'hearth.bridgeToken';
/** The message of the error a call fails with when the connection drops under it. */
export const CONNECTION_LOST =
  'the connection to Hearth was lost before this finished, so it may not have been saved; try again';

const QUEUE_TIMEOUT_MS = 15_000;
const FIRST_RETRY_MS = 250;
const LONGEST_RETRY_MS = 5_000;

/** What the bridge takes from the browser; tests pass their own. */
export interface BridgeEnvironment {
  location: Pick<Location, 'hash' | 'host' | 'protocol' | 'pathname' | 'search'>;
  /** Null where storage is disabled; the token then lives only as long as the page. */
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** Replaces the address shown, without navigating. */
  replaceUrl(url: string): void;
  WebSocket: typeof WebSocket;
}

/** Whether the page can reach the host: not yet, yes, or no longer (it will retry). */
export type HostLink = 'connecting' | 'connected' | 'lost';

/** The host link as a small store, for the status line. */
export interface HostLinkWatch {
  read(): HostLink;
  /** Calls `listener` after every change; returns its cleanup. */
  subscribe(listener: () => void): Unsubscribe;
}

/** A running bridge: the API, its link, and a way to stop it (tests; the app never stops it). */
export interface BrowserBridge {
  api: HearthApi;
  link: HostLinkWatch;
  close(): void;
}

interface Call {
  id: number;
  frame: Uint8Array<ArrayBuffer>;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer?: ReturnType<typeof setTimeout>;
}

/** The environment of the page this module runs in. */
export function pageEnvironment(): BridgeEnvironment {
  let storage: BridgeEnvironment['storage'] = null;
  try {
    storage = window.sessionStorage;
  } catch {
    // Storage is switched off for this page; the fragment still carries the token.
  }
  return {
    location: window.location,
    storage,
    replaceUrl: (url) => {
      window.history.replaceState(window.history.state, '', url);
    },
    WebSocket: window.WebSocket,
  };
}

/** Connects to the host that served this page and returns the API over it. */
export function createBrowserBridge(
  environment: BridgeEnvironment = pageEnvironment(),
): BrowserBridge {
  const token = takeToken(environment);
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const queue: Call[] = [];
  const inFlight = new Map<number, Call>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let ready = false;
  let failedAttempts = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let fatal: HearthError | null =
    token === null
      ? new HearthError(
          'forbidden-sender',
          'this page has no access key: open the address `npm run web` printed',
        )
      : null;
  let closed = false;
  let link: HostLink = 'connecting';
  const linkListeners = new Set<() => void>();
  const setLink = (next: HostLink): void => {
    if (link === next) return;
    link = next;
    for (const listener of [...linkListeners]) listener();
  };
  // The host's heartbeat: any frame counts; silence while connected means it is gone.
  let lastHeard = 0;
  let watchdog: ReturnType<typeof setInterval> | undefined;
  const listenForBeats = (): void => {
    lastHeard = Date.now();
    clearInterval(watchdog);
    watchdog = setInterval(() => {
      if (!ready || Date.now() - lastHeard <= BRIDGE_SILENCE_MS) return;
      log.warn('the host fell silent', { silentMs: Date.now() - lastHeard });
      // Taken as closed at once: a frozen host may never finish the closing handshake.
      const silent = socket;
      if (silent === null) return;
      dropped(silent);
      silent.close(4001, 'no heartbeat');
    }, 250);
  };

  const connect = (): void => {
    if (closed || fatal !== null || token === null) return;
    const scheme = environment.location.protocol === 'https:' ? 'wss:' : 'ws:';
    try {
      socket = new environment.WebSocket(`${scheme}//${environment.location.host}${BRIDGE_PATH}`, [
        BRIDGE_PROTOCOL,
        TOKEN_PROTOCOL_PREFIX + token,
      ]);
    } catch (error) {
      log.error('could not open the bridge socket', { error: String(error) });
      scheduleReconnect();
      return;
    }
    const current = socket;
    current.binaryType = 'arraybuffer';
    current.onmessage = (event: MessageEvent<unknown>) => {
      if (socket !== current) return;
      if (!(event.data instanceof ArrayBuffer)) {
        dropSocket('the host sent a text frame');
        return;
      }
      lastHeard = Date.now();
      const decoded = decodeFrame(new Uint8Array(event.data));
      if (decoded.ok) receive(decoded.value);
      else dropSocket(decoded.reason);
    };
    current.onclose = () => dropped(current);
  };

  // The socket closed, or the host fell silent: fail what was sent, and try again.
  const dropped = (current: WebSocket): void => {
    if (socket !== current) return;
    socket = null;
    clearInterval(watchdog);
    if (ready) setLink('lost');
    ready = false;
    for (const call of inFlight.values()) call.reject(new HearthError('internal', CONNECTION_LOST));
    inFlight.clear();
    scheduleReconnect();
  };

  const dropSocket = (reason: string): void => {
    log.error('the host broke the bridge protocol', { reason });
    socket?.close(4000, 'protocol error');
  };

  const scheduleReconnect = (): void => {
    if (closed || fatal !== null) return;
    const delay = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** failedAttempts);
    failedAttempts++;
    // Jitter keeps several tabs from knocking on a restarted host in step.
    retryTimer = setTimeout(connect, delay * (0.75 + Math.random() * 0.5));
  };

  const receive = (message: WireMessage): void => {
    switch (message.kind) {
      case 'hello':
        if (
          message.wireVersion !== WIRE_VERSION ||
          message.contractVersion !== IPC_CONTRACT_VERSION
        ) {
          fail(
            new HearthError(
              'internal',
              'Hearth was updated while this page was open: reload the page',
            ),
          );
          socket?.close(1000, 'outdated page');
          return;
        }
        ready = true;
        failedAttempts = 0;
        listenForBeats();
        setLink('connected');
        for (const call of queue.splice(0)) send(call);
        return;
      case 'result': {
        const call = inFlight.get(message.id);
        if (call === undefined) return;
        inFlight.delete(message.id);
        if (message.ok) call.resolve(message.value);
        else call.reject(HearthError.fromWire(message.error));
        return;
      }
      case 'event':
        for (const listener of listeners.get(message.channel) ?? []) {
          try {
            (listener as (payload: unknown) => void)(message.payload);
          } catch (error) {
            log.error('an event listener threw', {
              channel: message.channel,
              error: String(error),
            });
          }
        }
        return;
      case 'invoke':
        dropSocket('the host sent a request');
        return;
    }
  };

  const send = (call: Call): void => {
    clearTimeout(call.timer);
    inFlight.set(call.id, call);
    socket?.send(call.frame);
  };

  // Rejects every call, sent or waiting, with `error`; later calls fail at once.
  const fail = (error: HearthError): void => {
    fatal = error;
    for (const call of [...queue.splice(0), ...inFlight.values()]) {
      clearTimeout(call.timer);
      call.reject(error);
    }
    inFlight.clear();
  };

  const invoke = <C extends InvokeChannel>(
    channel: C,
    ...args: InvokeArgs<C>
  ): Promise<InvokeResult<C>> =>
    new Promise<InvokeResult<C>>((resolve, reject) => {
      if (fatal !== null) throw fatal;
      const id = nextId++;
      // Encoding now copies the bytes, as Electron's structured clone does, and reports
      // a value the wire cannot carry to this caller.
      const frame = encodeFrame({ kind: 'invoke', id, channel, args: [...args] });
      // The value is whatever the host's handler for this channel returned; it is trusted
      // to keep the contract's result type, as the preload trusts Electron main.
      const call: Call = { id, frame, resolve, reject };
      // A socket the host has begun to close takes no new requests; they wait instead.
      if (ready && socket?.readyState === environment.WebSocket.OPEN) {
        send(call);
        return;
      }
      call.timer = setTimeout(() => {
        queue.splice(queue.indexOf(call), 1);
        reject(
          new HearthError(
            'internal',
            "Hearth's host is not reachable: is `npm run web` still running?",
          ),
        );
      }, QUEUE_TIMEOUT_MS);
      queue.push(call);
    });

  const subscribe = <C extends EventChannel>(
    channel: C,
    listener: (payload: EventMap[C]) => void,
  ): Unsubscribe => {
    if (!(EVENT_CHANNELS as readonly string[]).includes(channel))
      throw new Error(`unknown event ${channel}`);
    let set = listeners.get(channel);
    if (set === undefined) listeners.set(channel, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  };

  connect();
  const api = buildHearthApi(invoke, subscribe);
  return {
    // The host has no way to this person's clipboard; the page writes it itself (it is
    // served from loopback, a secure context). In Electron, main writes it instead.
    api: { ...api, clipboard: { writeText: (text) => navigator.clipboard.writeText(text) } },
    link: {
      read: () => link,
      subscribe: (listener) => {
        linkListeners.add(listener);
        return () => linkListeners.delete(listener);
      },
    },
    close: () => {
      closed = true;
      clearTimeout(retryTimer);
      clearInterval(watchdog);
      fail(new HearthError('internal', 'the bridge was closed'));
      socket?.close(1000, 'closed');
    },
  };
}

// The token from the fragment (then kept and hidden) or from an earlier load of this tab.
function takeToken(environment: BridgeEnvironment): string | null {
  const { location, storage } = environment;
  const params = new URLSearchParams(location.hash.slice(1));
  const fromFragment = params.get('token');
  if (fromFragment !== null) {
    params.delete('token');
    const rest = params.toString();
    environment.replaceUrl(
      `${location.pathname}${location.search}${rest === '' ? '' : `#${rest}`}`,
    );
    if (ACCESS_TOKEN_PATTERN.test(fromFragment)) {
      try {
        storage?.setItem(TOKEN_STORAGE_KEY, fromFragment);
      } catch {
        // A full or disabled storage only costs the reload without the fragment.
      }
      return fromFragment;
    }
  }
  try {
    const stored = storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
    return stored !== null && ACCESS_TOKEN_PATTERN.test(stored) ? stored : null;
  } catch {
    return null;
  }
}
