/**
 * Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security),
 * one `describe` per item, numbered as there. What can be checked without the Electron
 * binary is checked here: the options objects, the handlers as functions, the policy
 * string, and the bundles `electron-vite build` makes (built into a folder of this test's
 * own). What needs the real runtime is in ./electronRuntime.test.ts. Item 19 (fuses) has
 * no test: Hearth has no packaging step yet. electron/SECURITY.md has a row per item.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appPageFromScheme } from '../../../../electron/main/appPage';
import { APP_SCHEME_PRIVILEGES } from '../../../../electron/main/appProtocol';
import {
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_META,
} from '../../../../electron/main/contentSecurityPolicy';
import { printWindowOptions } from '../../../../electron/main/exportPdf';
import { registerInvokeHandlers } from '../../../../electron/main/ipc/register';
import { createSenderCheck } from '../../../../electron/main/ipc/senderCheck';
import {
  checkPermission,
  handlePermissionRequest,
  navigationGuard,
  refuseWebview,
  secureSession,
  windowOpenHandler,
} from '../../../../electron/main/security';
import { buildWindowOptions } from '../../../../electron/main/window';
import { INVOKE_CHANNELS } from '../../../../shared/ipc/arguments';
import { APP_PAGE, captureLogs, eventFrom, FakeIpcMain, fakeHandlers } from '../fakes';
import { evaluatePreloadBundle } from './preloadBundle';

const ROOT = resolve(import.meta.dirname, '../../../..');
/** The oldest Electron major this checklist accepts; raise it with each upgrade. */
const ELECTRON_MAJOR_FLOOR = 45;

const windows = [
  [
    'the main window',
    buildWindowOptions({ preloadPath: '/p/index.cjs', theme: 'light', isDev: false }),
  ],
  [
    'the main window in development',
    buildWindowOptions({ preloadPath: '/p/index.cjs', theme: 'dark', isDev: true }),
  ],
  ['the PDF print window', printWindowOptions()],
] as const;

let outDir = '';
let mainBundle = '';
let preloadBundle = '';
let pageHtml = '';
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  logs = captureLogs();
  outDir = await mkdtemp(join(tmpdir(), 'hearth-checklist-'));
  const built = spawnSync('npx', ['electron-vite', 'build', '--outDir', outDir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (built.status !== 0)
    throw new Error(`electron-vite build failed:\n${built.stdout}\n${built.stderr}`);
  mainBundle = await readFile(join(outDir, 'main/index.js'), 'utf8');
  preloadBundle = await readFile(join(outDir, 'preload/index.cjs'), 'utf8');
  pageHtml = await readFile(join(outDir, 'renderer/index.html'), 'utf8');
}, 120_000);

afterAll(async () => {
  logs.restore();
  await rm(outDir, { recursive: true, force: true });
});

// The bundles keep their comments; these match code, not prose.
const setTo = (option: string, value: 'true' | 'false'): RegExp =>
  new RegExp(`\\b${option}\\s*:\\s*(${value}|${value === 'true' ? '!0' : '!1'})\\b`);

describe('1. only secure content is loaded', () => {
  it('loads the page from the secure app:// scheme, and the policy names no http(s) source', () => {
    expect(APP_PAGE.url).toBe('app://hearth/index.html');
    expect(APP_SCHEME_PRIVILEGES.secure).toBe(true);
    const sources = CONTENT_SECURITY_POLICY.split('; ').flatMap((d) => d.split(' ').slice(1));
    expect(new Set(sources)).toEqual(new Set(["'none'", "'self'", 'data:', 'blob:', 'ws:']));
  });
});

describe('2. no Node.js integration for remote content', () => {
  it.each(windows)('%s has no Node in the page, its workers or its frames', (_name, options) => {
    expect(options.webPreferences).toMatchObject({ nodeIntegration: false });
    expect(options.webPreferences?.nodeIntegrationInWorker ?? false).toBe(false);
    expect(options.webPreferences?.nodeIntegrationInSubFrames ?? false).toBe(false);
  });

  it('the built main bundle never turns Node integration on', () => {
    expect(mainBundle).not.toMatch(setTo('nodeIntegration(InWorker|InSubFrames)?', 'true'));
    expect(mainBundle).toMatch(setTo('nodeIntegration', 'false'));
  });
});

describe('3. context isolation', () => {
  it.each(windows)('%s isolates the preload from the page', (_name, options) => {
    expect(options.webPreferences?.contextIsolation).toBe(true);
  });

  it('the built main bundle never turns it off', () => {
    expect(mainBundle).not.toMatch(setTo('contextIsolation', 'false'));
  });
});

