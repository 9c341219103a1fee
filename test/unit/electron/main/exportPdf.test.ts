import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BrowserWindow, BrowserWindowConstructorOptions, Session } from 'electron';
import {
  PRINT_PARTITION,
  createElectronPdfPrinter,
  printWindowOptions,
} from '../../../../electron/main/exportPdf';

type RequestFilter = (
  details: { url: string },
  callback: (response: { cancel: boolean }) => void,
) => void;

function fakes() {
  const seen: {
    options?: BrowserWindowConstructorOptions;
    loaded?: string;
    html?: string;
    destroyed: boolean;
    filter?: RequestFilter;
    partition?: string;
  } = { destroyed: false };
  class FakeWindow {
    webContents = {
      on: () => undefined,
      setWindowOpenHandler: () => undefined,
      printToPDF: () => Promise.resolve(Buffer.from('%PDF-1.7 fake')),
    };
    constructor(options: BrowserWindowConstructorOptions) {
      seen.options = options;
    }
    async loadURL(url: string): Promise<void> {
      seen.loaded = url;
      seen.html = await readFile(fileURLToPath(url), 'utf8');
    }
    destroy(): void {
      seen.destroyed = true;
    }
  }
  const session = {
    setPermissionRequestHandler: () => undefined,
    setPermissionCheckHandler: () => undefined,
    webRequest: {
      onBeforeRequest: (filter: RequestFilter) => {
        seen.filter = filter;
      },
    },
  };
  return {
    seen,
    printer: createElectronPdfPrinter({
      BrowserWindow: FakeWindow as unknown as new (
        o: BrowserWindowConstructorOptions,
      ) => BrowserWindow,
      session: (partition) => {
        seen.partition = partition;
        return session as unknown as Session;
      },
    }),
  };
}

describe('printing a PDF in the desktop app', () => {
  it('uses a hidden, sandboxed window with JavaScript off in an in-memory session', () => {
    const options = printWindowOptions();
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      partition: PRINT_PARTITION,
    });
    expect(options.webPreferences?.preload).toBeUndefined();
    expect(PRINT_PARTITION.startsWith('persist:')).toBe(false);
  });

  it('loads only the booklet file, refuses every other request, and cleans up after itself', async () => {
    const { seen, printer } = fakes();
    const pdf = await printer('<!doctype html><title>t</title><p>words</p>');
    expect(new TextDecoder().decode(pdf)).toContain('%PDF');
    expect(seen.html).toContain('<p>words</p>');
    expect(seen.partition).toBe(PRINT_PARTITION);
    const answers: boolean[] = [];
    for (const url of [seen.loaded!, 'https://example.org/font.woff', 'file:///etc/passwd']) {
      seen.filter!({ url }, ({ cancel }) => answers.push(cancel));
    }
    expect(answers).toEqual([false, true, true]);
    expect(seen.destroyed).toBe(true);
    expect(existsSync(fileURLToPath(seen.loaded!))).toBe(false);
  });
});
