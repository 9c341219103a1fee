import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  freshToken,
  keepAddress,
  keptAddressFile,
  readKeptAddress,
} from '../../../../electron/web/keptAddress';

let dataDir = '';
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'hearth-address-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('the address a data folder keeps in browser mode', () => {
  it('is kept across restarts, in a file only this user can read', async () => {
    expect(await readKeptAddress(dataDir)).toBeNull();
    const address = { token: freshToken(), port: 41234 };
    await keepAddress(dataDir, address);
    expect(((await stat(keptAddressFile(dataDir))).mode & 0o777).toString(8)).toBe('600');
    expect(await readKeptAddress(dataDir)).toEqual(address);
  });

  it('is not trusted once others could read it', async () => {
    await keepAddress(dataDir, { token: freshToken(), port: 41234 });
    await chmod(keptAddressFile(dataDir), 0o644);
    expect(await readKeptAddress(dataDir)).toBeNull();
  });
});
