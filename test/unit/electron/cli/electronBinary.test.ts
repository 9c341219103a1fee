import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  findElectronBinary,
  hasDisplay,
  runElectronInstaller,
} from '../../../../electron/cli/electronBinary';

let packageDir: string;
beforeEach(() => {
  packageDir = mkdtempSync(join(tmpdir(), 'hearth-electron-'));
});
afterEach(() => {
  rmSync(packageDir, { recursive: true, force: true });
});

describe('finding the Electron binary', () => {
  it('finds nothing when the package never installed its binary', () => {
    expect(findElectronBinary(packageDir, {})).toBeNull();
  });

  it('finds nothing when path.txt names a file that is missing', () => {
    writeFileSync(join(packageDir, 'path.txt'), 'electron');
    expect(findElectronBinary(packageDir, {})).toBeNull();
  });

  it('finds the executable path.txt names inside dist/', () => {
    mkdirSync(join(packageDir, 'dist'));
    writeFileSync(join(packageDir, 'dist', 'electron'), '');
    writeFileSync(join(packageDir, 'path.txt'), 'electron');
    expect(findElectronBinary(packageDir, {})).toBe(join(packageDir, 'dist', 'electron'));
  });

  it('prefers ELECTRON_EXEC_PATH when it names a file', () => {
    const override = join(packageDir, 'my-electron');
    writeFileSync(override, '');
    expect(findElectronBinary(packageDir, { ELECTRON_EXEC_PATH: override })).toBe(override);
    expect(
      findElectronBinary(packageDir, { ELECTRON_EXEC_PATH: join(packageDir, 'gone') }),
    ).toBeNull();
  });
});

describe('the one install attempt', () => {
  it('reports success when the installer exits cleanly', async () => {
    writeFileSync(join(packageDir, 'install.js'), 'process.exit(0)');
    await expect(runElectronInstaller(packageDir, 10_000)).resolves.toBe(true);
  });

  it('reports failure when the installer fails', async () => {
    writeFileSync(join(packageDir, 'install.js'), 'console.error("no network"); process.exit(1)');
    await expect(runElectronInstaller(packageDir, 10_000)).resolves.toBe(false);
  });

  it('gives up on an installer that hangs', async () => {
    writeFileSync(join(packageDir, 'install.js'), 'setInterval(() => {}, 1000)');
    // Without the give-up, this would wait for the test's own timeout and fail there.
    await expect(runElectronInstaller(packageDir, 300)).resolves.toBe(false);
  });
});

describe('whether a window could open', () => {
  it('needs X11 or Wayland on Linux, and nothing elsewhere', () => {
    expect(hasDisplay('linux', {})).toBe(false);
    expect(hasDisplay('linux', { DISPLAY: ':0' })).toBe(true);
    expect(hasDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(hasDisplay('darwin', {})).toBe(true);
    expect(hasDisplay('win32', {})).toBe(true);
  });
});
