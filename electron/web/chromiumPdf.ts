/**
 * Printing the booklet to PDF with headless Chromium, for browser mode and the command
 * line (the desktop app prints with Electron's own `printToPDF`, electron/main/exportPdf.ts).
 * Uses playwright-core and the system's Chromium (`$HEARTH_CHROMIUM`, else
 * /usr/bin/chromium); where either is missing, {@link openChromiumPrinter} says so by
 * returning null, and the caller offers HTML instead.
 *
 * The page is locked down as the desktop one is: JavaScript off, offline, every request
 * refused (the booklet needs none), so printing cannot reach anything.
 */
import { existsSync } from 'node:fs';
import { logger } from '../../shared/log';
import type { PdfPrinter } from '../main/services/exports/saveShell';

const log = logger('pdf');

/** Where the system's Chromium is looked for. */
export function chromiumPath(): string {
  return process.env.HEARTH_CHROMIUM ?? '/usr/bin/chromium';
}

/** A running Chromium that prints booklets; close it when done. */
export interface ChromiumPrinter {
  print: PdfPrinter;
  close(): Promise<void>;
}

/** Starts Chromium for printing, or returns null when it cannot run here. */
export async function openChromiumPrinter(): Promise<ChromiumPrinter | null> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) return null;
  const playwright = await import('playwright-core').catch(() => null);
  if (playwright === null) {
    log.info('playwright-core is not installed: PDF needs the desktop app');
    return null;
  }
  const asRoot = process.getuid?.() === 0;
  const browser = await playwright.chromium.launch({
    executablePath,
    args: [
      ...(asRoot ? ['--no-sandbox'] : []),
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  await context.route('**/*', (route) => route.abort());
  return {
    print: async (html) => {
      const page = await context.newPage();
      try {
        await page.setContent(html, { waitUntil: 'load' });
        return new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
      } finally {
        await page.close();
      }
    },
    close: () => browser.close(),
  };
}

/**
 * A printer that starts Chromium on first use and keeps it for the next export (the
 * browser-mode host); `close` stops it if it was started.
 */
export function lazyChromiumPrinter(): { print: PdfPrinter; close(): Promise<void> } {
  let opening: Promise<ChromiumPrinter | null> | null = null;
  return {
    print: async (html) => {
      opening ??= openChromiumPrinter();
      const printer = await opening;
      if (printer === null) throw new Error('Chromium is not available to print a PDF here.');
      return printer.print(html);
    },
    close: async () => (await opening)?.close(),
  };
}
