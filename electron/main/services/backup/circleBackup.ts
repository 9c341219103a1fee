/**
 * The backup channels. `hearth:backup:create` writes every document of a circle, with
 * this laptop's profile in it (and so the circle key), into one passphrase-encrypted
 * file (format in shared/backup/backupFile.ts). `hearth:backup:restore` reads one back.
 *
 * Restoring decrypts and checks the whole file in memory before anything is written;
 * the circle's folder is then built aside and renamed into place in one step, so a
 * wrong passphrase, a damaged file or a failure half-way changes nothing on disk.
 *
 * A circle that is already on this laptop is refused, not restored as a copy: a copy
 * would share the circle key, and so the sync room, with the original, and two
 * notebooks of one circle on one laptop would only confuse. Its own laptop's notebook
 * is newer than any backup of it anyway, and syncs with the others.
 */
import * as Y from 'yjs';
import {
  BackupRefused,
  MIN_PASSPHRASE_LENGTH,
  openBackupFile,
  sealBackupFile,
} from '../../../../shared/backup/backupFile';
import { decodeBackupPayload, encodeBackupPayload } from '../../../../shared/backup/backupPayload';
import { slug } from '../../../../shared/export/markdownExport';
import type { InvokeHandlers } from '../../../../shared/ipc/contract';
import { HearthError } from '../../../../shared/ipc/errors';
import type { DocId } from '../../../../shared/notebook/ids';
import { logger } from '../../../../shared/log';
import { applyGuardedUpdate } from '../../../../shared/sync/updateGuard';
import { circleSummary } from '../store/circleProfile';
import type { Store } from '../store/store';
import type { SaveShell } from '../exports/saveShell';

const log = logger('backup');

/** The file name ending of a backup. */
export const BACKUP_EXTENSION = 'hearthbackup';

/** What the backup handlers need; `iterations` is for tests only. */
export interface CircleBackupOptions {
  store: Store;
  shell: SaveShell;
  now?: () => number;
  iterations?: number;
}

/** The handlers of the backup channels. */
export function backupHandlers(
  options: CircleBackupOptions,
): Pick<InvokeHandlers, 'hearth:backup:create' | 'hearth:backup:restore'> {
  const now = options.now ?? Date.now;
  return {
    'hearth:backup:create': async (circleId, passphrase) => {
      if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
        throw new HearthError(
          'invalid-argument',
          `A passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters.`,
        );
      }
      const folder = await options.store.circle(circleId);
      // Everything the renderer has handed over so far is in the backup.
      await options.store.flush();
      const docs = new Map<DocId, Uint8Array>();
      for (const docId of await folder.docIds()) {
        const state = await folder.load(docId);
        if (state !== null) docs.set(docId, state);
      }
      const { profile, name } = folder.circle;
      const payload = encodeBackupPayload({
        createdAt: now(),
        circle: { ...profile, name },
        docs,
      });
      const file = await sealBackupFile(payload, passphrase, options.iterations);
      const day = new Date(now()).toISOString().slice(0, 10);
      const fileName = `${slug(name, 'circle')}-${day}.${BACKUP_EXTENSION}`;
      return options.shell.save({
        files: [{ path: fileName, contents: file }],
        suggestedName: fileName,
        folder: false,
        mediaType: 'application/octet-stream',
      });
    },
    'hearth:backup:restore': async (passphrase, given) => {
      const file = given ?? (await options.shell.chooseBackup());
      if (file === null) return { kind: 'dismissed' };
      let backup: ReturnType<typeof decodeBackupPayload>;
      try {
        backup = decodeBackupPayload(await openBackupFile(file, passphrase));
      } catch (error) {
        if (!(error instanceof BackupRefused)) throw error;
        log.info('a backup was refused', { reason: error.reason });
        return { kind: 'refused', reason: error.reason };
      }
      for (const [docId, state] of backup.docs) {
        // The check a peer's whole document gets: decoding alone passes states that Yjs
        // then refuses to apply, or applies only in part (found by test/fuzz/backupFiles.ts).
        const checked = applyGuardedUpdate(new Y.Doc(), state, null);
        if (!checked.ok || checked.incomplete) {
          log.warn('a backup holds a document that is not a whole Yjs state', { docId });
          return { kind: 'refused', reason: 'damaged' };
        }
      }
      const { name, ...profile } = backup.circle;
      try {
        const folder = await options.store.restoreCircle(
          { profile, name, lastOpenedAt: now() },
          backup.docs,
        );
        return { kind: 'restored', circle: circleSummary(folder.circle) };
      } catch (error) {
        if (error instanceof HearthError && error.kind === 'invalid-argument') {
          return { kind: 'refused', reason: 'circle-exists' };
        }
        throw error;
      }
    },
  };
}
