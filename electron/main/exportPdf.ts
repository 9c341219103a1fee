/**
 * PDF in the desktop app: the booklet's HTML printed with `webContents.printToPDF` in a
 * hidden window that can do nothing else — sandboxed, JavaScript off, no preload, its
 * own in-memory session that refuses every request but the booklet file itself and
 * every permission, navigation and new window denied.
 *
 * The HTML goes through a temporary file (in a fresh folder only this user can read,
 * removed right after): a data: URL would be cut off at Chromium's 2 MB URL limit, and
 * a year's booklet is larger than that.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindow, BrowserWindowConstructorOptions, Session } from 'electron';
import type { PdfPrinter } from './services/exports/saveShell';

/** The session partition of print windows: in memory only (no `persist:` prefix). */
export const PRINT_PARTITION = 'hearth-print';

/** What printing needs from Electron. */
export interface PrintInput {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  session: (partition: string) => Session;
}

/** The hidden print window's options (a test checks each). */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 800,
    height: 1100,
    webPreferences: {
      partition: PRINT_PARTITION,
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
    },
  };
}

/** A printer that renders each booklet in a fresh hidden window. */
export function createElectronPdfPrinter(input: PrintInput): PdfPrinter {
  let secured = false;
  return async (html) => {
    const dir = await mkdtemp(join(tmpdir(), 'hearth-print-'));
    const file = join(dir, 'booklet.html');
    const fileUrl = pathToFileURL(file).href;
    const session = input.session(PRINT_PARTITION);
    if (!secured) {
      secured = true;
      session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
      session.setPermissionCheckHandler(() => false);
    }
    // Only the booklet itself may load; it asks for nothing else, and nothing else is let through.
    session.webRequest.onBeforeRequest((details, callback) => {
      callback({ cancel: details.url !== fileUrl });
    });
    const window = new input.BrowserWindow(printWindowOptions());
    try {
      window.webContents.on('will-navigate', (event) => event.preventDefault());
      window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
      await writeFile(file, html, { mode: 0o600 });
      await window.loadURL(fileUrl);
      const pdf = await window.webContents.printToPDF({
        preferCSSPageSize: true,
        printBackground: true,
      });
      return new Uint8Array(pdf);
    } finally {
      window.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  };
}
