/**
 * The export channels: `hearth:export:save` builds an export from the store with
 * shared/export (in main or the browser-mode host, never in the renderer, so typing is
 * never held up), reports progress as `hearth:export:progress` events at most ten times
 * a second, and hands the result to the shell to save; `hearth:export:cancel` stops a
 * running job between two entries, and nothing is saved.
 */
import { buildExport } from '../../../../shared/export/buildExport';
import { ExportCancelled, ExportNotPossible } from '../../../../shared/export/readCircle';
import type { ExportFormat } from '../../../../shared/export/exportOptions';
import type { EmitEvent, InvokeHandlers } from '../../../../shared/ipc/contract';
import { HearthError } from '../../../../shared/ipc/errors';
import type { CircleId } from '../../../../shared/notebook/ids';
import type { CircleFolder } from '../store/circleFolder';
import { storedCircleSource } from './circleSource';
import type { SaveShell } from './saveShell';

const PROGRESS_INTERVAL_MS = 100;

const MEDIA_TYPES: Record<ExportFormat, string> = {
  markdown: 'text/markdown; charset=utf-8',
  'markdown-folder': 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

/** What the export handlers need. */
export interface ExportJobsOptions {
  circle: (circleId: CircleId) => Promise<CircleFolder>;
  /** This laptop's private journal folder, if it has one ("only my own words" reads it). */
  journal?: () => Promise<CircleFolder | null>;
  shell: SaveShell;
  emit: EmitEvent;
  now?: () => number;
}

/** The handlers of the export channels. */
export function exportHandlers(
  options: ExportJobsOptions,
): Pick<InvokeHandlers, 'hearth:export:save' | 'hearth:export:cancel'> {
  const now = options.now ?? Date.now;
  const running = new Map<string, { cancelled: boolean }>();
  return {
    'hearth:export:save': async (jobId, request) => {
      if (running.has(jobId))
        throw new HearthError('invalid-argument', 'That export is already running.');
      const cancel = { cancelled: false };
      // Read through a function: the flag changes while this handler awaits.
      const cancelled = (): boolean => cancel.cancelled;
      running.set(jobId, cancel);
      let lastSent = 0;
      try {
        const folder = await options.circle(request.circleId);
        if (request.format === 'pdf' && options.shell.printPdf === undefined) {
          return { kind: 'pdf-unavailable' };
        }
        const built = await buildExport(
          await storedCircleSource(folder, (await options.journal?.()) ?? null),
          request.format,
          request.options,
          {
            cancel,
            onProgress: (done, total) => {
              if (done !== total && now() - lastSent < PROGRESS_INTERVAL_MS) return;
              lastSent = now();
              options.emit('hearth:export:progress', { jobId, done, total });
            },
          },
        );
        if (cancelled()) return { kind: 'cancelled' };
        const mediaType = MEDIA_TYPES[request.format];
        if (built.kind === 'print') {
          const pdf = await options.shell.printPdf!(built.html);
          if (cancelled()) return { kind: 'cancelled' };
          return await options.shell.save({
            files: [{ path: built.path, contents: pdf }],
            suggestedName: built.path,
            folder: false,
            mediaType,
          });
        }
        const folderExport = request.format === 'markdown-folder';
        const first = built.files[0]?.path ?? 'export';
        return await options.shell.save({
          files: built.files,
          suggestedName: folderExport ? first.split('/')[0]! : first,
          folder: folderExport,
          mediaType,
        });
      } catch (error) {
        if (error instanceof ExportCancelled) return { kind: 'cancelled' };
        if (error instanceof ExportNotPossible) throw new HearthError('not-found', error.message);
        throw error;
      } finally {
        running.delete(jobId);
      }
    },
    'hearth:export:cancel': (jobId) => {
      const job = running.get(jobId);
      if (job !== undefined) job.cancelled = true;
      return Promise.resolve();
    },
  };
}
