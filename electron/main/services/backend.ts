/**
 * The main-process side of the IPC contract (shared/ipc/contract.ts), as plain Node: the
 * Electron IPC layer and the browser-mode host both build it with `createBackend` and
 * dispatch each checked request to `handlers`. Arguments arrive already checked against
 * shared/ipc/arguments.ts; the handlers still refuse unknown circles with `not-found`.
 */
import {
  IPC_CONTRACT_VERSION,
  type AppInfo,
  type EmitEvent,
  type InvokeHandlers,
  type Settings,
  type SignallingEndpoint,
  type StoreNotice,
} from '../../../shared/ipc/contract';
import { HearthError } from '../../../shared/ipc/errors';
import { INDEX_DOC_ID } from '../../../shared/notebook/ids';
import { logger } from '../../../shared/log';
import { backupHandlers } from './backup/circleBackup';
import { circleNameIn, foundCircle, joinedCircle } from './circles';
import { desktopHandlers, type CameraGate, type SystemClipboard } from './desktopHandlers';
import { createDoors } from './door/doors';
import type { DoorLimits } from './door/doorLimits';
import type { DoorNetwork } from './door/doorNetwork';
import { doorInvite } from './door/doorInvite';
import { journalIdIn, journalOpener } from './journal';
import { exportHandlers } from './exports/exportJobs';
import { downloadShell, type SaveShell } from './exports/saveShell';
import type { KeyVault } from './keys/keyVault';
import { DIAGNOSTICS_LOG_LINES, diagnosticsText } from './diagnostics';
import { circleSummary, type StoredCircle } from './store/circleProfile';
import { Store } from './store/store';

const log = logger('backend');
// As many as an invite may carry (shared/ipc/arguments.ts).
const MAX_INVITE_ENDPOINTS = 8;

/** What the backend needs; `now` is for tests. */
export interface BackendOptions {
  dataDir: string;
  keyVault: KeyVault;
  appInfo: Omit<AppInfo, 'contractVersion'>;
  emit: EmitEvent;
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
  /** Where exports and backups are saved; browser-mode downloads (no PDF) when absent. */
  saveShell?: SaveShell;
  /** Where doors listen and are announced (the rendezvous's); doors cannot open without it. */
  doorNetwork?: DoorNetwork | null;
  /** Tests: tighter door limits. */
  doorLimits?: Partial<DoorLimits>;
  /** The system clipboard (Electron's); browser mode writes from the page instead. */
  clipboard?: SystemClipboard;
  /** Allows the camera to Hearth's page while the QR reader is open (Electron's permission rules). */
  cameraGate?: CameraGate;
  /** PBKDF2 iterations of new backups: tests only, to keep them quick. */
  backupIterations?: number;
  now?: () => number;
}

/** The request handlers, and how to shut them down. */
export interface Backend {
  handlers: InvokeHandlers;
  /** Closes the door, then saves and compacts everything, then refuses further requests. */
  close(): Promise<void>;
}

