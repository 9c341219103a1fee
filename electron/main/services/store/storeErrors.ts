/**
 * Turns file-system failures into errors the member can be told about. A full disk is
 * its own kind (the renderer says "free some space"); anything else is `storage-failed`.
 */
import { HearthError } from '../../../../shared/ipc/errors';

const FULL_DISK_CODES = new Set(['ENOSPC', 'EDQUOT']);

/** True when `error` says the disk (or the user's quota) is full. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code !== undefined && FULL_DISK_CODES.has(code);
}

/** A HearthError for a failed file operation; `doing` says what Hearth was trying to do. */
export function storageError(error: unknown, doing: string): HearthError {
  if (error instanceof HearthError) return error;
  if (isDiskFull(error)) {
    return new HearthError(
      'disk-full',
      `The disk is full, so Hearth could not ${doing}. Free some space: what you wrote is kept and saved as soon as there is room.`,
    );
  }
  const code = (error as NodeJS.ErrnoException | null)?.code ?? 'unknown';
  return new HearthError('storage-failed', `Hearth could not ${doing} (${code}).`);
}
