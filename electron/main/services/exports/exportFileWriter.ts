/**
 * Writes an export where the member chose: one file at the chosen path, or a folder
 * made at the chosen path with the export's files in it. Each file is written to a
 * temporary name and renamed, readable by this user only (the words are private); a
 * path that would leave the chosen folder is refused.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { HearthError } from '../../../../shared/ipc/errors';
import { storageError } from '../store/storeErrors';
import { fileBytes, type SaveRequest } from './saveShell';

/** Writes `request` at `target` (a file, or a new folder when `request.folder`); returns the file count. */
export async function writeExportFiles(target: string, request: SaveRequest): Promise<number> {
  if (!request.folder) {
    const [only] = request.files;
    if (only === undefined || request.files.length !== 1) throw new Error('one file expected');
    await writeOne(resolve(target), fileBytes(only));
    return 1;
  }
  const root = resolve(target);
  try {
    // A fresh folder: an export never mixes its files into one already there.
    await mkdir(root, { recursive: false, mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException | null)?.code === 'EEXIST') {
      throw new HearthError(
        'invalid-argument',
        'A folder with that name is already there. Choose another name.',
      );
    }
    throw storageError(error, 'make the export folder');
  }
  for (const file of request.files) {
    // The first part of each path is the suggested folder name: the chosen folder replaces it.
    const inner = file.path.split('/').slice(1).join('/');
    const path = resolve(root, inner);
    const rel = relative(root, path);
    if (inner === '' || rel.startsWith('..') || rel.startsWith(sep) || rel === '') {
      throw new HearthError('invalid-argument', 'An export file had a path outside its folder.');
    }
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeOne(path, fileBytes(file));
  }
  return request.files.length;
}

async function writeOne(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, bytes, { mode: 0o600, flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw storageError(error, 'save the export');
  }
}
