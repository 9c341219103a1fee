/**
 * Where exports and backups go, behind an interface: the desktop app asks with native
 * dialogs and writes files (electron/main/exportFiles.ts), browser mode hands the bytes
 * back for the page to download ({@link downloadShell}), tests use fakes. The export
 * and backup services never know which.
 */
import type { SaveOutcome } from '../../../../shared/ipc/contract';
import type { ExportFile } from '../../../../shared/export/markdownExport';
import { storedZip } from '../../../../shared/export/storedZip';

/** Prints the booklet's HTML to PDF bytes. */
export type PdfPrinter = (html: string) => Promise<Uint8Array>;

/** What a save is: its files, and what to call it when asking where. */
export interface SaveRequest {
  files: ExportFile[];
  /** The suggested file name, or folder name when `folder` is true. */
  suggestedName: string;
  /** True when the files form a folder (their paths start with `suggestedName/`). */
  folder: boolean;
  mediaType: string;
}

/** The shell's side of saving and opening files. */
export interface SaveShell {
  /** Saves the files where the member chooses, or hands them back to download. */
  save(request: SaveRequest): Promise<SaveOutcome>;
  /** Lets the member choose a backup file to restore; null when they closed the dialog. */
  chooseBackup(): Promise<Uint8Array | null>;
  /** Present where a PDF can be printed. */
  printPdf?: PdfPrinter;
}

const encoder = new TextEncoder();

/** The bytes of a file's contents. */
export function fileBytes(file: ExportFile): Uint8Array {
  return typeof file.contents === 'string' ? encoder.encode(file.contents) : file.contents;
}

/**
 * Browser mode: everything comes back as one download (a folder as a .zip). There is
 * no native dialog, so restoring needs the page to upload the file.
 */
export function downloadShell(printPdf?: PdfPrinter): SaveShell {
  return {
    save: (request) => {
      const [only] = request.files;
      if (!request.folder && request.files.length === 1 && only !== undefined) {
        return Promise.resolve({
          kind: 'download',
          name: only.path,
          mediaType: request.mediaType,
          bytes: fileBytes(only),
        });
      }
      const zip = storedZip(request.files.map((f) => ({ path: f.path, bytes: fileBytes(f) })));
      return Promise.resolve({
        kind: 'download',
        name: `${request.suggestedName}.zip`,
        mediaType: 'application/zip',
        bytes: zip,
      });
    },
    chooseBackup: () => Promise.resolve(null),
    ...(printPdf === undefined ? {} : { printPdf }),
  };
}
