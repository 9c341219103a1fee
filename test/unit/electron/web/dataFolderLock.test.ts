/**
 * Browser mode takes the data folder's lock: a second `npm run web` on the same folder is
 * refused with a sentence naming who has it, and the lock goes when the first one stops.
 */
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HearthHost } from '../../../helpers/hearthHost';

let dataDir = '';
const hosts: HearthHost[] = [];

// A page of its own, so the test needs no build of the renderer (npm test builds later).
function host(name: string): HearthHost {
  const made = new HearthHost({ name, dataDir, rendererDir: join(dataDir, 'page') });
  hosts.push(made);
  return made;
}

afterEach(async () => {
  for (const made of hosts.splice(0)) await made.kill();
  if (dataDir !== '') await rm(dataDir, { recursive: true, force: true });
});

describe('browser mode and the data folder lock', { timeout: 90_000 }, () => {
  it('refuses a second host on the same folder, and lets go when the first stops', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hearth-weblock-'));
    await mkdir(join(dataDir, 'page'));
    await writeFile(join(dataDir, 'page', 'index.html'), '<!doctype html><title>Hearth</title>');
    const first = host('first');
    await first.start();
    const second = host('second');
    await expect(second.start()).rejects.toThrow(/exited before it was ready/);
    expect(second.output()).toContain('--- exited with code 1');
    expect(second.output()).toContain(
      `Hearth’s data folder ${dataDir} is in use by Hearth in browser mode (process ${first.pid}). Close it first, then try again.`,
    );
    expect(await first.stop()).toBe(0);
    await expect(stat(join(dataDir, 'hearth.lock'))).rejects.toThrow(/ENOENT/);
  });
});
