/**
 * The main process: lifecycle wiring only. Every rule lives in a module that takes
 * Electron objects as parameters (security, window, menu, ipc, keys, quitGuard); this
 * file is the one place that hands them the real ones.
 *
 * Order: security switches, the single-instance lock and the `hearth://` link handlers
 * (macOS sends `open-url` before ready) first; on ready the session rules, the
 * rendezvous (signalling endpoint and mDNS discovery), the backend, IPC, the menu, then
 * the window. On quit peers are told goodbye, then the backend is flushed and closed
 * before the app exits.
 */
// First: sets NODE_ENV before any module loads Lexical.
import './productionMode';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import type { InvokeHandlers } from '../../shared/ipc/contract';
import { HearthError } from '../../shared/ipc/errors';
import { logger } from '../../shared/log';
import { appPageFromDevServer, appPageFromScheme } from './appPage';
import { createCameraGate } from './cameraGate';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './appProtocol';
import { createInviteLinkInbox, inviteLinkInArgv, registerInviteProtocol } from './inviteLinks';
import { createDesktopSaveShell } from './exportFiles';
import { createElectronPdfPrinter } from './exportPdf';
import { createEventEmitter, registerInvokeHandlers } from './ipc/register';
import { createSenderCheck } from './ipc/senderCheck';
import { createSafeStorageVault } from './keys/safeStorageVault';
import { buildMenuTemplate } from './menu';
import { createQuitGuard } from './quitGuard';
import { applyChromiumSwitches, secureSession, secureWebContents } from './security';
import { createBackend } from './services/backend';
import { startRendezvous, type Rendezvous } from './services/rendezvous';
import { createMainWindow, type WindowTheme } from './window';
import { createWindowRegistry } from './windowRegistry';

const log = logger('main');

// Only an unpackaged app may take its page from a dev server named in the environment:
// a packaged one must never be pointed at another page that would then get the bridge.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const isDev = devServerUrl !== undefined;
const appPage =
  devServerUrl === undefined ? appPageFromScheme() : appPageFromDevServer(devServerUrl);
const rendererDir = join(import.meta.dirname, '../renderer');
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');

const windows = createWindowRegistry<BrowserWindow>();
const emit = createEventEmitter(() => windows.all().map((window) => window.webContents), appPage);
// Opens a window once the app has started (set in start()).
let reopenWindow: (() => void) | null = null;
// Closes the door and the camera when the page that opened them goes (set in start()).
let closePageThings: (() => void) | null = null;
const invites = createInviteLinkInbox({
  deliver: (link) => {
    emit('hearth:app:invite-link', link);
  },
  hasPage: () => windows.all().some((window) => !window.webContents.isLoading()),
});

app.enableSandbox();
applyChromiumSwitches(app.commandLine);
// The page's own origin instead of file:// (./appProtocol.ts); must precede 'ready'.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

if (app.requestSingleInstanceLock()) {
  if (!registerInviteProtocol(app, process)) {
    log.warn('Hearth could not register itself for hearth:// links');
  }
  // Windows and Linux: a link opened while Hearth runs starts a second instance, whose
  // command line arrives here; one that started Hearth is on this instance's own.
  app.on('second-instance', (_event, argv) => {
    invites.receive(inviteLinkInArgv(argv));
    focusFirstWindow();
  });
  invites.receive(inviteLinkInArgv(process.argv));
  // macOS hands links over as events, possibly before ready.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    invites.receive(url);
    // A macOS app may be running with no window: open one to receive the link.
    if (windows.all().length === 0) reopenWindow?.();
    focusFirstWindow();
  });
  app.on('web-contents-created', (_event, contents) => {
    secureWebContents(contents, appPage, shell);
    contents.on('render-process-gone', (_goneEvent, details) => {
      log.error('a page process stopped', { reason: details.reason, exitCode: details.exitCode });
    });
  });
  app.whenReady().then(start).catch(failToStart);
} else {
  // Another Hearth already has this data folder open; it focuses its window instead.
  app.quit();
}

