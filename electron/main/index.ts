/**
 * The main process: lifecycle wiring only. Every rule lives in a module that takes
 * Electron objects as parameters (security, window, menu, ipc, keys, quitGuard); this
 * file is the one place that hands them the real ones.
 *
 * Order: security switches, the single-instance lock and the `hearth://` link handlers
 * (macOS sends `open-url` before ready) first; on ready the session rules, the
 * rendezvous (signalling endpoint and mDNS discovery), main's services, IPC, the menu, then
 * the window. On quit peers are told goodbye, then the services are flushed and closed
 * before the app exits.
 *
 * Also the desktop conventions: the log file in the platform's log folder
 * (services/log/), the data folder's lock (services/store/folderLock.ts), menus and
 * dialogs in the member's language (the locale files), the text context menu, the
 * display kept on during a round, and the native theme following the setting.
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
  powerSaveBlocker,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import { release, type as osType } from 'node:os';
import en from '../../resources/locales/en.json';
import es from '../../resources/locales/es.json';
import { chooseLanguage } from '../../shared/i18n/language';
import { translator, type Translate } from '../../shared/i18n/translate';
import type { InvokeHandlers, Language, Settings } from '../../shared/ipc/contract';
import { HearthError } from '../../shared/ipc/errors';
import { consoleSink, logger, setLogSink, teeSink } from '../../shared/log';
import { attachContextMenu } from './contextMenu';
import { applyNativeTheme } from './desktopSettings';
import { createKeepAwake } from './keepAwake';
import { openLogFile } from './services/log/logFile';
import { FolderLockedError, lockDataFolder, type FolderLock } from './services/store/folderLock';
import { appPageFromDevServer, appPageFromScheme } from './appPage';
import { createCameraGate } from './cameraGate';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './appProtocol';
import { createInviteLinkInbox, inviteLinkInArgv, registerInviteProtocol } from './inviteLinks';
import { createDesktopSaveShell } from './exportFiles';
import { createElectronPdfPrinter } from './exportPdf';
import { createEventEmitter, registerInvokeHandlers } from './ipc/register';
import { createSenderCheck } from './ipc/senderCheck';
import { createSafeStorageVault, keyProtectionOf } from './keys/safeStorageVault';
import { buildMenuTemplate, menuLabels } from './menu';
import { createQuitGuard } from './quitGuard';
import { applyChromiumSwitches, secureSession, secureWebContents } from './security';
import { openHearthServices } from './services/hearthServices';
import { startRendezvous, type Rendezvous } from './services/rendezvous';
import { createMainWindow, type WindowTheme } from './window';
import { createWindowRegistry } from './windowRegistry';

// The log first, so that everything after it is recorded (events and errors, no content).
// setAppLogsPath() with no path picks the platform's folder (~/Library/Logs/Hearth on
// macOS, inside the user-data folder elsewhere).
app.setAppLogsPath();
const logFile = openLogFile(app.getPath('logs'));
setLogSink(teeSink(consoleSink, logFile.sink));
const log = logger('main');

// Menus, dialogs and error boxes speak the member's language (set once settings are read).
let language: Language = chooseLanguage('system', app.getPreferredSystemLanguages());
const t = (): Translate => translator({ en, es }, language);
const keepAwake = createKeepAwake(powerSaveBlocker);
let folderLock: FolderLock | null = null;

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
    attachContextMenu(contents, t, (template) => {
      Menu.buildFromTemplate(template).popup();
    });
    contents.on('render-process-gone', (_goneEvent, details) => {
      log.error('a page process stopped', { reason: details.reason, exitCode: details.exitCode });
      // A page that is gone cannot end its round: let the display sleep again.
      keepAwake.set(false);
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
  // One writer per data folder: browser mode or the export command may have it open.
  folderLock = await lockDataFolder(dataDir, 'the Hearth app');
  const rendezvous = await startRendezvous({
    onChange: (endpoints) => {
      emit('hearth:sync:endpoints', endpoints);
    },
  }).catch((error: unknown): Rendezvous | null => {
    // Hearth still works alone, and can still meet peers through their endpoints.
    log.error('the signalling endpoint could not start', { error: String(error) });
    return null;
  });
  const services = await openHearthServices({
    dataDir,
    keyVault: createSafeStorageVault(safeStorage, process.platform),
    appInfo: {
      mode: 'desktop',
      version: app.getVersion(),
      systemLanguages: app.getPreferredSystemLanguages(),
      keyProtection: keyProtectionOf(safeStorage, process.platform),
    },
    runtime: {
      electron: process.versions.electron,
      chrome: process.versions.chrome,
      node: process.versions.node,
      os: `${osType()} ${release()} ${process.arch}`,
    },
    logTail: (count) => logFile.tail(count),
    keepAwake: (awake) => {
      keepAwake.set(awake);
    },
    onSettingsChanged: followSettings,
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
      fileTypeNames: () => {
        const words = t();
        return {
          md: words('desktop.fileTypes.md'),
          html: words('desktop.fileTypes.html'),
          pdf: words('desktop.fileTypes.pdf'),
          hearthbackup: words('desktop.fileTypes.hearthbackup'),
        };
      },
      printPdf: createElectronPdfPrinter({
        BrowserWindow,
        session: (partition) => session.fromPartition(partition),
      }),
    }),
  });
  closePageThings = () => {
    cameraGate.setReaderOpen(false);
    void services.handlers['hearth:door:close']().catch(() => undefined);
  };
  const unregister = registerInvokeHandlers(
    ipcMain,
    services.handlers,
    createSenderCheck({ appPage, isOwnWebContents: (id) => windows.ownsWebContents(id) }),
  );
  app.on(
    'before-quit',
    createQuitGuard({
      close: async () => {
        keepAwake.set(false);
        await rendezvous?.close();
        await services.close();
        unregister();
        await folderLock?.release();
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

  setApplicationMenu = () => {
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          platform: process.platform,
          isDev,
          labels: menuLabels(t()),
          sendCommand: (command) => {
            emit('hearth:menu:command', command);
          },
          showDataFolder: () => {
            void shell.openPath(dataDir).then((problem) => {
              if (problem !== '') log.warn('the data folder could not be shown', { problem });
            });
          },
          copyDiagnostics: () => {
            void copyDiagnostics(services.handlers);
          },
        }),
      ),
    );
  };
  followSettings(await services.handlers['hearth:settings:get']().catch(() => null));

  openWindow(await openingTheme(services.handlers));
  reopenWindow = () => {
    void openingTheme(services.handlers).then(openWindow);
  };
  app.on('activate', () => {
    if (windows.all().length === 0) reopenWindow?.();
  });
}

// Rebuilds the application menu (set in start(), once the services are open).
let setApplicationMenu: (() => void) | null = null;

// Theme and language follow the member's settings; the menu is rebuilt in a new language.
function followSettings(settings: Settings | null): void {
  if (settings === null) {
    setApplicationMenu?.();
    return;
  }
  applyNativeTheme(nativeTheme, settings.theme);
  const next = chooseLanguage(settings.language, app.getPreferredSystemLanguages());
  const changed = next !== language;
  language = next;
  if (changed || Menu.getApplicationMenu() === null) setApplicationMenu?.();
}

async function copyDiagnostics(handlers: InvokeHandlers): Promise<void> {
  const words = t();
  const focused = windows.all().find((window) => window.isFocused()) ?? null;
  try {
    await handlers['hearth:app:diagnostics']();
    const box = {
      type: 'info' as const,
      message: words('desktop.diagnostics.copiedTitle'),
      detail: words('desktop.diagnostics.copiedBody'),
      buttons: [words('desktop.diagnostics.ok')],
    };
    await (focused === null ? dialog.showMessageBox(box) : dialog.showMessageBox(focused, box));
  } catch (error) {
    log.error('diagnostics could not be gathered', { error: String(error) });
    dialog.showErrorBox(words('desktop.diagnostics.failed'), String(error));
  }
}

function openWindow(theme: WindowTheme): void {
  const window = createMainWindow(BrowserWindow, appPage, { preloadPath, theme, isDev });
  window.webContents.on('did-finish-load', () => {
    invites.pageLoaded();
  });
  // A door, the camera and a round's keep-awake belong to the page that opened them: not to
  // a reloaded or closed one.
  const forgetPage = (): void => {
    closePageThings?.();
    keepAwake.set(false);
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
  const words = t();
  const detail =
    error instanceof FolderLockedError
      ? words('desktop.startFailed.folderInUse')
      : error instanceof HearthError
        ? error.message
        : words('desktop.startFailed.detail', { logPath: logFile.path });
  dialog.showErrorBox(words('desktop.startFailed.title'), detail);
  void folderLock?.release();
  app.exit(1);
}
