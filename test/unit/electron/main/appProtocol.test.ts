import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  resolveAppRequest,
} from '../../../../electron/main/appProtocol';
import { CONTENT_SECURITY_POLICY } from '../../../../electron/main/contentSecurityPolicy';
import { isHearthOrigin } from '../../../../electron/main/services/signalling/signallingEndpoint';

const ROOT = '/opt/hearth/out/renderer';

describe('resolving an app:// request', () => {
  it.each([
    ['app://hearth/', `${ROOT}/index.html`, 'text/html; charset=utf-8'],
    ['app://hearth/index.html', `${ROOT}/index.html`, 'text/html; charset=utf-8'],
    [
      'app://hearth/assets/index-abc.js?v=1#x',
      `${ROOT}/assets/index-abc.js`,
      'text/javascript; charset=utf-8',
    ],
    ['app://hearth/assets/My%20Font.woff2', `${ROOT}/assets/My Font.woff2`, 'font/woff2'],
    ['app://hearth/favicon.svg', `${ROOT}/favicon.svg`, 'image/svg+xml'],
  ])('serves %s from %s', (url, path, contentType) => {
    expect(resolveAppRequest(url, ROOT)).toEqual({ ok: true, path, contentType });
  });

  it.each(['app://hearth/../../etc/passwd', 'app://hearth/assets/%2e%2e/%2e%2e/etc/passwd'])(
    'keeps %s inside the folder: the URL parser resolves dot segments first',
    (url) => {
      expect(resolveAppRequest(url, ROOT)).toMatchObject({ ok: true, path: `${ROOT}/etc/passwd` });
    },
  );

  it.each([
    'app://hearth/..%2F..%2Fetc%2Fpasswd',
    'app://hearth/assets%5C..%5C..%5Cetc%5Cpasswd',
    'app://hearth/.env',
    'app://hearth/assets/.hidden',
    'app://hearth/assets//index.js',
    'app://hearth/index.html%00.js',
    'app://hearth/%E0%A4%A.html',
    'app://other/index.html',
    'app://user:secret@hearth/index.html',
    'app://hearth:1234/index.html',
    'file:///etc/passwd',
    'https://hearth/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppRequest(url, ROOT)).toMatchObject({ ok: false, status: 404 });
  });

  it('is a secure standard scheme that neither bypasses the policy nor runs service workers', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({
      standard: true,
      secure: true,
      bypassCSP: false,
      allowServiceWorkers: false,
    });
  });

  it("is an origin the signalling endpoint lets in, as the page's WebSockets name it", () => {
    expect(APP_ORIGIN).toBe('app://hearth');
    expect(isHearthOrigin(APP_ORIGIN)).toBe(true);
    expect(isHearthOrigin('app://other')).toBe(false);
  });
});

describe('the app:// handler', () => {
  let dir: string;
  let renderer: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hearth-app-protocol-'));
    renderer = join(dir, 'renderer');
    await mkdir(join(renderer, 'assets'), { recursive: true });
    await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Hearth</title>');
    await writeFile(join(renderer, 'assets', 'index.js'), 'console.log(1)');
    await writeFile(join(dir, 'secret.txt'), 'not for the page');
    await symlink(join(dir, 'secret.txt'), join(renderer, 'assets', 'leak.txt'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the page with the Content-Security-Policy header', async () => {
    const response = await createAppProtocolHandler(renderer)(
      new Request('app://hearth/index.html'),
    );

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Hearth</title>');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const handler = createAppProtocolHandler(renderer);
    const head = await handler(new Request('app://hearth/assets/index.js', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await handler(
      new Request('app://hearth/index.html', { method: 'POST', body: 'x' }),
    );
    expect(post.status).toBe(405);
  });

  it.each([
    'app://hearth/assets/leak.txt',
    'app://hearth/assets',
    'app://hearth/missing.js',
    'app://hearth/../secret.txt',
  ])('answers %s with 404 and the policy header, never a file outside the folder', async (url) => {
    const response = await createAppProtocolHandler(renderer)(new Request(url));
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});
