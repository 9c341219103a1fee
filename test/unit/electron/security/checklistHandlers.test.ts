/**
 * Electron's security checklist, items 11–20 (items 1–10 are in ./checklist.test.ts):
 * webviews, navigation, new windows, openExternal, the Electron version, IPC senders, the
 * custom protocol and what the preload exposes. Item 19 (fuses) has no test: Hearth has
 * no packaging step yet (electron/SECURITY.md says why).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appPageFromScheme } from '../../../../electron/main/appPage';
import { registerInvokeHandlers } from '../../../../electron/main/ipc/register';
import { createSenderCheck } from '../../../../electron/main/ipc/senderCheck';
import {
  navigationGuard,
  refuseWebview,
  windowOpenHandler,
} from '../../../../electron/main/security';
import { buildWindowOptions } from '../../../../electron/main/window';
import { printWindowOptions } from '../../../../electron/main/exportPdf';
import { INVOKE_CHANNELS } from '../../../../shared/ipc/arguments';
import { APP_PAGE, captureLogs, eventFrom, FakeIpcMain, fakeHandlers } from '../fakes';
import { readBuiltBundles, ROOT, type BuiltBundles } from './builtBundles';
import { evaluatePreloadBundle } from './preloadBundle';

/** The oldest Electron major this checklist accepts; raise it with each upgrade. */
const ELECTRON_MAJOR_FLOOR = 45;

const windows = [
  [
    'the main window',
    buildWindowOptions({ preloadPath: '/p/index.cjs', theme: 'light', isDev: false }),
  ],
  ['the PDF print window', printWindowOptions()],
] as const;

let bundles: BuiltBundles;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  logs = captureLogs();
  bundles = await readBuiltBundles();
}, 120_000);

afterAll(() => logs.restore());

describe('11–12. no <webview>, so no allowpopups and no options to verify', () => {
  it.each(windows)('%s has the webview tag off', (_name, options) => {
    expect(options.webPreferences?.webviewTag).toBe(false);
  });

  it('a webview that tries to attach anyway is stopped', () => {
    const event = { preventDefault: vi.fn() };
    refuseWebview(event);
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('13. navigation is limited to the app page', () => {
  it.each([
    'https://example.org/',
    'app://hearth/other.html',
    'file:///etc/passwd',
    'javascript:alert(1)',
  ])('stops a navigation to %s', (url) => {
    const event = { preventDefault: vi.fn() };
    navigationGuard(APP_PAGE)(event, url);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('the built main bundle guards navigations and redirects of every web contents', () => {
    expect(bundles.main).toMatch(/contents\.on\("will-navigate", guard\)/);
    expect(bundles.main).toMatch(/contents\.on\("will-redirect", guard\)/);
    expect(bundles.main).toMatch(/app\.on\("web-contents-created"/);
  });
});

describe('14. new windows are never created', () => {
  it.each(['https://example.org/', 'app://hearth/index.html', 'about:blank'])(
    'denies window.open(%s)',
    (url) => {
      expect(windowOpenHandler({ openExternal: vi.fn(() => Promise.resolve()) })({ url })).toEqual({
        action: 'deny',
      });
    },
  );
});

describe('15. shell.openExternal only with checked content', () => {
  it('opens only checked web, mail and phone links, and nothing else', () => {
    const shell = { openExternal: vi.fn(() => Promise.resolve()) };
    const open = windowOpenHandler(shell);
    for (const url of [
      'file:///etc/passwd',
      'smb://host/share',
      'ms-msdt:/id',
      'https://a.example@b.example/',
    ])
      open({ url });
    expect(shell.openExternal).not.toHaveBeenCalled();
    open({ url: 'https://example.org/help' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.org/help');
  });

  it('the built main bundle calls openExternal in one place, after the check', () => {
    expect([...bundles.main.matchAll(/\.openExternal\(/g)]).toHaveLength(1);
    expect(bundles.main).toMatch(
      /const safe = safeExternalUrl\(url\);[\s\S]{0,300}shell\.openExternal\(safe\.href\)/,
    );
  });
});

describe('16. a current version of Electron', () => {
  it(`is Electron ${ELECTRON_MAJOR_FLOOR} or newer, as installed and as declared`, async () => {
    const installed = JSON.parse(
      await readFile(join(ROOT, 'node_modules/electron/package.json'), 'utf8'),
    ) as { version: string };
    const declared = (
      JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
        devDependencies: Record<string, string>;
      }
    ).devDependencies.electron!;
    expect(Number(installed.version.split('.')[0])).toBeGreaterThanOrEqual(ELECTRON_MAJOR_FLOOR);
    expect(Number(/\d+/.exec(declared)?.[0])).toBeGreaterThanOrEqual(ELECTRON_MAJOR_FLOOR);
  });
});

describe('17. the sender of every IPC message is checked', () => {
  it('refuses every channel from a page that is not Hearth’s, before its handler runs', async () => {
    const ipc = new FakeIpcMain();
    const handlers = fakeHandlers();
    registerInvokeHandlers(
      ipc,
      handlers,
      createSenderCheck({ appPage: APP_PAGE, isOwnWebContents: (id) => id === 1 }),
    );
    for (const channel of INVOKE_CHANNELS) {
      await expect(ipc.invoke(channel, eventFrom('https://evil.example/'))).rejects.toThrow(
        /^\[forbidden-sender\]/,
      );
      await expect(
        ipc.invoke(channel, eventFrom(APP_PAGE.url, { webContentsId: 2 })),
      ).rejects.toThrow(/^\[forbidden-sender\]/);
      expect(handlers[channel]).not.toHaveBeenCalled();
    }
  });

  it('the built main bundle registers requests only through the checked handle()', () => {
    expect(bundles.main).not.toMatch(/ipcMain\.(on|once|handleOnce)\(/);
    expect([...bundles.main.matchAll(/\bipc\.handle\(/g)]).toHaveLength(1);
  });
});

describe('18. the page is served from a custom protocol, not file://', () => {
  it('is app://hearth/index.html, and a file page is not the app page', () => {
    expect(appPageFromScheme().url).toBe('app://hearth/index.html');
    expect(APP_PAGE.isOwnPage('file:///opt/hearth/out/renderer/index.html')).toBe(false);
  });

  it('the built main bundle registers the scheme as privileged and serves it', () => {
    // Constants are inlined by the bundler: the scheme appears as its value.
    expect(bundles.main).toMatch(
      /protocol\.registerSchemesAsPrivileged\(\[\{\s*scheme: "app",\s*privileges: APP_SCHEME_PRIVILEGES/,
    );
    expect(bundles.main).toMatch(
      /session\.defaultSession\.protocol\.handle\("app", createAppProtocolHandler\(rendererDir\)\)/,
    );
    expect(bundles.main).not.toMatch(/\.loadFile\(/);
  });
});

describe('20. no Electron API is exposed to the page', () => {
  it('the built preload exposes only window.hearth, built of functions, never ipcRenderer', () => {
    const exposed = evaluatePreloadBundle(bundles.preload);
    expect([...exposed.keys()]).toEqual(['hearth']);
    const leaves: unknown[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
      else leaves.push(value);
    };
    walk(exposed.get('hearth'));
    expect(leaves.length).toBeGreaterThan(10);
    expect(leaves.every((leaf) => typeof leaf === 'function')).toBe(true);
  });

  it('nothing anywhere uses the remote module', () => {
    expect(bundles.main + bundles.preload).not.toMatch(/@electron\/remote|enableRemoteModule/);
  });
});
