/**
 * The one page Hearth's windows may show: the built renderer file in production, or the
 * electron-vite dev server in development. Navigation rules, the IPC sender check and
 * event delivery all ask this module whether a URL is that page, so they cannot drift
 * apart.
 */
import { pathToFileURL } from 'node:url';

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

/** The built renderer at `indexHtmlPath`, loaded as a file URL. */
export function appPageFromFile(indexHtmlPath: string, platform: NodeJS.Platform): AppPage {
  const expected = pathToFileURL(indexHtmlPath);
  // Windows paths are case-insensitive and Chromium may change the drive letter's case.
  const fold = (path: string): string => (platform === 'win32' ? path.toLowerCase() : path);
  const expectedPath = decodedPath(expected);
  return {
    url: expected.href,
    fromDevServer: false,
    isOwnPage(url) {
      const candidate = parse(url);
      if (candidate === null || candidate.protocol !== 'file:') return false;
      if (candidate.host !== expected.host) return false;
      const path = decodedPath(candidate);
      return path !== null && expectedPath !== null && fold(path) === fold(expectedPath);
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
