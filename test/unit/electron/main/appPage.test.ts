import { describe, expect, it } from 'vitest';
import { appPageFromDevServer, appPageFromFile } from '../../../../electron/main/appPage';

describe('the app page', () => {
  it('is the built index.html as a file URL in production', () => {
    const page = appPageFromFile('/opt/Hearth App/out/renderer/index.html', 'linux');

    expect(page.url).toBe('file:///opt/Hearth%20App/out/renderer/index.html');
    expect(page.fromDevServer).toBe(false);
    expect(page.isOwnPage(page.url)).toBe(true);
    expect(page.isOwnPage(`${page.url}?x=1#/circle/abc`)).toBe(true);
  });

  it('recognises the page however its path is percent-encoded', () => {
    const page = appPageFromFile('/opt/Hearth App/out/renderer/index.html', 'linux');
    expect(page.isOwnPage('file:///opt/Hearth%20App/out/renderer/%69ndex.html')).toBe(true);
  });

  it.each([
    'file:///opt/Hearth%20App/out/renderer/other.html',
    'file:///opt/Hearth%20App/out/renderer/index.html/..',
    'file://server/opt/Hearth%20App/out/renderer/index.html',
    'https://example.com/opt/Hearth%20App/out/renderer/index.html',
    'file:///opt/Hearth%20App/out/renderer/%E0%A4%A.html',
    'file:///OPT/Hearth%20App/out/renderer/index.html',
    '',
    'garbage',
  ])('is not %s', (url) => {
    expect(appPageFromFile('/opt/Hearth App/out/renderer/index.html', 'linux').isOwnPage(url)).toBe(
      false,
    );
  });

  it('ignores the case of the path on Windows only', () => {
    const shouted = 'file:///OPT/HEARTH/out/renderer/INDEX.html';
    expect(appPageFromFile('/opt/hearth/out/renderer/index.html', 'win32').isOwnPage(shouted)).toBe(
      true,
    );
    expect(appPageFromFile('/opt/hearth/out/renderer/index.html', 'linux').isOwnPage(shouted)).toBe(
      false,
    );
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
