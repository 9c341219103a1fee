/**
 * The one page Hearth's windows may show: the built renderer served over `app://hearth/`
 * (./appProtocol.ts) in production, or the electron-vite dev server in development. Navigation rules, the IPC sender check and
 * event delivery all ask this module whether a URL is that page, so they cannot drift
 * apart.
 */
import { APP_HOST, APP_PAGE_URL, APP_SCHEME } from './appProtocol';

/** Where the app's own page lives, and how to recognise it. */
export interface AppPage {
  /** The URL a window loads. */
  readonly url: string;
  /** True in development, when the page comes from the dev server. */
  readonly fromDevServer: boolean;
  /** True when `url` is the app's own page; the query and fragment are ignored. */
  isOwnPage(url: string): boolean;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

// Chromium and Node percent-encode a few path characters differently, so compare
// decoded paths; a malformed escape is simply not our page.
function decodedPath(url: URL): string | null {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
}

/** The built renderer served over the app scheme: `app://hearth/index.html` (or `/`). */
export function appPageFromScheme(): AppPage {
  return {
    url: APP_PAGE_URL,
    fromDevServer: false,
    isOwnPage(url) {
      const candidate = parse(url);
      if (candidate?.protocol !== `${APP_SCHEME}:` || candidate.host !== APP_HOST) return false;
      if (candidate.username !== '' || candidate.password !== '' || candidate.port !== '') {
        return false;
      }
      const path = decodedPath(candidate);
      return path === '/index.html' || path === '/';
    },
  };
}

/** The renderer served by the dev server at `devServerUrl` (any path on that origin). */
export function appPageFromDevServer(devServerUrl: string): AppPage {
  const expected = parse(devServerUrl);
  if (expected === null || (expected.protocol !== 'http:' && expected.protocol !== 'https:')) {
    throw new Error(`The renderer dev server URL is not an http(s) URL: ${devServerUrl}`);
  }
  return {
    url: expected.href,
    fromDevServer: true,
    isOwnPage(url) {
      const candidate = parse(url);
      return candidate !== null && candidate.origin === expected.origin;
    },
  };
}
