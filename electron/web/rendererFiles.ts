/**
 * Serves the built renderer (out/renderer) to the browser-mode page: static files only,
 * GET and HEAD only, never a directory listing, never a file outside the folder (the
 * resolved real path must stay inside it), with the app's Content-Security-Policy on
 * every response.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { posix, resolve, sep } from 'node:path';
import { RENDERER_SECURITY_HEADERS, rendererContentType } from '../main/rendererResponses';
import { logger } from '../../shared/log';

const log = logger('web-host');

/** Headers every response of the host carries, whatever its status. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...RENDERER_SECURITY_HEADERS,
  // A rebuilt renderer must reach the page on the next reload, not a cached old one.
  'Cache-Control': 'no-store',
};

/** Answers one HTTP request for a file of the renderer. */
export type RendererFileHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** Returns a handler serving the files under `rendererDir` (`/` is index.html). */
export function serveRendererFiles(rendererDir: string): RendererFileHandler {
  const root = resolve(rendererDir);
  // The real path of the folder itself, found once; a missing folder is reported per request.
  let realRoot: Promise<string> | null = null;
  const findRealRoot = (): Promise<string> => (realRoot ??= realpath(root));

  return (request, response) => {
    respond(request, response, findRealRoot).catch((error: unknown) => {
      realRoot = null;
      log.error('could not serve a renderer file', { error: String(error) });
      if (!response.headersSent) sendStatus(response, 500, 'Internal Server Error');
      else response.destroy();
    });
  };
}

async function respond(
  request: IncomingMessage,
  response: ServerResponse,
  findRealRoot: () => Promise<string>,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    sendStatus(response, 405, 'Method Not Allowed');
    return;
  }
  const relative = toRelativePath(request.url ?? '');
  if (relative === null) {
    sendStatus(response, 404, 'Not Found');
    return;
  }
  const rootDir = await findRealRoot();
  const file = await resolveInside(rootDir, relative);
  if (file === null) {
    sendStatus(response, 404, 'Not Found');
    return;
  }
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': rendererContentType(file.path),
    'Content-Length': String(file.size),
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const stream = createReadStream(file.path);
  stream.on('error', (error) => {
    log.warn('a renderer file could not be read', { error: String(error) });
    response.destroy();
  });
  stream.pipe(response);
}

// The path below the renderer folder that a URL names, or null for anything odd:
// bad escapes, NUL, backslashes, dot segments or dotfiles.
function toRelativePath(url: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://host.invalid').pathname);
  } catch {
    return null;
  }
  if (pathname === '/') return 'index.html';
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const segments = pathname.split('/').slice(1);
  if (segments.some((segment) => segment === '' || segment.startsWith('.'))) return null;
  const relative = posix.normalize(segments.join('/'));
  return relative.startsWith('..') || posix.isAbsolute(relative) ? null : relative;
}

// The file's real path and size if it is a regular file inside the real root.
async function resolveInside(
  rootDir: string,
  relative: string,
): Promise<{ path: string; size: number } | null> {
  let real: string;
  try {
    real = await realpath(resolve(rootDir, relative));
  } catch {
    return null;
  }
  // Symbolic links are followed first, so a link pointing out of the folder is refused too.
  if (!real.startsWith(rootDir + sep)) return null;
  const info = await stat(real);
  return info.isFile() ? { path: real, size: info.size } : null;
}

/** Ends `response` with a short plain-text status page and the security headers. */
export function sendStatus(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}
