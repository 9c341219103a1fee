/**
 * The checklist items that only the real Electron runtime can show: what the running
 * window's preferences are, that `app://` responses carry the policy header, that the
 * page has no Node, that window.open and navigation go nowhere, and that a permission is
 * denied. They run wherever Electron's app binary is installed (node_modules/electron/dist
 * or ELECTRON_EXEC_PATH); elsewhere every test here is skipped, and the run says why.
 *
 * The app is this run's build (test/helpers/builtApp.ts, inside the repository: its
 * bundles import packages from the project's node_modules), started with its own config
 * folder. Note: like the real
 * app, it starts its signalling endpoint on loopback and the machine's LAN addresses.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary, hasDisplay } from '../../../../electron/cli/electronBinary';
import { CONTENT_SECURITY_POLICY } from '../../../../electron/main/contentSecurityPolicy';
import { builtApp } from '../../../helpers/builtApp';

const ROOT = resolve(import.meta.dirname, '../../../..');
const binary = findElectronBinary(join(ROOT, 'node_modules/electron'));
const SKIP_REASON = 'the Electron app binary is not installed here (it cannot be downloaded)';

if (binary === null) {
  console.info(`Electron runtime checks: skipped, because ${SKIP_REASON}; they run where it is.`);
}

describe.skipIf(binary === null)(`Electron runtime checks (skipped where ${SKIP_REASON})`, () => {
  let app: ElectronApplication;
  let page: Page;
  let configDir = '';

  beforeAll(async () => {
    const outDir = await builtApp();
    configDir = await mkdtemp(join(tmpdir(), 'hearth-electron-runtime-'));
    app = await _electron.launch({
      executablePath: binary!,
      // Without a display, Chromium's headless platform still runs the window.
      args: [
        ...(hasDisplay(process.platform) ? [] : ['--ozone-platform=headless']),
        join(outDir, 'main/index.js'),
      ],
      env: { ...process.env, XDG_CONFIG_HOME: configDir, HOME: configDir },
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 120_000);

  afterAll(async () => {
    await app.close();
    await rm(configDir, { recursive: true, force: true });
  });

  it('runtime: the window shows app://hearth/index.html with window.hearth and no Node (items 2, 18, 20)', async () => {
    expect(page.url()).toBe('app://hearth/index.html');
    const globals = await page.evaluate(() => {
      const scope = globalThis as Record<string, unknown>;
      return [
        typeof scope.hearth,
        typeof scope.require,
        typeof scope.process,
        typeof scope.ipcRenderer,
      ];
    });
    expect(globals).toEqual(['object', 'undefined', 'undefined', 'undefined']);
  });

  it('runtime: the page process is sandboxed where the platform reports it (item 4)', async () => {
    // Electron reports `sandboxed` per process on macOS and Windows only; Linux gives none.
    const sandboxed = await app.evaluate(({ app: electronApp }) =>
      electronApp
        .getAppMetrics()
        .filter((metric) => metric.type === 'Tab')
        .map((metric) => metric.sandboxed ?? null),
    );
    expect(sandboxed.length).toBeGreaterThan(0);
    expect(sandboxed.every((value) => value === true || value === null)).toBe(true);
  });

  it('runtime: app:// responses carry the Content-Security-Policy header (items 7, 18)', async () => {
    const header = await page.evaluate(async () =>
      (await fetch('/index.html')).headers.get('content-security-policy'),
    );
    expect(header).toBe(CONTENT_SECURITY_POLICY);
  });

  it('runtime: window.open opens nothing and the page cannot navigate away (items 13, 14)', async () => {
    expect(await page.evaluate(() => window.open('https://example.org/') === null)).toBe(true);
    await page.evaluate(() => {
      window.location.href = 'https://example.org/';
    });
    await new Promise((done) => setTimeout(done, 500));
    expect(page.url()).toBe('app://hearth/index.html');
    expect(app.windows()).toHaveLength(1);
  });

  it('runtime: a permission the page asks about is denied (item 5)', async () => {
    const state = await page.evaluate(
      async () => (await navigator.permissions.query({ name: 'geolocation' })).state,
    );
    expect(state).toBe('denied');
  });

  it('runtime: the page reaches main through the checked bridge (item 17)', async () => {
    const info = await page.evaluate(() =>
      (
        globalThis as unknown as { hearth: { app: { info(): Promise<{ mode: string }> } } }
      ).hearth.app.info(),
    );
    expect(info.mode).toBe('desktop');
  });
});
