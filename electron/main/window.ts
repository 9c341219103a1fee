/**
 * Hearth's window: Electron's security checklist applied to every option, a background
 * that matches the theme so the window never flashes white, and no remembered state
 * (no position, no size, no title taken from the page: a circle's name stays out of
 * the operating system's window lists).
 */
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { logger } from '../../shared/log';
import type { AppPage } from './appPage';

const log = logger('window');

/** Window background per theme; keep in step with the renderer's page background. */
export const WINDOW_BACKGROUND = { light: '#fbf7f2', dark: '#1d1916' } as const;

/** The theme the window opens in, before the renderer has drawn anything. */
export type WindowTheme = keyof typeof WINDOW_BACKGROUND;

/** The window's fixed title. */
export const WINDOW_TITLE = 'Hearth';

/** What the window options depend on. */
export interface WindowOptionsInput {
  /** Absolute path of the built preload (out/preload/index.cjs). */
  preloadPath: string;
  theme: WindowTheme;
  /** Developer tools are available only in development. */
  isDev: boolean;
}

/** The BrowserWindow options, every security setting spelled out (a test checks each). */
export function buildWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1180,
    height: 820,
    // Room for the notebook column and the round panel side by side at 100 % zoom.
    minWidth: 720,
    minHeight: 520,
    // Shown on 'ready-to-show' so the first thing seen is the drawn page.
    show: false,
    backgroundColor: WINDOW_BACKGROUND[input.theme],
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // A file dropped on the window must not replace the app's page.
      navigateOnDragDrop: false,
      // A page stuck in a loop of alert() calls can be stopped by the member.
      safeDialogs: true,
      spellcheck: true,
      devTools: input.isDev,
    },
  };
}

/** The BrowserWindow constructor, passed in so this module never loads Electron itself. */
export type BrowserWindowConstructor = new (
  options: BrowserWindowConstructorOptions,
) => BrowserWindow;

/** Creates a window with {@link buildWindowOptions}, loads the app's page and shows it when drawn. */
export function createMainWindow(
  BrowserWindowClass: BrowserWindowConstructor,
  appPage: AppPage,
  input: WindowOptionsInput,
): BrowserWindow {
  const window = new BrowserWindowClass(buildWindowOptions(input));
  window.once('ready-to-show', () => {
    window.show();
  });
  window.on('page-title-updated', (event) => {
    event.preventDefault();
  });
  window.loadURL(appPage.url).catch((error: unknown) => {
    log.error('the app page did not load', { error: String(error) });
    // A hidden window would leave Hearth running with nothing on screen.
    if (!window.isDestroyed()) window.show();
  });
  return window;
}
