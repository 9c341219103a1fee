/**
 * Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security),
 * items 1–10, one `describe` per item, numbered as there; items 11–20 are in
 * ./checklistHandlers.test.ts. What can be checked without the Electron binary is checked:
 * the options objects, the handlers as functions, the policy string, and the bundles
 * `electron-vite build` makes. What needs the real runtime is in ./electronRuntime.test.ts.
 * electron/SECURITY.md has a row per item.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_SCHEME_PRIVILEGES } from '../../../../electron/main/appProtocol';
import {
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_META,
} from '../../../../electron/main/contentSecurityPolicy';
import { printWindowOptions } from '../../../../electron/main/exportPdf';
import {
  CHROMIUM_SWITCHES,
  WEBRTC_IP_HANDLING_POLICY,
  checkPermission,
  handlePermissionRequest,
  permissionRules,
  secureSession,
  secureWebContents,
} from '../../../../electron/main/security';
import { buildWindowOptions } from '../../../../electron/main/window';
import { createCameraGate } from '../../../../electron/main/cameraGate';
import { APP_PAGE, captureLogs } from '../fakes';
import { readBuiltBundles, setTo, type BuiltBundles } from './builtBundles';

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

let bundles: BuiltBundles;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  logs = captureLogs();
  bundles = await readBuiltBundles();
}, 120_000);

afterAll(() => logs.restore());

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
    expect(bundles.main).not.toMatch(setTo('nodeIntegration(InWorker|InSubFrames)?', 'true'));
    expect(bundles.main).toMatch(setTo('nodeIntegration', 'false'));
  });
});

describe('3. context isolation', () => {
  it.each(windows)('%s isolates the preload from the page', (_name, options) => {
    expect(options.webPreferences?.contextIsolation).toBe(true);
  });

  it('the built main bundle never turns it off', () => {
    expect(bundles.main).not.toMatch(setTo('contextIsolation', 'false'));
  });
});

describe('4. process sandboxing', () => {
  it.each(windows)('%s is sandboxed', (_name, options) => {
    expect(options.webPreferences?.sandbox).toBe(true);
  });

  it('the built main bundle sandboxes every renderer and never turns it off', () => {
    expect(bundles.main).toMatch(/\bapp\.enableSandbox\(\)/);
    expect(bundles.main).not.toMatch(setTo('sandbox', 'false'));
  });

  it('the built preload is CommonJS that requires nothing but electron, as a sandboxed preload must', () => {
    const required = [...bundles.preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map(
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

  it('the built main bundle sets the handlers on the default session, with the camera gate', () => {
    expect(bundles.main).toMatch(/secureSession\(session\.defaultSession, appPage, cameraGate\)/);
  });

  it('with the camera gate closed (as it is unless the QR reader is open), every request is denied', () => {
    const rules = permissionRules(APP_PAGE, createCameraGate());
    for (const permission of [
      'media',
      'clipboard-read',
      'clipboard-sanitized-write',
      'geolocation',
    ]) {
      const callback = vi.fn();
      rules.request(null, permission, callback, {
        requestingUrl: APP_PAGE.url,
        isMainFrame: true,
        mediaTypes: ['video'],
      });
      expect(callback).toHaveBeenCalledWith(false);
      expect(rules.check(null, permission, 'app://hearth', { mediaType: 'video' })).toBe(false);
    }
  });
});

describe('6. webSecurity is never disabled', () => {
  it.each(windows)('%s keeps web security on', (_name, options) => {
    expect(options.webPreferences?.webSecurity).toBe(true);
  });

  it('the built main bundle never turns it off', () => {
    expect(bundles.main).not.toMatch(setTo('webSecurity', 'false'));
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
    expect(bundles.page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY_META}" />`,
    );
  });
});

describe('8. allowRunningInsecureContent stays off', () => {
  it.each(windows)('%s does not run insecure content', (_name, options) => {
    expect(options.webPreferences?.allowRunningInsecureContent ?? false).toBe(false);
  });

  it('the built main bundle never turns it on', () => {
    expect(bundles.main).not.toMatch(setTo('allowRunningInsecureContent', 'true'));
  });
});

describe('9. no experimental features', () => {
  it.each(windows)('%s has experimental features off', (_name, options) => {
    expect(options.webPreferences?.experimentalFeatures ?? false).toBe(false);
  });

  it('the built main bundle never turns them on', () => {
    expect(bundles.main).not.toMatch(setTo('experimentalFeatures', 'true'));
  });
});

describe('10. no enableBlinkFeatures', () => {
  it.each(windows)('%s enables no Blink feature', (_name, options) => {
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('the built main bundle never sets it', () => {
    expect(bundles.main).not.toMatch(/\benableBlinkFeatures\s*:/);
  });
});

// Not an item of Electron's list, but a security decision all the same: Hearth's own page
// gathers WebRTC candidates on every interface (a VPN must not hide the room's LAN), and
// host candidates carry the real LAN address, not an mDNS name.
describe('WebRTC addresses in a room', () => {
  it('every web contents gathers on every interface', () => {
    const contents = {
      on: vi.fn(),
      setWindowOpenHandler: vi.fn(),
      setWebRTCIPHandlingPolicy: vi.fn(),
    };
    secureWebContents(contents, APP_PAGE, {
      openExternal: vi.fn(() => Promise.resolve()),
    });
    expect(contents.setWebRTCIPHandlingPolicy).toHaveBeenCalledWith('default');
    expect(WEBRTC_IP_HANDLING_POLICY).toBe('default');
  });

  it('the mDNS-name switch is off, and the built main bundle applies both', () => {
    expect(CHROMIUM_SWITCHES).toContainEqual(['disable-features', 'WebRtcHideLocalIpsWithMdns']);
    expect(bundles.main).toMatch(/["']WebRtcHideLocalIpsWithMdns["']/);
    expect(bundles.main).toMatch(/setWebRTCIPHandlingPolicy\(/);
    expect(bundles.main).toMatch(/WEBRTC_IP_HANDLING_POLICY = ["']default["']/);
  });
});
