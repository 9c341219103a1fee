/**
 * The security rules for every session and every web contents (Electron's security
 * checklist): the app's page may not be navigated away, new windows are never opened
 * (web links go to the member's browser, after checking their scheme), every permission
 * is denied unless it is on an explicit allow-list, responses carry the
 * Content-Security-Policy as a header as well as the page's meta tag, and WebRTC may use
 * private interfaces so laptops on one LAN connect directly.
 *
 * Each rule is a plain function taking Electron objects as parameters, so tests drive
 * them with fakes; only electron/main/index.ts hands in the real ones.
 */
import type {
  CommandLine,
  HeadersReceivedResponse,
  OnHeadersReceivedListenerDetails,
  Session,
  Shell,
  WebContents,
  WindowOpenHandlerResponse,
} from 'electron';
import { logger } from '../../shared/log';
import type { AppPage } from './appPage';
import type { CameraGate } from './cameraGate';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';

const log = logger('security');

/**
 * How WebRTC picks addresses: the default route plus its private address, so peers on the
 * same LAN can reach each other without STUN.
 */
export const WEBRTC_IP_HANDLING_POLICY = 'default_public_and_private_interfaces';

/**
 * Chromium switches set before the app is ready. Chromium normally replaces host ICE
 * candidates with random `.local` mDNS names; resolving those between laptops is
 * unreliable, so Hearth shows the real private address instead.
 */
export const CHROMIUM_SWITCHES: readonly (readonly [name: string, value: string])[] = [
  ['disable-features', 'WebRtcHideLocalIpsWithMdns'],
];

/** Appends {@link CHROMIUM_SWITCHES}; call before `app` is ready. */
export function applyChromiumSwitches(commandLine: Pick<CommandLine, 'appendSwitch'>): void {
  for (const [name, value] of CHROMIUM_SWITCHES) commandLine.appendSwitch(name, value);
}

/**
 * Permissions the page may have. Empty on purpose: sync uses WebRTC data channels only,
 * which need no permission. Add a name here (with the reason) only when a feature needs it.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set<string>();

/** True when `permission` is on the allow-list. */
export function isPermissionAllowed(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission);
}

/** `session.setPermissionRequestHandler`: grants only allow-listed permissions. */
export function handlePermissionRequest(
  _webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
): void {
  const granted = isPermissionAllowed(permission);
  if (!granted) log.info('permission request denied', { permission });
  callback(granted);
}

/** `session.setPermissionCheckHandler`: reports only allow-listed permissions as granted. */
export function checkPermission(_webContents: unknown, permission: string): boolean {
  return isPermissionAllowed(permission);
}

/** What Electron tells a permission handler about a request (the fields read here). */
export interface PermissionDetails {
  requestingUrl?: string;
  isMainFrame?: boolean;
  /** For `media` requests: what the page asks for. */
  mediaTypes?: readonly string[];
}

/** What Electron tells a permission check (the fields read here). */
export interface PermissionCheckDetails {
  requestingUrl?: string;
  isMainFrame?: boolean;
  /** For `media` checks: which kind of device. */
  mediaType?: string;
}

/**
 * The permission rules with the QR reader's one exception: the camera (video, never the
 * microphone) for Hearth's own page, in its main frame, while the reader is open
 * (./cameraGate.ts). Everything else is as {@link handlePermissionRequest} and
 * {@link checkPermission}. The clipboard stays denied: copying goes through main
 * (`hearth:clipboard:write`), so no page ever holds a clipboard permission.
 */
export function permissionRules(
  appPage: AppPage,
  camera: Pick<CameraGate, 'allows'>,
): {
  request: (
    webContents: unknown,
    permission: string,
    callback: (granted: boolean) => void,
    details?: PermissionDetails,
  ) => void;
  check: (
    webContents: unknown,
    permission: string,
    requestingOrigin?: string,
    details?: PermissionCheckDetails,
  ) => boolean;
} {
  const ownFrame = (url: string | undefined, isMainFrame: boolean | undefined): boolean =>
    isMainFrame !== false && url !== undefined && appPage.isOwnPage(url);
  return {
    request: (webContents, permission, callback, details) => {
      const types = details?.mediaTypes ?? [];
      if (
        permission === 'media' &&
        types.length > 0 &&
        types.every((type) => type === 'video') &&
        ownFrame(details?.requestingUrl, details?.isMainFrame) &&
        camera.allows()
      ) {
        log.info('the camera was allowed to the QR reader');
        callback(true);
        return;
      }
      handlePermissionRequest(webContents, permission, callback);
    },
    check: (webContents, permission, _requestingOrigin, details) => {
      if (
        permission === 'media' &&
        details?.mediaType === 'video' &&
        ownFrame(details.requestingUrl, details.isMainFrame) &&
        camera.allows()
      ) {
        return true;
      }
      return checkPermission(webContents, permission);
    },
  };
}

// tel: and sms: let the crisis panel hand a number to the phone app; they never dial by
// themselves (the system asks first).
const EXTERNAL_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:', 'sms:']);
const MAX_EXTERNAL_URL_LENGTH = 2048;

