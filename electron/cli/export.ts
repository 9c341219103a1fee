/**
 * `npm run export`: exports a circle from a data folder without the app, with the same
 * code and the same consent rules as the Export dialog (shared/export). It reads the
 * browser-mode data folder (the key-file vault: circles made in the desktop app are
 * locked by the system keychain, which only the app can open). Close Hearth first: the
 * store is opened here as the app opens it.
 *
 *   npm run export -- --list
 *   npm run export -- --circle "Thursday circle" --format html --out record.html
 *
 * PDF is printed with the system's Chromium ($HEARTH_CHROMIUM or /usr/bin/chromium)
 * through playwright-core; without it, the command says PDF needs the app and exits 1.
 *
 * Common command-line habits: `-h`/`--help` prints the usage to stdout and exits 0;
 * `--version` prints the version; a usage error (an unknown or missing option, a bad
 * value) prints what was wrong and the usage to stderr and exits 2; anything else that
 * fails exits 1. A --data-dir that is not a Hearth data folder is refused (nothing is
 * created there), and the folder is locked while the export runs, so the app or browser
 * mode cannot write it at the same time (services/store/folderLock.ts).
 *
 * Also installed as the `hearth-export` command (package.json `bin`).
 */
import { readFileSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildExport } from '../../shared/export/buildExport';
import {
  EXPORT_FORMATS,
  checkExportOptions,
  type ExportFormat,
  type ExportOptions,
} from '../../shared/export/exportOptions';
import { storedCircleSource } from '../main/services/exports/circleSource';
import { journalIdIn } from '../main/services/journal';
import { openChromiumPrinter } from '../web/chromiumPdf';
import { writeExportFiles } from '../main/services/exports/exportFileWriter';
import { FileKeyVault } from '../main/services/keys/fileKeyVault';
import { Store } from '../main/services/store/store';
import { lockDataFolder } from '../main/services/store/folderLock';

const USAGE = `Usage: hearth-export [--data-dir <dir>] --list
       hearth-export [--data-dir <dir>] --circle <name or id> --out <path>
            [--format ${EXPORT_FORMATS.join('|')}]   (default html)
            [--from YYYY-MM-DD] [--to YYYY-MM-DD] | [--meeting <id>]
            [--anonymise] [--no-reactions] [--no-prompts] [--only-mine]

Entries kept out of exports, withdrawn entries and private drafts are never exported,
and anonymous entries never show a name, whatever the options. --data-dir defaults to
$HEARTH_DATA_DIR or ~/.hearth/browser-mode. (From the repository: npm run export -- …)

  -h, --help     show this help
  --version      show Hearth's version`;

/** A mistake in how the command was called: exit code 2, with the usage. */
class UsageError extends Error {}

