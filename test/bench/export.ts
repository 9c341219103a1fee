/**
 * `npm run bench:export`: exports the one-year circle (./oneYearCircle.ts: 52 meetings,
 * 624 entries of about 400 words) as a member would from the Export dialog — read with
 * consent applied, then written — in Markdown, HTML and PDF, and prints a table with
 * each export's time against its budget (Markdown and HTML 2 s, PDF 15 s) and the
 * process's peak memory. The PDF is printed by headless Chromium (the browser-mode and
 * command-line printer; the desktop app uses Electron's printToPDF of the same HTML);
 * Chromium's own processes are not in the memory figure. Exits 1 when a budget is missed.
 * `-- --five-year` exports the five-year circle instead, against issue 16's budgets
 * (Markdown and HTML 5 s, PDF 60 s).
 *
 * The cached circle is copied to a temporary folder first: opening a store may compact
 * its logs, and the cache must stay as it was generated.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { storedCircleSource } from '../../electron/main/services/exports/circleSource';
import { openChromiumPrinter } from '../../electron/web/chromiumPdf';
import { fileBytes } from '../../electron/main/services/exports/saveShell';
import { FileKeyVault } from '../../electron/main/services/keys/fileKeyVault';
import { Store } from '../../electron/main/services/store/store';
import * as Y from 'yjs';
import { buildExport } from '../../shared/export/buildExport';
import type { CircleSource } from '../../shared/export/readCircle';
import { CircleIndex } from '../../shared/notebook/circleIndex';
import { DEFAULT_EXPORT_OPTIONS, type ExportFormat } from '../../shared/export/exportOptions';
import { fiveYearCircle, oneYearCircle } from './oneYearCircle';

const FIVE_YEARS = process.argv.includes('--five-year');
const BUDGET_MS: Record<'markdown' | 'html' | 'pdf', number> = FIVE_YEARS
  ? { markdown: 5000, html: 5000, pdf: 60000 }
  : { markdown: 2000, html: 2000, pdf: 15000 };

interface Row {
  format: string;
  ms: number;
  budget: number;
  bytes: number;
  note: string;
}

/** Peak resident memory, sampled every 5 ms, alongside the kernel's own peak. */
function memoryWatch(): { stop(): { sampledMiB: number; heapMiB: number } } {
  let rss = 0;
  let heap = 0;
  const sample = (): void => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  };
  const timer = setInterval(sample, 5);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { sampledMiB: rss / 2 ** 20, heapMiB: heap / 2 ** 20 };
    },
  };
}

async function main(): Promise<void> {
  const circle = await (FIVE_YEARS ? fiveYearCircle : oneYearCircle)((line) => console.log(line));
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-bench-export-'));
  try {
    await cp(circle.dataDir, dataDir, { recursive: true });
    const store = await Store.open({
      dataDir,
      keyVault: FileKeyVault.inDataDir(dataDir),
      onNotice: () => undefined,
    });
    const folder = await store.circle(circle.circleId);
    const source = await storedCircleSource(folder);
    const memory = memoryWatch();
    const rows: Row[] = [];
    // The first read of every document decrypts its log; the store keeps it open after.
    const loadStarted = performance.now();
    const entries = await countAndLoadEntries(source);
    rows.push({
      format: 'open',
      ms: performance.now() - loadStarted,
      budget: Number.NaN,
      bytes: 0,
      note: `first read of ${entries} entry documents from disk (decrypt, merge); later exports skip it`,
    });
    const formats: (ExportFormat & keyof typeof BUDGET_MS)[] = ['markdown', 'html'];
    for (const format of formats) {
      const started = performance.now();
      const built = await buildExport(source, format, DEFAULT_EXPORT_OPTIONS);
      const ms = performance.now() - started;
      const bytes =
        built.kind === 'files' ? built.files.reduce((sum, f) => sum + fileBytes(f).length, 0) : 0;
      rows.push({ format, ms, budget: BUDGET_MS[format], bytes, note: '' });
    }
    const launchStarted = performance.now();
    const printer = await openChromiumPrinter();
    const launchMs = performance.now() - launchStarted;
    if (printer === null) {
      rows.push({
        format: 'pdf',
        ms: Number.NaN,
        budget: BUDGET_MS.pdf,
        bytes: 0,
        note: 'no Chromium here: skipped',
      });
    } else {
      try {
        const started = performance.now();
        const built = await buildExport(source, 'pdf', DEFAULT_EXPORT_OPTIONS);
        const pdf = built.kind === 'print' ? await printer.print(built.html) : new Uint8Array();
        const ms = performance.now() - started;
        rows.push({
          format: 'pdf',
          ms,
          budget: BUDGET_MS.pdf,
          bytes: pdf.length,
          note: `+ ${Math.round(launchMs)} ms to start Chromium once`,
        });
      } finally {
        await printer.close();
      }
    }
    const peak = memory.stop();
    await store.close();

    console.log(
      `\nExport of the ${FIVE_YEARS ? 'five-year' : 'one-year'} circle: ${circle.meetings} meetings, ${circle.entries} entries, ${circle.words} words\n`,
    );
    console.log('| format   |    time | budget |     size | result | note');
    console.log('| -------- | ------- | ------ | -------- | ------ | ----');
    let failed = false;
    for (const row of rows) {
      const ok = Number.isNaN(row.budget)
        ? ''
        : Number.isNaN(row.ms)
          ? 'skip'
          : row.ms <= row.budget
            ? 'ok'
            : 'SLOW';
      if (ok === 'SLOW') failed = true;
      console.log(
        `| ${row.format.padEnd(8)} | ${(Number.isNaN(row.ms) ? '-' : `${(row.ms / 1000).toFixed(2)} s`).padStart(7)} | ${(Number.isNaN(row.budget) ? '-' : `${row.budget / 1000} s`).padStart(6)} | ${`${(row.bytes / 2 ** 20).toFixed(2)} MiB`.padStart(8)} | ${ok.padEnd(6)} | ${row.note}`,
      );
    }
    console.log(
      `\nLoad average while measuring: ${loadavg()
        .map((n) => n.toFixed(1))
        .join(
          ' ',
        )} on ${availableParallelism()} cores (figures grow with other work on the machine).`,
    );
    console.log(
      `Peak memory of this process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB resident (kernel peak), ${peak.sampledMiB.toFixed(0)} MiB sampled during the exports, heap ${peak.heapMiB.toFixed(0)} MiB.`,
    );
    if (failed) process.exitCode = 1;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function countAndLoadEntries(source: CircleSource): Promise<number> {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, source.indexState);
  const index = new CircleIndex(ydoc);
  const ids = [...index.read().entries.keys()];
  index.dispose();
  for (const id of ids) await source.entryState(id);
  return ids.length;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