async function start(): Promise<void> {
  // The camera is allowed to Hearth's page only while its QR reader is open.
  const cameraGate = createCameraGate();
  secureSession(session.defaultSession, appPage, cameraGate);
  session.defaultSession.protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
  const dataDir = app.getPath('userData');
  const rendezvous = await startRendezvous({
    onChange: (endpoints) => {
      emit('hearth:sync:endpoints', endpoints);
    },
  }).catch((error: unknown): Rendezvous | null => {
    // Hearth still works alone, and can still meet peers through their endpoints.
    log.error('the signalling endpoint could not start', { error: String(error) });
    return null;
  });
  const backend = await createBackend({
    dataDir,
    keyVault: createSafeStorageVault(safeStorage, process.platform),
    appInfo: { mode: 'desktop', version: app.getVersion() },
    emit,
    endpoints: () => rendezvous?.endpoints() ?? [],
    doorNetwork: rendezvous?.doorNetwork ?? null,
    // Copying goes through main: the page holds no clipboard permission (security.ts).
    clipboard,
    cameraGate,
    saveShell: createDesktopSaveShell({
      dialog,
      // Dialogs belong to the window the member is looking at; none when no window has focus.
      window: () => windows.all().find((window) => window.isFocused()) ?? null,
      documentsDir: app.getPath('documents'),
      printPdf: createElectronPdfPrinter({
        BrowserWindow,
        session: (partition) => session.fromPartition(partition),
      }),
    }),
  });
  closePageThings = () => {
    cameraGate.setReaderOpen(false);
    void backend.handlers['hearth:door:close']().catch(() => undefined);
  };
  const unregister = registerInvokeHandlers(
    ipcMain,
    backend.handlers,
    createSenderCheck({ appPage, isOwnWebContents: (id) => windows.ownsWebContents(id) }),
  );
  app.on(
    'before-quit',
    createQuitGuard({
      close: async () => {
        await rendezvous?.close();
        await backend.close();
        unregister();
      },
      quit: () => {
        app.quit();
      },
    }),
  );
  app.on('window-all-closed', () => {
    // macOS apps stay in the dock with no window; elsewhere closing the window quits.
    if (process.platform !== 'darwin') app.quit();
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        platform: process.platform,
        isDev,
        sendCommand: (command) => {
          emit('hearth:menu:command', command);
        },
        showDataFolder: () => {
          void shell.openPath(dataDir).then((problem) => {
            if (problem !== '') log.warn('the data folder could not be shown', { problem });
          });
        },
      }),
    ),
  );

  openWindow(await openingTheme(backend.handlers));
  reopenWindow = () => {
    void openingTheme(backend.handlers).then(openWindow);
  };
  app.on('activate', () => {
    if (windows.all().length === 0) reopenWindow?.();
  });
}

function openWindow(theme: WindowTheme): void {
  const window = createMainWindow(BrowserWindow, appPage, { preloadPath, theme, isDev });
  window.webContents.on('did-finish-load', () => {
    invites.pageLoaded();
  });
  // A door and the camera belong to the page that opened them: not to a reloaded or closed one.
  const forgetPage = (): void => {
    closePageThings?.();
  };
  window.webContents.on('did-start-navigation', (_event, _url, isInPlace, isMainFrame) => {
    if (isMainFrame && !isInPlace) forgetPage();
  });
  window.on('closed', forgetPage);
  windows.track(window);
}

// The member's theme choice, so the window opens in the colour the page will draw.
async function openingTheme(handlers: InvokeHandlers): Promise<WindowTheme> {
  try {
    const { theme } = await handlers['hearth:settings:get']();
    if (theme !== 'system') return theme;
  } catch (error) {
    log.warn('settings could not be read for the window theme', { error: String(error) });
  }
  return nativeTheme.shouldUseDarkColors ? 'dark' : 'light';
}

function focusFirstWindow(): void {
  const [window] = windows.all();
  if (window === undefined) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}

function failToStart(error: unknown): void {
  log.error('Hearth could not start', {
    error: error instanceof Error ? error.stack : String(error),
  });
  const detail =
    error instanceof HearthError
      ? error.message
      : 'Its files could not be opened. Details are in the log.';
  dialog.showErrorBox('Hearth could not start', detail);
  app.exit(1);
}
