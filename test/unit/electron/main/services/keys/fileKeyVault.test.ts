import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileKeyVault } from '../../../../../../electron/main/services/keys/fileKeyVault';
import { SealedKeyError } from '../../../../../../electron/main/services/keys/keyVault';

const folders: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-vault-'));
  folders.push(dir);
  return dir;
}

const dataKey = new Uint8Array(32).map((_, i) => i * 7);

describe('the key-file vault', () => {
  afterEach(async () => {
    for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('opens what it sealed, also after a restart', async () => {
    const dataDir = await tempDir();
    const sealed = await FileKeyVault.inDataDir(dataDir).seal(dataKey);
    expect(Buffer.from(sealed).includes(Buffer.from(dataKey))).toBe(false);
    expect(await FileKeyVault.inDataDir(dataDir).open(sealed)).toEqual(dataKey);
  });

  it('makes its master key file on first use, 32 bytes, readable only by the user', async () => {
    const dataDir = await tempDir();
    const vault = FileKeyVault.inDataDir(dataDir);
    await vault.seal(dataKey);
    const info = await stat(vault.keyPath);
    expect(info.size).toBe(32);
    expect(info.mode & 0o777).toBe(0o600);
    expect(await readdir(join(dataDir, 'keys'))).toEqual(['master.key']);
  });

  it('keeps the first master key when two vaults make one at the same moment', async () => {
    const dataDir = await tempDir();
    const [a, b] = [FileKeyVault.inDataDir(dataDir), FileKeyVault.inDataDir(dataDir)];
    const [sealedA, sealedB] = await Promise.all([a.seal(dataKey), b.seal(dataKey)]);
    const fresh = FileKeyVault.inDataDir(dataDir);
    expect(await fresh.open(sealedA)).toEqual(dataKey);
    expect(await fresh.open(sealedB)).toEqual(dataKey);
  });

  it('refuses a key sealed by another master key with a clear error', async () => {
    const sealed = await FileKeyVault.inDataDir(await tempDir()).seal(dataKey);
    const other = FileKeyVault.inDataDir(await tempDir());
    await other.seal(new Uint8Array(32));
    const opening = other.open(sealed);
    await expect(opening).rejects.toBeInstanceOf(SealedKeyError);
    await expect(opening).rejects.toMatchObject({
      kind: 'storage-failed',
      message: expect.stringMatching(/different master key/) as unknown,
    });
  });

  it('refuses a damaged sealed key', async () => {
    const vault = FileKeyVault.inDataDir(await tempDir());
    const sealed = await vault.seal(dataKey);
    sealed[20]! ^= 0xff;
    await expect(vault.open(sealed)).rejects.toBeInstanceOf(SealedKeyError);
    await expect(vault.open(sealed.subarray(0, 10))).rejects.toBeInstanceOf(SealedKeyError);
  });

  it('makes no master key when asked only to open, and says the file is missing', async () => {
    const sealed = await FileKeyVault.inDataDir(await tempDir()).seal(dataKey);
    const empty = await tempDir();
    await expect(FileKeyVault.inDataDir(empty).open(sealed)).rejects.toThrow(/is missing/);
    expect(await readdir(empty)).toEqual([]);
  });

  it('leaves a damaged master key file as it is and says so', async () => {
    const dataDir = await tempDir();
    const vault = FileKeyVault.inDataDir(dataDir);
    const sealed = await vault.seal(dataKey);
    await writeFile(vault.keyPath, Buffer.from('short'));
    const fresh = FileKeyVault.inDataDir(dataDir);
    await expect(fresh.open(sealed)).rejects.toThrow(/damaged \(5 bytes/);
    await expect(fresh.seal(dataKey)).rejects.toBeInstanceOf(SealedKeyError);
    expect((await stat(vault.keyPath)).size).toBe(5);
  });
});
