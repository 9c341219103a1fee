import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FolderLockedError,
  LOCK_FILE_NAME,
  lockDataFolder,
} from '../../../../../../electron/main/services/store/folderLock';
import { captureLogs } from '../../../fakes';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'hearth-lock-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

// The id of a process that has already ended.
function endedPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('the data folder lock', () => {
  it('lets one writer in and refuses a second, saying who has the folder', async () => {
    const first = await lockDataFolder(dataDir, 'Hearth in browser mode');
    const record = JSON.parse(await readFile(join(dataDir, LOCK_FILE_NAME), 'utf8')) as {
      holder: string;
      pid: number;
    };
    expect(record).toMatchObject({ holder: 'Hearth in browser mode', pid: process.pid });
    // Another program on this host (its own pid) would see a live holder.
    const other = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('${join(import.meta.dirname, '../../../../../../electron/main/services/store/folderLock.ts')}').then(({ lockDataFolder }) => lockDataFolder(${JSON.stringify(dataDir)}, 'the export command')).then(() => console.log('taken'), (error) => console.log(error.name + ': ' + error.message))`,
      ],
      { encoding: 'utf8' },
    );
    expect(other.stdout).toContain('FolderLockedError');
    expect(other.stdout).toContain(`is in use by Hearth in browser mode (process ${process.pid})`);
    expect(other.stdout).toContain('Close it first');
    await first.release();
    await expect(stat(join(dataDir, LOCK_FILE_NAME))).rejects.toThrow();
  });

  it('refuses a second lock in the same process too', async () => {
    const first = await lockDataFolder(dataDir, 'the Hearth app');
    await expect(lockDataFolder(dataDir, 'the Hearth app')).rejects.toBeInstanceOf(
      FolderLockedError,
    );
    await first.release();
  });

  it('takes over a lock left by a program that stopped, and says so in the log', async () => {
    const logs = captureLogs();
    try {
      const pid = endedPid();
      await writeFile(
        join(dataDir, LOCK_FILE_NAME),
        JSON.stringify({ holder: 'the Hearth app', pid, host: hostname(), since: 0 }),
      );
      const lock = await lockDataFolder(dataDir, 'the export command');
      expect(logs.records.map((record) => record.message)).toContain(
        'took over a lock left by a program that stopped',
      );
      await lock.release();
    } finally {
      logs.restore();
    }
  });

  it('takes over a damaged lock file', async () => {
    await writeFile(join(dataDir, LOCK_FILE_NAME), '{"half');
    const lock = await lockDataFolder(dataDir, 'the Hearth app');
    await lock.release();
  });

  it('respects a lock written on another host', async () => {
    await writeFile(
      join(dataDir, LOCK_FILE_NAME),
      JSON.stringify({ holder: 'the Hearth app', pid: 1, host: 'another-laptop', since: 0 }),
    );
    await expect(lockDataFolder(dataDir, 'the export command')).rejects.toThrow(
      /in use by the Hearth app \(process 1 on another-laptop\)/,
    );
  });
});
