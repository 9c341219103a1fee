/**
 * PDFs in tests: the booklet printed by headless Chromium (the same printer the
 * command line and browser mode use), and its text read back with pdftotext.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openChromiumPrinter } from '../../electron/web/chromiumPdf';

const run = promisify(execFile);

/** A running printer. */
export interface PdfPrinterHandle {
  print(html: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Starts Chromium for printing, or null (with the reason logged) where it is missing. */
export async function openPdfPrinter(): Promise<PdfPrinterHandle | null> {
  const printer = await openChromiumPrinter();
  if (printer === null)
    console.warn('Chromium is not available: PDFs are not rendered in this run');
  return printer;
}

/** The text of a PDF, in reading order (pdftotext -layout off). */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-pdf-'));
  try {
    const path = join(dir, 'booklet.pdf');
    await writeFile(path, pdf);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', path, '-'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
