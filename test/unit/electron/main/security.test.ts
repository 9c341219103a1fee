import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appPageFromDevServer } from '../../../../electron/main/appPage';
import { CONTENT_SECURITY_POLICY } from '../../../../electron/main/contentSecurityPolicy';
import {
  addContentSecurityPolicy,
  ALLOWED_PERMISSIONS,
  applyChromiumSwitches,
  checkPermission,
  contentSecurityPolicyFor,
  handlePermissionRequest,
  navigationGuard,
  refuseWebview,
  safeExternalUrl,
  secureSession,
  secureWebContents,
  windowOpenHandler,
  WEBRTC_IP_HANDLING_POLICY,
  type SecuredWebContents,
} from '../../../../electron/main/security';
import { APP_PAGE, captureLogs } from '../fakes';

let logs: ReturnType<typeof captureLogs>;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => {
  logs.restore();
});

const fakeShell = () => ({ openExternal: vi.fn(() => Promise.resolve()) });
const fakeEvent = () => ({ preventDefault: vi.fn() });

describe('navigation', () => {
  it.each([
    'https://example.com/',
    'http://localhost:5173/',
    'file:///etc/passwd',
    'file:///opt/hearth/out/renderer/other.html',
    'javascript:alert(1)',
    'data:text/html,<h1>hi</h1>',
    'about:blank',
    'not a url',
  ])('stops a navigation to %s', (url) => {
    const event = fakeEvent();
    navigationGuard(APP_PAGE)(event, url);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('lets only the app page itself load', () => {
    const event = fakeEvent();
    navigationGuard(APP_PAGE)(event, `${APP_PAGE.url}#/circle`);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('logs the scheme of a stopped navigation, never the whole address', () => {
    navigationGuard(APP_PAGE)(fakeEvent(), 'https://example.com/private-path');
    expect(JSON.stringify(logs.records)).not.toContain('private-path');
  });

  it('refuses every webview', () => {
    const event = fakeEvent();
    refuseWebview(event);
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('window.open', () => {
  it.each(['https://example.org/help', 'http://example.org/', 'mailto:circle@example.org'])(
    'denies a new window for %s and hands it to the system instead',
    (url) => {
      const shell = fakeShell();
      expect(windowOpenHandler(shell)({ url })).toEqual({ action: 'deny' });
      expect(shell.openExternal).toHaveBeenCalledWith(new URL(url).href);
    },
  );

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'ms-msdt:/id',
    'vbscript:x',
    'data:text/html,x',
    'https://trusted.example@evil.example/',
    'https://user:pass@example.org/',
    'https://',
    `https://example.org/${'a'.repeat(3000)}`,
    'not a url',
  ])('denies a new window for %s and opens nothing', (url) => {
    const shell = fakeShell();
    expect(windowOpenHandler(shell)({ url })).toEqual({ action: 'deny' });
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it.each(['tel:116123', 'tel:+44116123', 'sms:0477131114'])(
    'hands the phone number %s to the system, which asks before it dials',
    (url) => {
      const shell = fakeShell();
      expect(windowOpenHandler(shell)({ url })).toEqual({ action: 'deny' });
      expect(shell.openExternal).toHaveBeenCalledWith(url);
    },
  );

  it.each(['tel:116 123', 'tel:', 'tel:*21*123#', 'sms:123?body=hello', 'tel:12;phone-context=x'])(
    'opens nothing for the phone link %s, which is not just a number',
    (url) => {
      const shell = fakeShell();
      windowOpenHandler(shell)({ url });
      expect(shell.openExternal).not.toHaveBeenCalled();
    },
  );

  it('hands the normalised address on, not the raw string', () => {
    expect(safeExternalUrl('HTTPS://Example.ORG/a b')?.href).toBe('https://example.org/a%20b');
  });
});

describe('permissions', () => {
  const permissions = [
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'fullscreen',
    'openExternal',
    'local-fonts',
    'hid',
    'serial',
    'usb',
    'unknown',
  ];

  it('allows nothing by default', () => {
    expect(ALLOWED_PERMISSIONS.size).toBe(0);
  });

  it.each(permissions)('denies a request for %s', (permission) => {
    const callback = vi.fn();
    handlePermissionRequest(null, permission, callback);
    expect(callback).toHaveBeenCalledWith(false);
  });

  it.each(permissions)('reports %s as not granted when checked', (permission) => {
    expect(checkPermission(null, permission)).toBe(false);
  });
});

describe('Content-Security-Policy header', () => {
  it('is added to a response that had none', () => {
    const callback = vi.fn();
    addContentSecurityPolicy(CONTENT_SECURITY_POLICY)(
      { responseHeaders: { 'Content-Type': ['text/html'] } },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: {
        'Content-Type': ['text/html'],
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });

  it('replaces a policy a server sent, whatever the header case', () => {
    const callback = vi.fn();
    addContentSecurityPolicy('default-src none')(
      { responseHeaders: { 'content-security-policy': ["script-src 'unsafe-eval'"] } },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Security-Policy': ['default-src none'] },
    });
  });

  it('is added when the response has no headers at all', () => {
    const callback = vi.fn();
    addContentSecurityPolicy('x')({}, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Security-Policy': ['x'] },
    });
  });

  it('is the built page policy in production', () => {
    expect(contentSecurityPolicyFor(APP_PAGE)).toBe(CONTENT_SECURITY_POLICY);
  });

  it('allows inline scripts and styles only for the dev server, and loosens nothing else', () => {
    const dev = contentSecurityPolicyFor(appPageFromDevServer('http://localhost:5173/'));
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("style-src 'self' 'unsafe-inline'");
    expect(dev.replaceAll(" 'unsafe-inline'", '')).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('wiring', () => {
  it('sets every session rule', () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
    };
    secureSession(session, APP_PAGE);

    expect(session.setPermissionRequestHandler).toHaveBeenCalledWith(handlePermissionRequest);
    expect(session.setPermissionCheckHandler).toHaveBeenCalledWith(checkPermission);
    const deviceHandler = session.setDevicePermissionHandler.mock.calls[0]?.[0] as () => boolean;
    expect(deviceHandler()).toBe(false);
    expect(session.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
  });

  it('sets every web contents rule, including WebRTC on every interface', () => {
    const listeners = new Map<string, unknown>();
    const contents = {
      on: vi.fn((event: string, listener: unknown) => listeners.set(event, listener)),
      setWindowOpenHandler: vi.fn(),
      setWebRTCIPHandlingPolicy: vi.fn(),
    };
    secureWebContents(contents as unknown as SecuredWebContents, APP_PAGE, fakeShell());

    expect([...listeners.keys()].sort()).toEqual([
      'will-attach-webview',
      'will-navigate',
      'will-redirect',
    ]);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
    expect(contents.setWebRTCIPHandlingPolicy).toHaveBeenCalledWith(WEBRTC_IP_HANDLING_POLICY);
    expect(WEBRTC_IP_HANDLING_POLICY).toBe('default');
  });

  it('stops Chromium hiding host candidates behind mDNS names', () => {
    const commandLine = { appendSwitch: vi.fn() };
    applyChromiumSwitches(commandLine);
    expect(commandLine.appendSwitch).toHaveBeenCalledWith(
      'disable-features',
      'WebRtcHideLocalIpsWithMdns',
    );
  });
});
