/**
 * Browser mode takes the data folder's lock: a second `npm run web` on the same folder is
 * refused with a sentence naming who has it, and the lock goes when the first one stops.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../../..');
let dataDir = '';
const children: ChildProcess[] = [];

function startHost(): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'electron/web/main.ts',
      '--data-dir',
      dataDir,
      // A page of its own, so the test needs no build of the renderer (npm test builds later).
      '--renderer',
      join(dataDir, 'page'),
      '--port',
      '0',
      '--signalling-host',
      '127.0.0.1',
      '--signalling-port',
      '0',
      '--no-discovery',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  if (dataDir !== '') await rm(dataDir, { recursive: true, force: true });
});

describe('browser mode and the data folder lock', { timeout: 90_000 }, () => {
  it('refuses a second host on the same folder, and lets go when the first stops', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hearth-weblock-'));
    await mkdir(join(dataDir, 'page'));
    await writeFile(join(dataDir, 'page', 'index.html'), '<!doctype html><title>Hearth</title>');
    const first = startHost();
    let firstExit: number | null | undefined;
    void first.exited.then((code) => (firstExit = code));
    for (
      let waited = 0;
      !first.output().includes('Hearth is running in browser mode');
      waited += 100
    ) {
      if (waited > 60_000 || firstExit !== undefined) {
        throw new Error(`the first host never started:\n${first.output()}`);
      }
      await new Promise((done) => setTimeout(done, 100));
    }
    const second = startHost();
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(
      `Hearth’s data folder ${dataDir} is in use by Hearth in browser mode (process ${first.child.pid}). Close it first, then try again.`,
    );
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    await expect(stat(join(dataDir, 'hearth.lock'))).rejects.toThrow(/ENOENT/);
  });
});