/** The URL to hand to the member's browser or mail app, or null when it is not safe to open. */
export function safeExternalUrl(url: string): URL | null {
  if (url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!EXTERNAL_SCHEMES.has(parsed.protocol)) return null;
  if (parsed.protocol === 'tel:' || parsed.protocol === 'sms:') {
    // A phone number and nothing else: no parameters a phone app might act on.
    return /^\+?[0-9]{2,20}$/.test(parsed.pathname) && parsed.search === '' ? parsed : null;
  }
  if (parsed.protocol === 'mailto:') return parsed;
  // `https://trusted.example@evil.example` reads as one site and opens another.
  if (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return null;
  return parsed;
}

/** Opens `url` outside Hearth if {@link safeExternalUrl} accepts it; true when it was handed on. */
export function openExternalSafely(shell: Pick<Shell, 'openExternal'>, url: string): boolean {
  const safe = safeExternalUrl(url);
  if (safe === null) {
    log.warn('refused to open a link outside Hearth', { scheme: schemeOf(url) });
    return false;
  }
  shell.openExternal(safe.href).catch((error: unknown) => {
    log.warn('the link could not be opened', { error: String(error) });
  });
  return true;
}

/** `webContents.setWindowOpenHandler`: never a new window; web and mail links go outside. */
export function windowOpenHandler(
  shell: Pick<Shell, 'openExternal'>,
): (details: { url: string }) => WindowOpenHandlerResponse {
  return ({ url }) => {
    openExternalSafely(shell, url);
    return { action: 'deny' };
  };
}

/** A listener for `will-navigate` and `will-redirect` that stops any load but the app's page. */
export function navigationGuard(
  appPage: AppPage,
): (event: { preventDefault(): void }, url: string) => void {
  return (event, url) => {
    if (appPage.isOwnPage(url)) return;
    event.preventDefault();
    // The scheme is enough to diagnose; a full URL may be something a member wrote.
    log.warn('navigation away from the app page was stopped', { scheme: schemeOf(url) });
  };
}

/** A listener for `will-attach-webview`: Hearth has no webviews, so none may attach. */
export function refuseWebview(event: { preventDefault(): void }): void {
  event.preventDefault();
  log.warn('a webview tried to attach and was stopped');
}

/**
 * The policy sent as a header. The dev server injects inline scripts (React refresh) and
 * inline styles (hot CSS), so development alone allows inline code; built pages never do.
 */
export function contentSecurityPolicyFor(appPage: AppPage): string {
  if (!appPage.fromDevServer) return CONTENT_SECURITY_POLICY;
  return CONTENT_SECURITY_POLICY.split('; ')
    .map((directive) =>
      directive.startsWith('script-src ') || directive.startsWith('style-src ')
        ? `${directive} 'unsafe-inline'`
        : directive,
    )
    .join('; ');
}

/** A `webRequest.onHeadersReceived` listener that sets `policy` on every response. */
export function addContentSecurityPolicy(
  policy: string,
): (
  details: Pick<OnHeadersReceivedListenerDetails, 'responseHeaders'>,
  callback: (response: HeadersReceivedResponse) => void,
) => void {
  return (details, callback) => {
    const responseHeaders: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      // Ours replaces any policy a server sent, whatever the header's case.
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value;
    }
    responseHeaders['Content-Security-Policy'] = [policy];
    callback({ responseHeaders });
  };
}

/** The parts of a session the rules set. */
export type SecuredSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
> & { readonly webRequest: Pick<Session['webRequest'], 'onHeadersReceived'> };

/**
 * Applies the permission and header rules to a session; with `camera`, the QR reader's
 * exception ({@link permissionRules}).
 */
export function secureSession(
  session: SecuredSession,
  appPage: AppPage,
  camera?: Pick<CameraGate, 'allows'>,
): void {
  if (camera === undefined) {
    session.setPermissionRequestHandler(handlePermissionRequest);
    session.setPermissionCheckHandler(checkPermission);
  } else {
    const rules = permissionRules(appPage, camera);
    session.setPermissionRequestHandler(rules.request);
    session.setPermissionCheckHandler(rules.check);
  }
  // USB, serial and HID devices: never.
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived(addContentSecurityPolicy(contentSecurityPolicyFor(appPage)));
}

/** The parts of a web contents the rules set. */
export type SecuredWebContents = Pick<
  WebContents,
  'on' | 'setWindowOpenHandler' | 'setWebRTCIPHandlingPolicy'
>;

/** Applies the navigation, window-open and WebRTC rules to one web contents. */
export function secureWebContents(
  contents: SecuredWebContents,
  appPage: AppPage,
  shell: Pick<Shell, 'openExternal'>,
): void {
  const guard = navigationGuard(appPage);
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', refuseWebview);
  contents.setWindowOpenHandler(windowOpenHandler(shell));
  contents.setWebRTCIPHandlingPolicy(WEBRTC_IP_HANDLING_POLICY);
}

function schemeOf(url: string): string {
  const colon = url.indexOf(':');
  return colon > 0 && colon < 20 ? url.slice(0, colon) : 'none';
}