/** Opens the store in `options.dataDir` and returns the handlers of every request channel. */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const now = options.now ?? Date.now;
  const notices: StoreNotice[] = [];
  const store = await Store.open({
    dataDir: options.dataDir,
    keyVault: options.keyVault,
    now,
    onNotice: (notice) => {
      notices.push(notice);
      options.emit('hearth:notices:added', notice);
    },
  });

  const shell = options.saveShell ?? downloadShell();
  const openJournal = journalOpener(store, options.dataDir, now);
  const joinHandler: InvokeHandlers['hearth:circles:join'] = async (request) => {
    const { folder, joined } = await store.joinCircle(joinedCircle(request, now()));
    if (joined) {
      log.info('a circle was joined from an invite');
      return circleSummary(folder.circle);
    }
    // The same invite opened again: the circle it names, as it is. A different key under
    // the same id is not the same circle, and must not be mixed with it.
    const current = folder.circle;
    if (current.profile.circleKey !== request.circleKey) {
      throw new HearthError(
        'invalid-argument',
        'This laptop already has a circle with this invite’s id, but a different key. Ask for a new invite.',
      );
    }
    const endpoints = [...new Set([...request.endpoints, ...current.profile.inviteEndpoints])];
    const fresher = endpoints.slice(0, MAX_INVITE_ENDPOINTS);
    if (fresher.join() === current.profile.inviteEndpoints.join()) return circleSummary(current);
    const updated = await folder.update((stored) => ({
      ...stored,
      profile: { ...stored.profile, inviteEndpoints: fresher },
    }));
    return circleSummary(updated);
  };
  const doors = createDoors({
    network: options.doorNetwork ?? null,
    emit: options.emit,
    invite: async (circleId, circleName) =>
      doorInvite(
        (await store.circle(circleId)).circle.profile,
        circleName,
        options.endpoints?.() ?? [],
      ),
    join: joinHandler,
    ...(options.doorLimits === undefined ? {} : { limits: options.doorLimits }),
    now,
  });
  const handlers: InvokeHandlers = {
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
        now: new Date(now()),
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
    'hearth:circles:list': async () => {
      const [circles, journalId] = await Promise.all([
        store.circles(),
        journalIdIn(options.dataDir),
      ]);
      return circles
        .filter((circle) => circle.profile.circleId !== journalId)
        .toSorted(newestOpenedFirst)
        .map(circleSummary);
    },
    'hearth:circles:create': async (request) => {
      const { circle, indexState } = foundCircle(request, now());
      await store.createCircle(circle, indexState);
      log.info('a circle was made');
      return circleSummary(circle);
    },
    'hearth:circles:join': joinHandler,
    'hearth:circles:open': async (circleId) => {
      const folder = await store.circle(circleId);
      const indexState = await folder.load(INDEX_DOC_ID);
      const named = indexState === null ? null : circleNameIn(indexState);
      const opened = await folder.update((current) => ({
        ...current,
        name: named ?? current.name,
        lastOpenedAt: now(),
      }));
      return {
        summary: circleSummary(opened),
        profile: opened.profile,
        docIds: await folder.docIds(),
      };
    },
    'hearth:sync:endpoints': () => Promise.resolve(options.endpoints?.() ?? []),
    'hearth:docs:load': async (circleId, docId) => (await store.circle(circleId)).load(docId),
    'hearth:docs:append': async (circleId, docId, update) =>
      (await store.circle(circleId)).append(docId, update),
    'hearth:docs:appendMany': async (circleId, appends) => {
      const circle = await store.circle(circleId);
      // Side by side, as separate requests would be: one group commit covers them all.
      await Promise.all(appends.map(({ docId, update }) => circle.append(docId, update)));
    },
    'hearth:docs:flush': () => store.flush(),
    'hearth:docs:remove': async (circleId, docId) => (await store.circle(circleId)).remove(docId),
    'hearth:journal:open': openJournal,
    'hearth:notices:list': () => Promise.resolve([...notices]),
    'hearth:notices:dismiss': (noticeId) => {
      const at = notices.findIndex((notice) => notice.id === noticeId);
      if (at !== -1) notices.splice(at, 1);
      return Promise.resolve();
    },
    ...exportHandlers({
      circle: (circleId) => store.circle(circleId),
      journal: async () => {
        const journalId = await journalIdIn(options.dataDir);
        return journalId === null ? null : store.circle(journalId);
      },
      shell,
      emit: options.emit,
      now,
    }),
    ...backupHandlers({
      store,
      shell,
      now,
      ...(options.backupIterations === undefined ? {} : { iterations: options.backupIterations }),
    }),
    ...doors.handlers,
    ...desktopHandlers({
      ...(options.clipboard === undefined ? {} : { clipboard: options.clipboard }),
      ...(options.cameraGate === undefined ? {} : { cameraGate: options.cameraGate }),
    }),
  };

  log.info('Hearth started', {
    mode: options.appInfo.mode,
    version: options.appInfo.version,
    protection: options.appInfo.keyProtection ?? 'unknown',
  });
  return {
    handlers: withPlainErrors(handlers),
    close: async () => {
      await doors.close();
      await store.close();
      log.info('Hearth closed its files');
    },
  };
}

function newestOpenedFirst(a: StoredCircle, b: StoredCircle): number {
  return b.lastOpenedAt - a.lastOpenedAt || b.profile.createdAt - a.profile.createdAt;
}

// Every failure reaches the renderer as a HearthError it can put into words; anything
// unexpected is logged here with its detail and crosses as `internal`.
function withPlainErrors(handlers: InvokeHandlers): InvokeHandlers {
  const wrapped: Record<string, (...args: never[]) => Promise<unknown>> = {};
  for (const [channel, handler] of Object.entries(handlers) as [
    string,
    (...args: never[]) => Promise<unknown>,
  ][]) {
    wrapped[channel] = async (...args) => {
      try {
        return await handler(...args);
      } catch (error) {
        if (error instanceof HearthError) throw error;
        log.error('a request failed unexpectedly', { channel, error: String(error) });
        throw new HearthError('internal', 'Something went wrong in Hearth; please try again.');
      }
    };
  }
  return wrapped as unknown as InvokeHandlers;
}
