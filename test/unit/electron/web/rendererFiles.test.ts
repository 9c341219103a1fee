/** The browser-mode host as a web server: what it serves, and what it never does. */
import { request } from 'node:http';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../../../electron/web/host';
import { CONTENT_SECURITY_POLICY } from '../../../../electron/main/contentSecurityPolicy';
import { createMemoryServices } from '../../../helpers/memoryServices';
import { capturedLogs } from '../../../helpers/capturedLogs';

let folder: string;
let host: WebHost;
capturedLogs();

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'hearth-files-'));
  const rendererDir = join(folder, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Hearth</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(rendererDir, '.env'), 'HIDDEN=1');
  await writeFile(join(folder, 'secret.txt'), 'the circle key');
  await symlink(join(folder, 'secret.txt'), join(rendererDir, 'link-out.txt'));
  host = await startWebHost({
    rendererDir,
    openServices: (emit) => Promise.resolve(createMemoryServices(emit)),
  });
});

afterEach(async () => {
  await host.close();
  await rm(folder, { recursive: true, force: true });
});

// Raw requests: fetch() would normalise the `..` segments these tests need to send.
function get(
  path: string,
  options: { method?: string; host?: string } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: options.method ?? 'GET',
        headers: { host: options.host ?? `127.0.0.1:${host.port}` },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the browser-mode host serving the renderer', () => {
  it('prints an address on 127.0.0.1 with a 32-byte token in the fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('serves index.html for / with the CSP and nosniff headers', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.body).toContain('<title>Hearth</title>');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves assets with their content type, and HEAD without a body', async () => {
    const script = await get('/assets/app.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toBe('console.log(1)');
    const head = await get('/assets/app.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('never serves a file outside the renderer folder, a dotfile or a directory listing', async () => {
    const attempts = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      `/${encodeURIComponent(join(folder, 'secret.txt'))}`,
      '//etc/passwd',
      '/link-out.txt',
      '/.env',
      '/assets',
      '/assets/',
      '/index.html%00.js',
      '/%E0%A4%A',
    ];
    for (const path of attempts) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.body).not.toContain('circle key');
      expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('refuses other methods and requests for another Host name', async () => {
    expect((await get('/', { method: 'POST' })).status).toBe(405);
    const misdirected = await get('/', { host: `evil.example:${host.port}` });
    expect(misdirected.status).toBe(421);
    expect(misdirected.body).toContain(`Open http://127.0.0.1:${host.port}/`);
  });
});
