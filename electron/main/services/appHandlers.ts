/**
 * The `hearth:app:*`, `hearth:settings:*` and `hearth:sync:*` requests: how Hearth runs,
 * what its window asks of the system, the member's settings, and where to meet peers.
 */
import {
  IPC_CONTRACT_VERSION,
  type AppInfo,
  type InvokeHandlers,
  type Settings,
  type SignallingEndpoint,
} from '../../../shared/ipc/contract';
import { logger } from '../../../shared/log';
import { DIAGNOSTICS_LOG_LINES, diagnosticsText } from './diagnostics';
import type { SystemClipboard } from './desktopHandlers';
import type { Store } from './store/store';

const log = logger('backend');

/** What the app requests need (the backend's options carry the same fields). */
export interface AppHandlersOptions {
  store: Store;
  appInfo: Omit<AppInfo, 'contractVersion'>;
  /** Runtime versions and the system, for diagnostics (`{ electron, chrome, node, os }`). */
  runtime?: Record<string, string>;
  /** The log's last lines, for diagnostics; none when absent. */
  logTail?: (count: number) => Promise<string[]>;
  /** Keeps the display awake or lets it sleep (desktop); ignored when absent. */
  keepAwake?: (awake: boolean) => void;
  /** Told the settings after every change (the desktop follows theme and language). */
  onSettingsChanged?: (settings: Settings) => void;
  /** The signalling endpoints to meet peers through (./rendezvous.ts); none when absent. */
  endpoints?: () => SignallingEndpoint[];
  /** The system clipboard (Electron's); browser mode writes from the page instead. */
  clipboard?: SystemClipboard;
  now: () => number;
}

/** The handlers of the app, settings and sync channels. */
export function appHandlers(
  options: AppHandlersOptions,
): Pick<
  InvokeHandlers,
  | 'hearth:app:info'
  | 'hearth:app:diagnostics'
  | 'hearth:app:report-problem'
  | 'hearth:app:keep-awake'
  | 'hearth:settings:get'
  | 'hearth:settings:update'
  | 'hearth:sync:endpoints'
> {
  const { store } = options;
  return {
    'hearth:app:info': () =>
      Promise.resolve({ ...options.appInfo, contractVersion: IPC_CONTRACT_VERSION }),
    'hearth:app:diagnostics': async () => {
      const [settings, circles, logLines] = await Promise.all([
        store.settings(),
        store.circles(),
        options.logTail?.(DIAGNOSTICS_LOG_LINES) ?? Promise.resolve([]),
      ]);
      const text = diagnosticsText({
        appInfo: options.appInfo,
        runtime: options.runtime ?? {},
        settings,
        circleCount: circles.length,
        logLines,
        now: new Date(options.now()),
      });
      if (options.clipboard === undefined) return { text, copied: false };
      options.clipboard.writeText(text);
      log.info('diagnostics were copied');
      return { text, copied: true };
    },
    'hearth:app:report-problem': (problem) => {
      log.error('a part of the page failed and showed the error screen', { ...problem });
      return Promise.resolve();
    },
    'hearth:app:keep-awake': (awake) => {
      options.keepAwake?.(awake);
      return Promise.resolve();
    },
    'hearth:settings:get': () => store.settings(),
    'hearth:settings:update': async (patch) => {
      const settings = await store.updateSettings(patch);
      options.onSettingsChanged?.(settings);
      return settings;
    },
    'hearth:sync:endpoints': () => Promise.resolve(options.endpoints?.() ?? []),
  };
}
