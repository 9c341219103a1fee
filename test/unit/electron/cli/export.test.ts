/**
 * The export command as a person runs it (`hearth-export`, the package's bin entry):
 * help and version, usage errors on stderr with exit code 2, no folder made for a
 * mistyped --data-dir, and the data folder's lock shared with the app and browser mode.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockDataFolder } from '../../../../electron/main/services/store/folderLock';
import { FileKeyVault } from '../../../../electron/main/services/keys/fileKeyVault';
import { Store } from '../../../../electron/main/services/store/store';

const ROOT = resolve(import.meta.dirname, '../../../..');
const BIN = join(ROOT, 'electron/cli/hearth-export.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(...args: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, HEARTH_DATA_DIR: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

let scratch: string;
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'hearth-cli-'));
});
afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

// Each run starts tsx, which takes seconds on a busy machine.
describe('hearth-export', { timeout: 60_000 }, () => {
  it('is the package’s bin entry', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    };
    expect(pkg.bin['hearth-export']).toBe('electron/cli/hearth-export.js');
  });

  it('prints its usage on stdout for -h and --help, and exits 0', async () => {
    for (const result of await Promise.all([run('-h'), run('--help')])) {
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: hearth-export/);
      expect(result.stderr).toBe('');
    }
  }, 60_000);

  it('prints its version for --version', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    const result = await run('--version');
    expect(result).toEqual({ code: 0, stdout: `hearth-export ${pkg.version}\n`, stderr: '' });
  });

  it('answers a usage error on stderr with what was wrong and the usage, exit code 2', async () => {
    const mistakes = [
      ['--colour', 'blue'],
      [],
      ['--circle', 'Thursday'],
      ['--circle', 'Thursday', '--out', 'x', '--format', 'docx'],
      ['--circle', 'Thursday', '--out', 'x', '--from', 'yesterday'],
      ['--list', 'extra'],
    ];
    const results = await Promise.all(mistakes.map((args) => run(...args)));
    results.forEach((result, at) => {
      expect(result.code, mistakes[at]!.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^hearth-export: .+\n\nUsage: hearth-export/);
    });
  }, 60_000);

  it('makes no folder for a mistyped --data-dir', async () => {
    const mistyped = join(scratch, 'hearht-data');
    const result = await run('--list', '--data-dir', mistyped);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${mistyped} is not a Hearth data folder`);
    await expect(stat(mistyped)).rejects.toThrow(/ENOENT/);
  });

  it('lists the circles of a data folder, and waits for no one', async () => {
    const dataDir = join(scratch, 'data');
    const store = await Store.open({
      dataDir,
      keyVault: FileKeyVault.inDataDir(dataDir),
      onNotice: () => undefined,
    });
    await store.close();
    const result = await run('--list', '--data-dir', dataDir);
    expect(result).toMatchObject({ code: 0, stdout: `No circles in ${dataDir}.\n` });
    // The lock is released when the command ends.
    await expect(stat(join(dataDir, 'hearth.lock'))).rejects.toThrow(/ENOENT/);
  });

  it('is refused, with a clear sentence, while the app or browser mode has the folder', async () => {
    const dataDir = join(scratch, 'data');
    const store = await Store.open({
      dataDir,
      keyVault: FileKeyVault.inDataDir(dataDir),
      onNotice: () => undefined,
    });
    const lock = await lockDataFolder(dataDir, 'Hearth in browser mode');
    try {
      const result = await run('--list', '--data-dir', dataDir);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `Hearth’s data folder ${dataDir} is in use by Hearth in browser mode (process ${process.pid}). Close it first, then try again.`,
      );
    } finally {
      await lock.release();
      await store.close();
    }
  });
});
