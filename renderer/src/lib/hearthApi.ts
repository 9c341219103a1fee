/**
 * The renderer's one way to reach the main process. Inside Electron the preload has put
 * the typed API on `window.hearth`; in a plain browser (`npm run web`, end-to-end tests)
 * the same API runs over the local host's WebSocket. Nothing else in the renderer reads
 * `window.hearth` or opens the bridge; where the two must differ (a native file dialog,
 * keeping the screen awake, the menu), the app asks {@link isDesktop}.
 */
import type { HearthApi } from '../../../shared/ipc/contract';
import { HearthError } from '../../../shared/ipc/errors';
import { createBrowserBridge, type HostLinkWatch } from './browserBridge';

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge); absent in a plain browser. */
    readonly hearth?: HearthApi;
  }
}

/** True when the page runs inside Electron rather than in browser mode. */
export const isDesktop = window.hearth !== undefined;

/**
 * The preload's API with its errors restored: contextBridge carries only an error's
 * message (`[kind] text`), so a rejection is turned back into a HearthError here, the
 * same as the browser bridge does.
 */
function withHearthErrors(api: HearthApi): HearthApi {
  const wrapDomain = <D extends object>(domain: D): D =>
    Object.fromEntries(
      Object.entries(domain).map(([name, method]) => [
        name,
        (...args: unknown[]): unknown => {
          const result: unknown = (method as (...a: unknown[]) => unknown)(...args);
          if (!(result instanceof Promise)) return result;
          return result.catch((error: unknown) => {
            throw error instanceof Error ? HearthError.fromWire(error.message) : error;
          });
        },
      ]),
    ) as D;
  return {
    app: wrapDomain(api.app),
    settings: wrapDomain(api.settings),
    circles: wrapDomain(api.circles),
    docs: wrapDomain(api.docs),
    search: wrapDomain(api.search),
    notices: wrapDomain(api.notices),
    sync: wrapDomain(api.sync),
    journal: wrapDomain(api.journal),
    export: wrapDomain(api.export),
    backup: wrapDomain(api.backup),
    door: wrapDomain(api.door),
    clipboard: wrapDomain(api.clipboard),
    camera: wrapDomain(api.camera),
    events: api.events,
  };
}

const bridge = window.hearth === undefined ? createBrowserBridge() : null;

/** The API to main: the preload's when present, else the browser-mode bridge. */
export const hearth: HearthApi = bridge?.api ?? withHearthErrors(window.hearth!);

/**
 * Whether main can be reached. In Electron it always can (main and the page live and
 * die together); in browser mode the host is a separate process that may stop.
 */
export const hostLink: HostLinkWatch = bridge?.link ?? {
  read: () => 'connected',
  subscribe: () => () => undefined,
};
