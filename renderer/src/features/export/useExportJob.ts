/**
 * Runs one export in main: starts it with a fresh job id, follows its progress events,
 * cancels it on request, and turns the outcome into what the dialog shows (a browser-
 * mode download is started here).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportRequest } from '../../../../shared/export/exportOptions';
import type { ExportOutcome } from '../../../../shared/ipc/contract';
import { hearth } from '../../lib/hearthApi';
import { downloadFile } from '../../lib/downloadFile';
import { newJobId } from './jobId';

/** Where an export has got to. */
export type ExportState =
  | { step: 'idle' }
  | { step: 'running'; done: number; total: number }
  | { step: 'finished'; outcome: ExportOutcome }
  | { step: 'failed'; error: unknown };

/** The export state, and how to start and cancel one. */
export function useExportJob(): {
  state: ExportState;
  start(request: ExportRequest): void;
  cancel(): void;
  reset(): void;
} {
  const [state, setState] = useState<ExportState>({ step: 'idle' });
  const job = useRef<string | null>(null);

  useEffect(
    () =>
      hearth.events.onExportProgress((progress) => {
        if (progress.jobId !== job.current) return;
        setState({ step: 'running', done: progress.done, total: progress.total });
      }),
    [],
  );

  const start = useCallback((request: ExportRequest) => {
    const jobId = newJobId();
    job.current = jobId;
    setState({ step: 'running', done: 0, total: 0 });
    hearth.export.save(jobId, request).then(
      (outcome) => {
        if (job.current !== jobId) return;
        job.current = null;
        if (outcome.kind === 'download')
          downloadFile(outcome.name, outcome.mediaType, outcome.bytes);
        setState({ step: 'finished', outcome });
      },
      (error: unknown) => {
        if (job.current !== jobId) return;
        job.current = null;
        setState({ step: 'failed', error });
      },
    );
  }, []);

  const cancel = useCallback(() => {
    if (job.current !== null) void hearth.export.cancel(job.current);
  }, []);

  const reset = useCallback(() => {
    setState({ step: 'idle' });
  }, []);

  return { state, start, cancel, reset };
}