function version(): string {
  try {
    const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    const parsed = JSON.parse(text) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

function parse(): ReturnType<typeof parseOptions> {
  try {
    return parseOptions();
  } catch (error) {
    // node:util parseArgs: an unknown option, a missing value, an unexpected argument.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function parseOptions() {
  return parseArgs({
    options: {
      'data-dir': { type: 'string' },
      list: { type: 'boolean', default: false },
      circle: { type: 'string' },
      format: { type: 'string', default: 'html' },
      out: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      meeting: { type: 'string' },
      anonymise: { type: 'boolean', default: false },
      'no-reactions': { type: 'boolean', default: false },
      'no-prompts': { type: 'boolean', default: false },
      'only-mine': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', default: false },
    },
    strict: true,
  });
}

async function main(): Promise<number> {
  const { values } = parse();
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.version) {
    console.log(`hearth-export ${version()}`);
    return 0;
  }
  if (!values.list && values.circle === undefined) {
    throw new UsageError('Say --list, or which circle to export with --circle.');
  }
  const format = values.format as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) {
    throw new UsageError(`--format should be one of ${EXPORT_FORMATS.join(', ')}.`);
  }
  if (!values.list && values.out === undefined) {
    throw new UsageError('Say where to write the export with --out <path>.');
  }
  // Dates and the meeting are checked before any folder is touched.
  if (!values.list) exportOptions(values);
  const dataDir = resolve(
    values['data-dir'] ?? process.env.HEARTH_DATA_DIR ?? join(homedir(), '.hearth', 'browser-mode'),
  );
  // A mistyped --data-dir must not become a new, empty data folder.
  if (!(await isHearthFolder(dataDir))) {
    console.error(
      `${dataDir} is not a Hearth data folder (it has no circles). Check --data-dir, or run --list without it.`,
    );
    return 1;
  }
  const lock = await lockDataFolder(dataDir, 'the export command');
  try {
    return await exportFrom(dataDir, values);
  } finally {
    await lock.release();
  }
}

async function isHearthFolder(dataDir: string): Promise<boolean> {
  try {
    return (await stat(join(dataDir, 'circles'))).isDirectory();
  } catch {
    return false;
  }
}

async function exportFrom(
  dataDir: string,
  values: ReturnType<typeof parseOptions>['values'],
): Promise<number> {
  const store = await Store.open({
    dataDir,
    keyVault: FileKeyVault.inDataDir(dataDir),
    onNotice: (notice) =>
      console.error(`Note: ${notice.kind} in ${notice.circleName ?? 'a circle'}`),
  });
  try {
    const journalId = await journalIdIn(dataDir);
    // The private journal is kept like a circle but is not one: never listed or exported as such.
    const circles = (await store.circles()).filter((c) => c.profile.circleId !== journalId);
    if (values.list) {
      if (circles.length === 0) console.log(`No circles in ${dataDir}.`);
      for (const c of circles)
        console.log(`${c.profile.circleId}  ${c.name}  (you are ${c.profile.memberName})`);
      return 0;
    }
    const wanted = values.circle ?? '';
    const found = circles.filter((c) => c.profile.circleId === wanted || c.name === wanted);
    const [circle] = found;
    if (circle === undefined || found.length > 1) {
      console.error(
        found.length > 1
          ? `More than one circle is called "${wanted}": use its id.`
          : `No circle "${wanted}" in ${dataDir} (try --list).`,
      );
      return 1;
    }
    const format = values.format as ExportFormat;
    if (values.out === undefined)
      throw new UsageError('Say where to write the export with --out <path>.');
    const options = exportOptions(values);
    const folder = await store.circle(circle.profile.circleId);
    const journal = journalId === null ? null : await store.circle(journalId);
    const built = await buildExport(await storedCircleSource(folder, journal), format, options, {
      onProgress: (done, total) => {
        if (process.stderr.isTTY) process.stderr.write(`\rReading entries: ${done} of ${total}`);
      },
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    const out = resolve(values.out);
    if (built.kind === 'print') {
      const printer = await openChromiumPrinter();
      if (printer === null) {
        console.error(
          'PDF needs the Hearth desktop app, or Chromium on this computer ($HEARTH_CHROMIUM). Export --format html and print it from a browser instead.',
        );
        return 1;
      }
      try {
        const pdf = await printer.print(built.html);
        await writeExportFiles(out, {
          files: [{ path: built.path, contents: pdf }],
          suggestedName: built.path,
          folder: false,
          mediaType: 'application/pdf',
        });
      } finally {
        await printer.close();
      }
      console.log(`Wrote ${out}`);
      return 0;
    }
    if (format !== 'markdown-folder') await mkdir(resolve(out, '..'), { recursive: true });
    const count = await writeExportFiles(out, {
      files: built.files,
      suggestedName: built.files[0]?.path ?? 'export',
      folder: format === 'markdown-folder',
      mediaType: 'text/plain',
    });
    console.log(`Wrote ${count} file${count === 1 ? '' : 's'} to ${out}`);
    return 0;
  } finally {
    await store.close();
  }
}

function exportOptions(values: {
  from?: string | undefined;
  to?: string | undefined;
  meeting?: string | undefined;
  anonymise: boolean;
  'no-reactions': boolean;
  'no-prompts': boolean;
  'only-mine': boolean;
}): ExportOptions {
  const meetings =
    values.meeting !== undefined
      ? { kind: 'one', meetingId: values.meeting }
      : values.from !== undefined || values.to !== undefined
        ? { kind: 'range', from: values.from ?? '0001-01-01', to: values.to ?? '9999-12-31' }
        : { kind: 'all' };
  const checked = checkExportOptions(
    {
      meetings,
      authors: values.anonymise ? 'anonymised' : 'shown',
      reactions: !values['no-reactions'],
      prompts: !values['no-prompts'],
      onlyMine: values['only-mine'],
    },
    'options',
  );
  if (!checked.ok) throw new UsageError(checked.reason);
  return checked.value;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`hearth-export: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(`The export failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
