/**
 * Main's whole service API: the main-process side of the IPC contract
 * (shared/ipc/contract.ts), as plain Node, over one opened store. The Electron IPC layer
 * and the browser-mode host both build it with `openHearthServices` and
 * dispatch each checked request to `handlers` (electron/main/ipc/dispatch.ts, which also
 * turns an unexpected error into `[internal]`). Arguments arrive already checked against
 * shared/ipc/arguments.ts; the handlers still refuse unknown circles with `not-found`.
 */
import type { EmitEvent, InvokeHandlers } from '../../../shared/ipc/contract';
import { logger } from '../../../shared/log';
import { appHandlers, type AppHandlersOptions } from './appHandlers';
import { backupHandlers } from './backup/circleBackup';
import { INDEX_DOC_ID } from '../../../shared/notebook/ids';
import { circleHandlers } from './circleHandlers';
import { meetingPointsIn } from './circles';
import { desktopHandlers, type CameraGate } from './desktopHandlers';
import { createDoors } from './door/doors';
import type { DoorLimits } from './door/doorLimits';
import type { DoorNetwork } from './door/doorNetwork';
import { doorInvite } from './door/doorInvite';
import { journalIdIn } from './journal';
import { exportHandlers } from './exports/exportJobs';
import { downloadShell, type SaveShell } from './exports/saveShell';
import { searchHandlers } from './search/entryTexts';
import type { KeyVault } from './keys/keyVault';
import { docHandlers } from './store/docHandlers';
import { noticeBoard } from './store/notices';
import { Store } from './store/store';

const log = logger('backend');

/** What the services need; `now` is for tests. The app requests' part is documented there. */
export interface HearthServicesOptions extends Omit<AppHandlersOptions, 'store' | 'now'> {
  dataDir: string;
  keyVault: KeyVault;
  emit: EmitEvent;
  /** Where exports and backups are saved; browser-mode downloads (no PDF) when absent. */
  saveShell?: SaveShell;
  /** Where doors listen and are announced (the rendezvous's); doors cannot open without it. */
  doorNetwork?: DoorNetwork | null;
  /** Tests: tighter door limits. */
  doorLimits?: Partial<DoorLimits>;
  /** Allows the camera to Hearth's page while the QR reader is open (Electron's permission rules). */
  cameraGate?: CameraGate;
  /** PBKDF2 iterations of new backups: tests only, to keep them quick. */
  backupIterations?: number;
  now?: () => number;
}

/** The request handlers, and how to shut them down. */
export interface HearthServices {
  handlers: InvokeHandlers;
  /** Closes the door, then saves and compacts everything, then refuses further requests. */
  close(): Promise<void>;
}

/**
 * Opens the store in `options.dataDir` and returns the handlers of every request channel:
 * each domain's slice, made next to its service.
 */
export async function openHearthServices(options: HearthServicesOptions): Promise<HearthServices> {
  const now = options.now ?? Date.now;
  const notices = noticeBoard(options.emit);
  const store = await Store.open({
    dataDir: options.dataDir,
    keyVault: options.keyVault,
    now,
    onNotice: notices.add,
  });

  const shell = options.saveShell ?? downloadShell();
  const circles = circleHandlers({ store, dataDir: options.dataDir, now });
  const doors = createDoors({
    network: options.doorNetwork ?? null,
    emit: options.emit,
    invite: async (circleId, circleName) => {
      const folder = await store.circle(circleId);
      return doorInvite(
        folder.circle.profile,
        circleName,
        options.endpoints?.() ?? [],
        meetingPointsIn(await folder.load(INDEX_DOC_ID)),
      );
    },
    join: circles['hearth:circles:join'],
    ...(options.doorLimits === undefined ? {} : { limits: options.doorLimits }),
    now,
  });
  const handlers: InvokeHandlers = {
    ...appHandlers({ ...options, store, now }),
    ...circles,
    ...docHandlers(store),
    ...searchHandlers((circleId) => store.circle(circleId)),
    ...notices.handlers,
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
    handlers,
    close: async () => {
      await doors.close();
      await store.close();
      log.info('Hearth closed its files');
    },
  };
}
