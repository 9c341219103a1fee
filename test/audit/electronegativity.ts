/**
 * `npm run audit:electron`: Doyensec's Electronegativity over Hearth's code (electron/,
 * renderer/, shared/, and the bundles `electron-vite build` just wrote to out/, copied
 * aside first so files other tools write meanwhile cannot trip it), told the installed
 * Electron version. Fails when a HIGH or MEDIUM finding is not explained in electron/SECURITY.md,
 * whose "Electronegativity findings" table lists each accepted finding as its check id
 * and file (`| CHECK_ID | path/to/file | why |`). LOW findings are printed, not judged.
 *
 * Offline, the tool spends about 16 s failing to fetch its translations and Electron's
 * release list, then runs on its bundled data; that is why this is in .ci/run and not in
 * `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const JUDGED = new Set(['HIGH', 'MEDIUM']);
/** What is audited: everything that ships, and the manifest naming the Electron version. */
const AUDITED = ['electron', 'renderer', 'shared', 'out', 'package.json'];

/** One row of Electronegativity's CSV output. */
export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  description: string;
}

/** Splits one CSV line with double-quoted fields (quotes doubled inside). */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

/** The findings in Electronegativity's CSV report. */
export function parseFindings(csv: string): Finding[] {
  return csv
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [
        check = '',
        severity = '',
        confidence = '',
        file = '',
        location = '',
        ,
        description = '',
      ] = csvFields(line);
      return { check, severity, confidence, file, location, description };
    });
}

/** `CHECK_ID file` pairs explained in SECURITY.md's findings table. */
export function explainedFindings(securityMd: string): Set<string> {
  const explained = new Set<string>();
  for (const match of securityMd.matchAll(
    /^\|\s*`?([A-Z_]+_CHECK)`?\s*\|\s*`?([^|`]+?)`?\s*\|/gm,
  )) {
    explained.add(`${match[1]} ${match[2]}`);
  }
  return explained;
}

function installedElectronVersion(): Promise<string> {
  return readFile(join(ROOT, 'node_modules/electron/package.json'), 'utf8').then(
    (text) => (JSON.parse(text) as { version: string }).version,
  );
}

async function main(): Promise<void> {
  const version = await installedElectronVersion();
  const work = await mkdtemp(join(tmpdir(), 'hearth-electronegativity-'));
  const csvPath = join(work, 'findings.csv');
  const stage = join(work, 'hearth');
  try {
    for (const path of AUDITED) await cp(join(ROOT, path), join(stage, path), { recursive: true });
    console.log(`Electronegativity over ${AUDITED.join(', ')} (Electron ${version})`);
    const run = spawnSync(
      'npx',
      ['electronegativity', '-i', stage, '-r', '-e', version, '-o', csvPath],
      {
        cwd: ROOT,
        encoding: 'utf8',
        // Bounded: the tool's network attempts time out by themselves well within this.
        timeout: 300_000,
      },
    );
    if (run.status !== 0)
      throw new Error(`electronegativity failed (${run.status ?? run.signal}):\n${run.stderr}`);
    const findings = parseFindings(await readFile(csvPath, 'utf8'));
    const explained = explainedFindings(await readFile(join(ROOT, 'electron/SECURITY.md'), 'utf8'));
    const unexplained = findings.filter(
      (f) => JUDGED.has(f.severity) && !explained.has(`${f.check} ${f.file}`),
    );
    for (const f of findings) {
      const verdict = !JUDGED.has(f.severity)
        ? 'low, printed only'
        : explained.has(`${f.check} ${f.file}`)
          ? 'explained in electron/SECURITY.md'
          : 'UNEXPLAINED';
      console.log(
        `  ${f.severity.padEnd(6)} ${f.check} ${f.file}:${f.location} (${f.confidence.toLowerCase()}): ${verdict}`,
      );
    }
    const judged = findings.filter((f) => JUDGED.has(f.severity)).length;
    console.log(
      `${findings.length} findings, ${judged} high or medium, ${unexplained.length} of them unexplained`,
    );
    if (unexplained.length > 0) {
      console.log('Fix them, or explain each in the findings table of electron/SECURITY.md.');
      process.exitCode = 1;
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
