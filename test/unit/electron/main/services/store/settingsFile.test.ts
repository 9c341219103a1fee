import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  readSettings,
  writeSettings,
} from '../../../../../../electron/main/services/store/settingsFile';
import { nodeFileSystem } from '../../../../../../electron/main/services/store/fileSystem';
import { removeDataDirs, tempDataDir } from './storeFixture';
import { capturedLogs } from '../../../../../helpers/capturedLogs';

let path = '';
const logged = capturedLogs();

beforeEach(async () => {
  path = join(await tempDataDir(), 'settings.json');
});

afterEach(async () => {
  await removeDataDirs();
});

describe('the settings file', () => {
  it('starts with no ICE servers, so nothing leaves the room', async () => {
    expect(await readSettings(nodeFileSystem, path)).toEqual({
      theme: 'system',
      textSize: 'regular',
      lastCircleId: null,
      iceServers: [],
      region: null,
      language: 'system',
    });
  });

  it('keeps ICE servers the member set', async () => {
    const iceServers = ['stun:stun.example.org:3478', 'turn:user:secret@turn.example.org:3478'];
    await writeSettings(nodeFileSystem, path, { ...DEFAULT_SETTINGS, iceServers });
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ version: 1, iceServers });
    expect((await readSettings(nodeFileSystem, path)).iceServers).toEqual(iceServers);
  });

  it('keeps the region the member chose for crisis lines, and ignores one not understood', async () => {
    await writeSettings(nodeFileSystem, path, { ...DEFAULT_SETTINGS, region: 'NZ' });
    expect((await readSettings(nodeFileSystem, path)).region).toBe('NZ');
    await writeFile(path, JSON.stringify({ version: 1, theme: 'dark', region: 'new zealand' }));
    expect(await readSettings(nodeFileSystem, path)).toMatchObject({ theme: 'dark', region: null });
  });

  it('reads a file from before ICE servers existed as none', async () => {
    await writeFile(path, JSON.stringify({ version: 1, theme: 'dark', textSize: 'large' }));
    expect(await readSettings(nodeFileSystem, path)).toMatchObject({
      theme: 'dark',
      iceServers: [],
    });
  });

  it('ignores ICE servers that are not stun:/turn: URLs, keeping the other settings', async () => {
    for (const iceServers of [
      ['http://example.org'],
      'stun:x',
      Array(9).fill('stun:a.example:1'),
    ]) {
      await writeFile(path, JSON.stringify({ version: 1, theme: 'dark', iceServers }));
      expect(await readSettings(nodeFileSystem, path)).toMatchObject({
        theme: 'dark',
        iceServers: [],
      });
    }
    expect(
      logged.filter((r) => r.message === 'ignored a setting that is not understood'),
    ).toHaveLength(3);
  });

  it('never hands out the default list itself', async () => {
    const first = await readSettings(nodeFileSystem, path);
    first.iceServers.push('stun:changed.example:1');
    expect(DEFAULT_SETTINGS.iceServers).toEqual([]);
    expect((await readSettings(nodeFileSystem, path)).iceServers).toEqual([]);
  });
});

describe('the language setting', () => {
  it('reads as system when absent or not understood, and keeps a chosen language', async () => {
    await writeFile(path, JSON.stringify({ version: 1, theme: 'dark', language: 'klingon' }));
    expect((await readSettings(nodeFileSystem, path)).language).toBe('system');
    await writeFile(path, JSON.stringify({ version: 1, language: 'es' }));
    expect((await readSettings(nodeFileSystem, path)).language).toBe('es');
  });
});
