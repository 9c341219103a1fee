/**
 * The two things the QR reader and "Copy the invite" need from the desktop, and the
 * security rules around them: the camera is allowed to Hearth's own page only while its
 * reader is open (video only, main frame only, never past the gate's time limit), and the
 * page never holds a clipboard permission — copying goes through main's clipboard over
 * the typed IPC contract, only from Hearth's own page, with its argument checked.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCameraGate } from '../../../../electron/main/cameraGate';
import { registerInvokeHandlers } from '../../../../electron/main/ipc/register';
import { createSenderCheck } from '../../../../electron/main/ipc/senderCheck';
import { permissionRules, secureSession } from '../../../../electron/main/security';
import { desktopHandlers } from '../../../../electron/main/services/desktopHandlers';
import {
  APP_PAGE,
  captureLogs,
  eventFrom,
  FakeIpcMain,
  fakeHandlers,
  OWN_WEB_CONTENTS_ID,
} from '../fakes';

let logs: ReturnType<typeof captureLogs>;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => {
  logs.restore();
});

const OWN = { requestingUrl: APP_PAGE.url, isMainFrame: true };

function request(
  rules: ReturnType<typeof permissionRules>,
  permission: string,
  details: Record<string, unknown>,
): boolean {
  const callback = vi.fn();
  rules.request(null, permission, callback, details);
  expect(callback).toHaveBeenCalledOnce();
  return callback.mock.calls[0]![0] as boolean;
}

describe('the camera permission', () => {
  it('is denied while the QR reader is closed, and granted to Hearth’s page while it is open', () => {
    const gate = createCameraGate();
    const rules = permissionRules(APP_PAGE, gate);
    expect(request(rules, 'media', { ...OWN, mediaTypes: ['video'] })).toBe(false);
    expect(rules.check(null, 'media', 'app://hearth', { ...OWN, mediaType: 'video' })).toBe(false);
    gate.setReaderOpen(true);
    expect(request(rules, 'media', { ...OWN, mediaTypes: ['video'] })).toBe(true);
    expect(rules.check(null, 'media', 'app://hearth', { ...OWN, mediaType: 'video' })).toBe(true);
    gate.setReaderOpen(false);
    expect(request(rules, 'media', { ...OWN, mediaTypes: ['video'] })).toBe(false);
  });

  it('is never the microphone, another page, a subframe, or another permission, even while open', () => {
    const gate = createCameraGate();
    gate.setReaderOpen(true);
    const rules = permissionRules(APP_PAGE, gate);
    expect(request(rules, 'media', { ...OWN, mediaTypes: ['audio'] })).toBe(false);
    expect(request(rules, 'media', { ...OWN, mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(request(rules, 'media', { ...OWN, mediaTypes: [] })).toBe(false);
    expect(
      request(rules, 'media', {
        ...OWN,
        requestingUrl: 'https://evil.example/',
        mediaTypes: ['video'],
      }),
    ).toBe(false);
    expect(request(rules, 'media', { ...OWN, isMainFrame: false, mediaTypes: ['video'] })).toBe(
      false,
    );
    expect(rules.check(null, 'media', 'app://hearth', { ...OWN, mediaType: 'audio' })).toBe(false);
    for (const other of [
      'display-capture',
      'geolocation',
      'clipboard-read',
      'clipboard-sanitized-write',
    ]) {
      expect(request(rules, other, { ...OWN, mediaTypes: ['video'] })).toBe(false);
      expect(rules.check(null, other, 'app://hearth', OWN)).toBe(false);
    }
  });

  it('shuts by itself when the page never says the reader closed', () => {
    let now = 0;
    const gate = createCameraGate({ now: () => now, maxOpenMs: 60_000 });
    const rules = permissionRules(APP_PAGE, gate);
    gate.setReaderOpen(true);
    now = 59_000;
    expect(request(rules, 'media', { ...OWN, mediaTypes: ['video'] })).toBe(true);
    now = 60_000;
    expect(request(rules, 'media', { ...OWN, mediaTypes: ['video'] })).toBe(false);
  });

  it('is what the session uses when a gate is given', () => {
    const gate = createCameraGate();
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
    };
    secureSession(session, APP_PAGE, gate);
    const handler = session.setPermissionRequestHandler.mock.calls[0]![0] as ReturnType<
      typeof permissionRules
    >['request'];
    const callback = vi.fn();
    handler(null, 'media', callback, { ...OWN, mediaTypes: ['video'] });
    expect(callback).toHaveBeenCalledWith(false);
    gate.setReaderOpen(true);
    handler(null, 'media', callback, { ...OWN, mediaTypes: ['video'] });
    expect(callback).toHaveBeenLastCalledWith(true);
  });

  it('opens and closes through the page’s camera:reader requests', async () => {
    const gate = createCameraGate();
    const handlers = desktopHandlers({ cameraGate: gate });
    await handlers['hearth:camera:reader'](true);
    expect(gate.allows()).toBe(true);
    await handlers['hearth:camera:reader'](false);
    expect(gate.allows()).toBe(false);
  });
});

describe('copying on the desktop', () => {
  const checkSender = createSenderCheck({
    appPage: APP_PAGE,
    isOwnWebContents: (id) => id === OWN_WEB_CONTENTS_ID,
  });
  const wired = () => {
    const clipboard = { writeText: vi.fn() };
    const ipc = new FakeIpcMain();
    registerInvokeHandlers(ipc, fakeHandlers(desktopHandlers({ clipboard })), checkSender);
    return { clipboard, ipc };
  };
  const INVITE =
    'hearth://join/AQEBAQEBAQEBAQEBAQEBAQEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA9UaHVyc2RheSBjaXJjbGUBFndzOi8vMTkyLjE2OC4xLjIwOjQ0NDRAe4gc';

  it('goes through main’s clipboard, and the page needs no clipboard permission for it', async () => {
    const { clipboard, ipc } = wired();
    await ipc.invoke('hearth:clipboard:write', eventFrom(), INVITE);
    expect(clipboard.writeText).toHaveBeenCalledWith(INVITE);
    const rules = permissionRules(APP_PAGE, createCameraGate());
    expect(request(rules, 'clipboard-sanitized-write', OWN)).toBe(false);
    expect(request(rules, 'clipboard-read', OWN)).toBe(false);
  });

  it('is refused from a page that is not Hearth’s, or with something that is not text', async () => {
    const { clipboard, ipc } = wired();
    await expect(
      ipc.invoke('hearth:clipboard:write', eventFrom('https://evil.example/'), INVITE),
    ).rejects.toThrow('[forbidden-sender]');
    await expect(ipc.invoke('hearth:clipboard:write', eventFrom(), 42)).rejects.toThrow(
      '[invalid-argument]',
    );
    await expect(
      ipc.invoke('hearth:clipboard:write', eventFrom(), 'x'.repeat(5000)),
    ).rejects.toThrow('[invalid-argument]');
    expect(clipboard.writeText).not.toHaveBeenCalled();
  });

  it('never writes the copied text into the log', async () => {
    const { ipc } = wired();
    await ipc.invoke('hearth:clipboard:write', eventFrom(), INVITE);
    expect(JSON.stringify(logs.records)).not.toContain('AQEBAQ');
  });

  it('says plainly that there is no clipboard where main has none (browser mode writes from the page)', async () => {
    await expect(desktopHandlers({})['hearth:clipboard:write']('text')).rejects.toThrow(
      'no system clipboard',
    );
  });
});