describe('4. process sandboxing', () => {
  it.each(windows)('%s is sandboxed', (_name, options) => {
    expect(options.webPreferences?.sandbox).toBe(true);
  });

  it('the built main bundle sandboxes every renderer and never turns it off', () => {
    expect(mainBundle).toMatch(/\bapp\.enableSandbox\(\)/);
    expect(mainBundle).not.toMatch(setTo('sandbox', 'false'));
  });

  it('the built preload is CommonJS that requires nothing but electron, as a sandboxed preload must', () => {
    const required = [...preloadBundle.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map(
      (m) => m[1],
    );
    expect(new Set(required)).toEqual(new Set(['electron']));
  });
});

describe('5. session permission requests are handled', () => {
  it('every session rule is set, and every request and check is denied', () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
    };
    secureSession(session, APP_PAGE);
    expect(session.setPermissionRequestHandler).toHaveBeenCalledWith(handlePermissionRequest);
    expect(session.setPermissionCheckHandler).toHaveBeenCalledWith(checkPermission);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
    ]) {
      const callback = vi.fn();
      handlePermissionRequest(null, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(checkPermission(null, permission)).toBe(false);
    }
  });

  it('the built main bundle sets the handlers on the default session', () => {
    expect(mainBundle).toMatch(/secureSession\(session\.defaultSession, appPage\)/);
  });
});

describe('6. webSecurity is never disabled', () => {
  it.each(windows)('%s keeps web security on', (_name, options) => {
    expect(options.webPreferences?.webSecurity).toBe(true);
  });

  it('the built main bundle never turns it off', () => {
    expect(mainBundle).not.toMatch(setTo('webSecurity', 'false'));
  });
});

describe('7. a Content-Security-Policy', () => {
  it('allows only the app’s own scripts and styles, no plugins, no framing, no base or form targets', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d] as const),
    );
    expect(directives.get('default-src')).toBe("default-src 'none'");
    expect(directives.get('script-src')).toBe("script-src 'self'");
    expect(directives.get('style-src')).toBe("style-src 'self'");
    expect(directives.get('object-src')).toBe("object-src 'none'");
    expect(directives.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directives.get('base-uri')).toBe("base-uri 'none'");
    expect(directives.get('form-action')).toBe("form-action 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)|\*/);
  });

  it('is written into the built page as a meta tag', () => {
    expect(pageHtml).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY_META}" />`,
    );
  });
});

describe('8. allowRunningInsecureContent stays off', () => {
  it.each(windows)('%s does not run insecure content', (_name, options) => {
    expect(options.webPreferences?.allowRunningInsecureContent ?? false).toBe(false);
  });

  it('the built main bundle never turns it on', () => {
    expect(mainBundle).not.toMatch(setTo('allowRunningInsecureContent', 'true'));
  });
});

describe('9. no experimental features', () => {
  it.each(windows)('%s has experimental features off', (_name, options) => {
    expect(options.webPreferences?.experimentalFeatures ?? false).toBe(false);
  });

  it('the built main bundle never turns them on', () => {
    expect(mainBundle).not.toMatch(setTo('experimentalFeatures', 'true'));
  });
});

describe('10. no enableBlinkFeatures', () => {
  it.each(windows)('%s enables no Blink feature', (_name, options) => {
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('the built main bundle never sets it', () => {
    expect(mainBundle).not.toMatch(/\benableBlinkFeatures\s*:/);
  });
});

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
    expect(mainBundle).toMatch(/contents\.on\("will-navigate", guard\)/);
    expect(mainBundle).toMatch(/contents\.on\("will-redirect", guard\)/);
    expect(mainBundle).toMatch(/app\.on\("web-contents-created"/);
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
    expect([...mainBundle.matchAll(/\.openExternal\(/g)]).toHaveLength(1);
    expect(mainBundle).toMatch(
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
    expect(mainBundle).not.toMatch(/ipcMain\.(on|once|handleOnce)\(/);
    expect([...mainBundle.matchAll(/\bipc\.handle\(/g)]).toHaveLength(1);
  });
});

describe('18. the page is served from a custom protocol, not file://', () => {
  it('is app://hearth/index.html, and a file page is not the app page', () => {
    expect(appPageFromScheme().url).toBe('app://hearth/index.html');
    expect(APP_PAGE.isOwnPage('file:///opt/hearth/out/renderer/index.html')).toBe(false);
  });

  it('the built main bundle registers the scheme as privileged and serves it', () => {
    // Constants are inlined by the bundler: the scheme appears as its value.
    expect(mainBundle).toMatch(
      /protocol\.registerSchemesAsPrivileged\(\[\{\s*scheme: "app",\s*privileges: APP_SCHEME_PRIVILEGES/,
    );
    expect(mainBundle).toMatch(
      /session\.defaultSession\.protocol\.handle\("app", createAppProtocolHandler\(rendererDir\)\)/,
    );
    expect(mainBundle).not.toMatch(/\.loadFile\(/);
  });
});

describe('20. no Electron API is exposed to the page', () => {
  it('the built preload exposes only window.hearth, built of functions, never ipcRenderer', () => {
    const exposed = evaluatePreloadBundle(preloadBundle);
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
    expect(mainBundle + preloadBundle).not.toMatch(/@electron\/remote|enableRemoteModule/);
  });
});
