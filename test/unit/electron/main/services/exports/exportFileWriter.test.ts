import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { writeExportFiles } from '../../../../../../electron/main/services/exports/exportFileWriter';
import { storedZip } from '../../../../../../shared/export/storedZip';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-files-'));
  dirs.push(dir);
  return dir;
}

describe('writing exports', () => {
  it('writes one file readable by this user only', async () => {
    const dir = await tempDir();
    const target = join(dir, 'circle.md');
    await writeExportFiles(target, {
      files: [{ path: 'circle.md', contents: '# Circle\n' }],
      suggestedName: 'circle.md',
      folder: false,
      mediaType: 'text/markdown',
    });
    expect(await readFile(target, 'utf8')).toBe('# Circle\n');
    expect((await stat(target)).mode & 0o777).toBe(0o600);
  });

  it('makes a new folder for a folder export, and refuses one that is already there', async () => {
    const dir = await tempDir();
    const target = join(dir, 'my record');
    const request = {
      files: [
        { path: 'circle/01-a.md', contents: 'a' },
        { path: 'circle/02-b.md', contents: 'b' },
      ],
      suggestedName: 'circle',
      folder: true,
      mediaType: 'text/markdown',
    };
    expect(await writeExportFiles(target, request)).toBe(2);
    expect((await readdir(target)).sort()).toEqual(['01-a.md', '02-b.md']);
    await expect(writeExportFiles(target, request)).rejects.toThrow(/already there/);
  });

  it('refuses a file path that would leave the chosen folder', async () => {
    const dir = await tempDir();
    await expect(
      writeExportFiles(join(dir, 'out'), {
        files: [{ path: 'circle/../../escape.md', contents: 'x' }],
        suggestedName: 'circle',
        folder: true,
        mediaType: 'text/markdown',
      }),
    ).rejects.toThrow(/outside/);
    await expect(stat(join(dir, 'escape.md'))).rejects.toThrow();
  });

  it('makes zip archives that a standard reader opens', async () => {
    const dir = await tempDir();
    const zip = join(dir, 'record.zip');
    await writeFile(
      zip,
      storedZip([
        { path: 'circle/01-ça va.md', bytes: new TextEncoder().encode('# Ça va\n') },
        { path: 'circle/02-b.md', bytes: new TextEncoder().encode('b') },
      ]),
    );
    const script =
      'import sys,zipfile;z=zipfile.ZipFile(sys.argv[1]);assert z.testzip() is None;print("|".join(n+"="+z.read(n).decode() for n in z.namelist()))';
    const { stdout } = await promisify(execFile)('python3', ['-c', script, zip]);
    expect(stdout.trim()).toBe('circle/01-ça va.md=# Ça va\n|circle/02-b.md=b');
  });
});
