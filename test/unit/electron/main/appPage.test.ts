import { describe, expect, it } from 'vitest';
import { appPageFromDevServer, appPageFromScheme } from '../../../../electron/main/appPage';

describe('the app page', () => {
  it('is app://hearth/index.html in production', () => {
    const page = appPageFromScheme();

    expect(page.url).toBe('app://hearth/index.html');
    expect(page.fromDevServer).toBe(false);
    expect(page.isOwnPage(page.url)).toBe(true);
    expect(page.isOwnPage(`${page.url}?x=1#/circle/abc`)).toBe(true);
    expect(page.isOwnPage('app://hearth/')).toBe(true);
  });

  it('recognises the page however its path is percent-encoded', () => {
    expect(appPageFromScheme().isOwnPage('app://hearth/%69ndex.html')).toBe(true);
  });

  it.each([
    'app://hearth/other.html',
    'app://hearth/assets/index.js',
    'app://other/index.html',
    'app://user@hearth/index.html',
    'app://hearth:8080/index.html',
    'file:///opt/hearth/out/renderer/index.html',
    'https://hearth/index.html',
    'app://hearth/%E0%A4%A.html',
    '',
    'garbage',
  ])('is not %s', (url) => {
    expect(appPageFromScheme().isOwnPage(url)).toBe(false);
  });

  it('is any path on the dev server origin in development, and nothing else', () => {
    const page = appPageFromDevServer('http://localhost:5173');

    expect(page.fromDevServer).toBe(true);
    expect(page.isOwnPage('http://localhost:5173/')).toBe(true);
    expect(page.isOwnPage('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(page.isOwnPage('http://localhost:5174/')).toBe(false);
    expect(page.isOwnPage('http://127.0.0.1:5173/')).toBe(false);
    expect(page.isOwnPage('https://localhost:5173/')).toBe(false);
  });

  it('refuses a dev server URL that is not http(s)', () => {
    expect(() => appPageFromDevServer('file:///etc/')).toThrow(/not an http/);
    expect(() => appPageFromDevServer('nonsense')).toThrow(/not an http/);
  });
});
