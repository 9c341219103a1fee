/**
 * The `app://hearth/` scheme the built renderer is served from, instead of `file://`
 * (Electron's security checklist, item 18): a file page shares one origin with every file
 * on the disk and reaches them with `fetch`, while `app://hearth` is an origin of its own
 * that can read only the renderer folder. Every response carries the
 * Content-Security-Policy header (Electron's `webRequest` does not see custom schemes).
 *
 * A request is answered only when it is GET or HEAD, for host `hearth`, with a path of
 * plain segments (no `.`/`..`, no dotfiles, no empty segments, no encoded `/` or `\`,
 * no NUL) naming a regular file whose real path (symbolic links followed) is inside the
 * renderer folder. Anything else gets 404 (405 for other methods), with no body.
 *
 * Pure Node: `index.ts` registers the scheme and hands {@link createAppProtocolHandler}
 * to `protocol.handle`; tests call the handler with plain `Request` objects.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { RENDERER_SECURITY_HEADERS, rendererContentType } from './rendererResponses';

/** The scheme. */
export const APP_SCHEME = 'app';
/** The only host the scheme serves. */
export const APP_HOST = 'hearth';
/** The page's origin, as a WebSocket handshake from it names it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The URL of the app's page. */
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/**
 * Privileges for `protocol.registerSchemesAsPrivileged`: a standard, secure origin (so
 * `'self'` in the policy, WebCrypto and module scripts work as on https), fetchable, and
 * nothing that would widen it (no service workers, no bypassing the policy).
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  codeCache: true,
  allowServiceWorkers: false,
  bypassCSP: false,
  stream: false,
} as const;

/** Headers on every response of the scheme. */
export const APP_RESPONSE_HEADERS = RENDERER_SECURITY_HEADERS;

/** A request resolved to a file under the renderer folder, or refused. */
export type AppRequestTarget =
  { ok: true; path: string; contentType: string } | { ok: false; status: 404; reason: string };

/** Resolves an `app://` URL to a path under `rendererDir`, without touching the disk. */
export function resolveAppRequest(url: string, rendererDir: string): AppRequestTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return notFound('not a URL');
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) {
    return notFound('another scheme or host');
  }
  if (parsed.username !== '' || parsed.password !== '' || parsed.port !== '') {
    return notFound('credentials or a port');
  }
  const raw = parsed.pathname === '/' ? ['index.html'] : parsed.pathname.split('/').slice(1);
  const segments: string[] = [];
  for (const encoded of raw) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return notFound('a malformed escape');
    }
    // Decoded `/` or `\` would add segments the checks above never saw.
    if (segment === '' || segment.startsWith('.') || /[/\\\0]/.test(segment)) {
      return notFound('a path segment that is empty, hidden, or hides a separator');
    }
    segments.push(segment);
  }
  const root = resolve(rendererDir);
  const path = join(root, ...segments);
  if (!path.startsWith(root + sep)) return notFound('outside the renderer folder');
  const contentType = rendererContentType(path);
  return { ok: true, path, contentType };
}

/** The file reads the handler needs (the real ones by default; tests may replace them). */
export interface AppFileAccess {
  realpath(path: string): Promise<string>;
  isFile(path: string): Promise<boolean>;
  readFile(path: string): Promise<Uint8Array>;
}

const nodeFileAccess: AppFileAccess = {
  realpath: (path) => realpath(path),
  isFile: async (path) => (await stat(path)).isFile(),
  readFile: (path) => readFile(path),
};

/** A `protocol.handle` handler serving `rendererDir` as described in the file comment. */
export function createAppProtocolHandler(
  rendererDir: string,
  files: AppFileAccess = nodeFileAccess,
): (request: Request) => Promise<Response> {
  let realRoot: Promise<string> | null = null;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, {
        status: 405,
        headers: { ...APP_RESPONSE_HEADERS, Allow: 'GET, HEAD' },
      });
    }
    const target = resolveAppRequest(request.url, rendererDir);
    if (!target.ok) return new Response(null, { status: 404, headers: APP_RESPONSE_HEADERS });
    try {
      realRoot ??= files.realpath(resolve(rendererDir));
      const root = await realRoot;
      const real = await files.realpath(target.path);
      // A symbolic link inside the folder must not lead out of it.
      if (!real.startsWith(root + sep) || !(await files.isFile(real))) {
        return new Response(null, { status: 404, headers: APP_RESPONSE_HEADERS });
      }
      const body = request.method === 'HEAD' ? null : await files.readFile(real);
      return new Response(body === null ? null : Buffer.from(body), {
        status: 200,
        headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': target.contentType },
      });
    } catch {
      realRoot = null;
      return new Response(null, { status: 404, headers: APP_RESPONSE_HEADERS });
    }
  };
}

function notFound(reason: string): AppRequestTarget {
  return { ok: false, status: 404, reason };
}
