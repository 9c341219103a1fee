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
}

const FILTERS: Record<string, Electron.FileFilter[]> = {
  md: [{ name: 'Markdown', extensions: ['md'] }],
  html: [{ name: 'Web page', extensions: ['html'] }],
  pdf: [{ name: 'PDF', extensions: ['pdf'] }],
  hearthbackup: [{ name: 'Hearth backup', extensions: ['hearthbackup'] }],
};

/** The save shell of the desktop app. */
export function createDesktopSaveShell(input: DesktopShellInput): SaveShell {
  return {
    save: async (request) => {
      const extension = request.folder ? '' : (request.suggestedName.split('.').pop() ?? '');
      const options: Electron.SaveDialogOptions = {
        defaultPath: join(input.documentsDir, request.suggestedName),
        filters: FILTERS[extension] ?? [],
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
        filters: FILTERS.hearthbackup ?? [],
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
