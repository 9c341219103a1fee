/**
 * The backend's desktop hooks, with fakes: diagnostics (copied by main on the desktop,
 * by the page in browser mode), the theme and language reaching main when settings
 * change, and the keep-awake request.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  openHearthServices,
  type HearthServices,
} from '../../../../../electron/main/services/hearthServices';
import { FileKeyVault } from '../../../../../electron/main/services/keys/fileKeyVault';
import type { Settings } from '../../../../../shared/ipc/contract';
import { capturedLogs } from '../../../../helpers/capturedLogs';

let dataDir = '';
let backend: HearthServices | null = null;
capturedLogs();

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'hearth-desktop-'));
});
afterEach(async () => {
  await backend?.close();
  backend = null;
  await rm(dataDir, { recursive: true, force: true });
});

describe('the desktop hooks of the backend', () => {
  it('copies diagnostics on the desktop: versions, settings, the log’s last lines, no secrets', async () => {
    const writeText = vi.fn<(text: string) => void>();
    backend = await openHearthServices({
      dataDir,
      keyVault: FileKeyVault.inDataDir(dataDir),
      appInfo: {
        mode: 'desktop',
        version: '0.1.0',
        systemLanguages: ['es-ES', 'en-GB'],
        keyProtection: 'basic-text',
      },
      runtime: { electron: '45.5.0', chrome: '142.0', node: '22.20.0', os: 'Linux 6.1 x64' },
      logTail: (count) => Promise.resolve([`[main] line one of at most ${count}`]),
      clipboard: { writeText },
      emit: () => undefined,
      now: () => Date.UTC(2026, 11, 7, 9, 30),
    });
    await backend.handlers['hearth:settings:update']({
      theme: 'dark',
      iceServers: ['turn:sam:secret-pass@relay.example:3478'],
    });
    await backend.handlers['hearth:circles:create']({
      name: 'Quiet Lake Circle',
      memberName: 'Marisol',
      colour: 'lake',
    });
    const result = await backend.handlers['hearth:app:diagnostics']();
    expect(result.copied).toBe(true);
    expect(writeText).toHaveBeenCalledWith(result.text);
    expect(result.text).toContain('Hearth 0.1.0 (desktop app)');
    expect(result.text).toContain('electron: 45.5.0');
    expect(result.text).toContain('System languages: es-ES, en-GB');
    expect(result.text).toContain('Circle keys kept by: basic-text');
    expect(result.text).toContain('theme dark');
    expect(result.text).toContain('STUN/TURN servers 1');
    expect(result.text).toContain('Circles on this laptop: 1');
    expect(result.text).toContain('[main] line one of at most 60');
    for (const secret of ['Quiet Lake', 'Marisol', 'secret-pass', 'relay.example']) {
      expect(result.text).not.toContain(secret);
    }
  });

  it('hands diagnostics back for the page to copy in browser mode', async () => {
    backend = await openHearthServices({
      dataDir,
      keyVault: FileKeyVault.inDataDir(dataDir),
      appInfo: { mode: 'browser', version: '0.1.0', keyProtection: 'key-file' },
      emit: () => undefined,
    });
    const result = await backend.handlers['hearth:app:diagnostics']();
    expect(result.copied).toBe(false);
    expect(result.text).toContain('(browser mode)');
  });

  it('tells main every settings change, so the native theme and the menus follow', async () => {
    const seen: Settings[] = [];
    backend = await openHearthServices({
      dataDir,
      keyVault: FileKeyVault.inDataDir(dataDir),
      appInfo: { mode: 'desktop', version: '0.1.0' },
      emit: () => undefined,
      onSettingsChanged: (settings) => seen.push(settings),
    });
    await backend.handlers['hearth:settings:update']({ theme: 'light' });
    await backend.handlers['hearth:settings:update']({ language: 'es' });
    expect(seen.map(({ theme, language }) => [theme, language])).toEqual([
      ['light', 'system'],
      ['light', 'es'],
    ]);
    expect((await backend.handlers['hearth:settings:get']()).language).toBe('es');
  });

  it('passes the keep-awake request to main, and does nothing without a keeper', async () => {
    const keepAwake = vi.fn<(awake: boolean) => void>();
    backend = await openHearthServices({
      dataDir,
      keyVault: FileKeyVault.inDataDir(dataDir),
      appInfo: { mode: 'desktop', version: '0.1.0' },
      emit: () => undefined,
      keepAwake,
    });
    await backend.handlers['hearth:app:keep-awake'](true);
    await backend.handlers['hearth:app:keep-awake'](false);
    expect(keepAwake.mock.calls).toEqual([[true], [false]]);
  });
});
