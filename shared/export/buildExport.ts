/**
 * One export from start to finish, as main, the browser-mode host, the command line and
 * tests all run it: read the circle with consent applied, then write the chosen format.
 * A PDF is the booklet's HTML handed to a printer the shell provides (Electron's
 * printToPDF, or headless Chromium): shared code has no way to print.
 */
import { bookletHtml, type BookletLayout } from './bookletHtml';
import { DEFAULT_LOCALE } from './bookletWords';
import type { ExportFormat, ExportOptions } from './exportOptions';
import type { ExportableCircle } from './exportModel';
import { markdownFile, markdownFolder, slug, type ExportFile } from './markdownExport';
import { readExportableCircle, type CircleSource, type ReadControl } from './readCircle';

/** What an export made: files to save, or a booklet to print to `path`. */
export type BuiltExport =
  { kind: 'files'; files: ExportFile[] } | { kind: 'print'; html: string; path: string };

/** Reads the circle and writes it in `format`. */
export async function buildExport(
  source: CircleSource,
  format: ExportFormat,
  options: ExportOptions,
  control: ReadControl = {},
  layout: BookletLayout = { locale: DEFAULT_LOCALE, paper: 'A4' },
): Promise<BuiltExport> {
  const forms =
    format === 'markdown' || format === 'markdown-folder'
      ? { markdown: true, blocks: false }
      : { markdown: false, blocks: true };
  const circle = await readExportableCircle(source, options, control, forms);
  return writeExport(circle, format, layout);
}

/** Writes an already read circle in `format`. */
export function writeExport(
  circle: ExportableCircle,
  format: ExportFormat,
  layout: BookletLayout = { locale: DEFAULT_LOCALE, paper: 'A4' },
): BuiltExport {
  const name = `${slug(circle.name, 'circle')}${circle.onlyMine ? '-my-words' : ''}`;
  switch (format) {
    case 'markdown':
      return {
        kind: 'files',
        files: [{ ...markdownFile(circle, layout.locale), path: `${name}.md` }],
      };
    case 'markdown-folder':
      return {
        kind: 'files',
        files: markdownFolder(circle, layout.locale).map((file) => ({
          ...file,
          path: file.path.replace(/^[^/]+\//, `${name}/`),
        })),
      };
    case 'html':
      return {
        kind: 'files',
        files: [{ path: `${name}.html`, contents: bookletHtml(circle, layout) }],
      };
    case 'pdf':
      return {
        kind: 'print',
        html: bookletHtml(circle, { ...layout, medium: 'print' }),
        path: `${name}.pdf`,
      };
  }
}
