/**
 * Markdown and HTML export of a generated circle, timed as `npm run bench:export` times
 * them (./export.ts, which adds the PDF and memory): the store's first read of every
 * entry (decrypt, merge) apart, then each format built with the default options. On a
 * copy of the folder: opening a store may compact its logs.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { storedCircleSource } from '../../electron/main/services/exports/circleSource';
import { FileKeyVault } from '../../electron/main/services/keys/fileKeyVault';
import { Store } from '../../electron/main/services/store/store';
import { buildExport } from '../../shared/export/buildExport';
import { DEFAULT_EXPORT_OPTIONS } from '../../shared/export/exportOptions';
import { CircleIndex } from '../../shared/notebook/circleIndex';
import type { OneYearCircle } from './oneYearCircle';

/** Milliseconds each step took. */
export interface ExportTimes {
  /** The store's first read of every entry document. */
  firstReadMs: number;
  markdownMs: number;
  htmlMs: number;
}

/** Times the first read, then a Markdown and an HTML export, of `circle`. */
export async function measureExports(circle: OneYearCircle): Promise<ExportTimes> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-bench-export-'));
  try {
    await cp(circle.dataDir, dataDir, { recursive: true });
    const store = await Store.open({
      dataDir,
      keyVault: FileKeyVault.inDataDir(dataDir),
      onNotice: () => undefined,
    });
    try {
      const source = await storedCircleSource(await store.circle(circle.circleId));
      let started = performance.now();
      const index = new Y.Doc();
      Y.applyUpdate(index, source.indexState);
      const circleIndex = new CircleIndex(index);
      const ids = [...circleIndex.read().entries.keys()];
      circleIndex.dispose();
      for (const id of ids) await source.entryState(id);
      const firstReadMs = performance.now() - started;
      started = performance.now();
      await buildExport(source, 'markdown', DEFAULT_EXPORT_OPTIONS);
      const markdownMs = performance.now() - started;
      started = performance.now();
      await buildExport(source, 'html', DEFAULT_EXPORT_OPTIONS);
      return { firstReadMs, markdownMs, htmlMs: performance.now() - started };
    } finally {
      await store.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
