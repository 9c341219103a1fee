/**
 * The desktop app's {@link SaveShell}: Electron's native save and open dialogs, files
 * written by services/exports/exportFileWriter.ts, PDFs printed by ./exportPdf.ts.
 * Electron objects come in as parameters, so tests drive this with fakes.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import { HearthError } from '../../shared/ipc/errors';
import { MAX_BACKUP_BYTES } from '../../shared/ipc/arguments';
import { writeExportFiles } from './services/exports/exportFileWriter';
import type { PdfPrinter, SaveShell } from './services/exports/saveShell';

/** What the desktop shell needs from Electron. */
export interface DesktopShellInput {
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;
  /** The window the dialogs belong to (sheets on macOS), if any. */
  window: () => BrowserWindow | null;
  /** Where the save dialog starts: the member's Documents folder. */
  documentsDir: string;
  printPdf: PdfPrinter;
  /**
   * The dialogs' names of file types, in the member's language (`desktop.fileTypes.*`);
   * English when absent.
   */
  fileTypeNames?: () => Partial<Record<FileType, string>>;
}

/** The kinds of file the dialogs offer, by extension. */
export type FileType = 'md' | 'html' | 'pdf' | 'hearthbackup';

const ENGLISH_NAMES: Record<FileType, string> = {
  md: 'Markdown',
  html: 'Web page',
  pdf: 'PDF',
  hearthbackup: 'Hearth backup',
};

function filtersFor(extension: string, input: DesktopShellInput): Electron.FileFilter[] {
  if (!Object.hasOwn(ENGLISH_NAMES, extension)) return [];
  const type = extension as FileType;
  const name = input.fileTypeNames?.()[type] ?? ENGLISH_NAMES[type];
  return [{ name, extensions: [type] }];
}

/** The save shell of the desktop app. */
export function createDesktopSaveShell(input: DesktopShellInput): SaveShell {
  return {
    save: async (request) => {
      const extension = request.folder ? '' : (request.suggestedName.split('.').pop() ?? '');
      const options: Electron.SaveDialogOptions = {
        defaultPath: join(input.documentsDir, request.suggestedName),
        filters: filtersFor(extension, input),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const window = input.window();
      const chosen = await (window === null
        ? input.dialog.showSaveDialog(options)
        : input.dialog.showSaveDialog(window, options));
      if (chosen.canceled || chosen.filePath === '') {
        return { kind: 'dismissed' };
      }
      return { kind: 'saved', fileCount: await writeExportFiles(chosen.filePath, request) };
    },
    chooseBackup: async () => {
      const options: Electron.OpenDialogOptions = {
        properties: ['openFile'],
        filters: filtersFor('hearthbackup', input),
      };
      const window = input.window();
      const chosen = await (window === null
        ? input.dialog.showOpenDialog(options)
        : input.dialog.showOpenDialog(window, options));
      const [path] = chosen.filePaths;
      if (chosen.canceled || path === undefined) return null;
      if ((await stat(path)).size > MAX_BACKUP_BYTES) {
        throw new HearthError('invalid-argument', 'That file is too large to be a Hearth backup.');
      }
      return new Uint8Array(await readFile(path));
    },
    printPdf: input.printPdf,
  };
}
