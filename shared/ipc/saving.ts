/** Where exports and backups went: the `hearth:export:*` and `hearth:backup:*` channels. */
import type { BackupRefusal } from '../backup/backupFile';
import type { CircleSummary } from './circles';

/**
 * Where an export or a backup went. Desktop: written where the member chose in the
 * native save dialog (`saved`), or the dialog was closed (`dismissed`). Browser mode:
 * the bytes come back for the page to download (several files arrive as one .zip).
 */
export type SaveOutcome =
  | { kind: 'saved'; fileCount: number }
  | { kind: 'download'; name: string; mediaType: string; bytes: Uint8Array }
  | { kind: 'dismissed' };

/** How an export ended, when it did not fail. */
export type ExportOutcome = SaveOutcome | { kind: 'cancelled' } | { kind: 'pdf-unavailable' };

/** How far an export job has got, in entries read. */
export interface ExportProgress {
  jobId: string;
  done: number;
  total: number;
}

/** How restoring a backup ended, when it did not fail. */
export type RestoreOutcome =
  | { kind: 'restored'; circle: CircleSummary }
  | { kind: 'refused'; reason: BackupRefusal | 'circle-exists' }
  | { kind: 'dismissed' };
