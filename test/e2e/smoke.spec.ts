/**
 * The page loads through the browser-mode host, its bridge connects and answers, and a
 * host restart on the same folder does not strand the page. Kept independent of the UI:
 * what it checks is the title, the address bar and the bridge traffic.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

test('the app loads through the host with no console errors or CSP violations', async ({
  peer,
}) => {
  const { page, bridge } = peer;
  await expect(page).toHaveTitle('Hearth');
  await expect(page.locator('#root')).not.toBeEmpty();
  // The app asks for its settings and circles at start; every answer is a success.
  await expect.poll(() => bridge.results.length).toBeGreaterThan(0);
  await page.waitForLoadState('networkidle');
  expect(bridge.results.filter((result) => !result.ok)).toEqual([]);
  expect(bridge.badFrames).toEqual([]);
  expect(peer.consoleProblems).toEqual([]);
});

test('the access token leaves the address bar, and a reload still gets in', async ({ peer }) => {
  const { page, bridge } = peer;
  await expect(page).not.toHaveURL(/token=/);
  await page.reload();
  await expect.poll(() => bridge.hellos).toBe(2);
  expect(peer.consoleProblems).toEqual([]);
});

test('the page reconnects by itself after the host restarts, gracefully or after a crash', async ({
  peer,
}) => {
  const { host, bridge } = peer;
  await host.restart();
  await expect.poll(() => bridge.hellos).toBe(2);
  await host.restart({ kill: true });
  await expect.poll(() => bridge.hellos).toBe(3);
});

test('a page elsewhere cannot open the bridge, even with the token', async ({ peer, browser }) => {
  // Another site on this machine: same address, another port, so another origin.
  const elsewhere = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' }).end('<title>elsewhere</title>');
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  const context = await browser.newContext();
  try {
    const stranger = await context.newPage();
    await stranger.goto(`http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/`);
    const knock = (url: string, token: string) =>
      stranger.evaluate(
        ([url, token]) =>
          new Promise<string>((resolve) => {
            const socket = new WebSocket(url!, ['hearth.bridge.1', `hearth.token.${token}`]);
            socket.onopen = () => resolve('open');
            socket.onerror = () => resolve('refused');
          }),
        [url, token],
      );
    expect(await knock(`${peer.host.origin.replace('http', 'ws')}/bridge`, peer.host.token)).toBe(
      'refused',
    );
    expect(peer.host.output()).toMatch(/origin http:\/\/127\.0\.0\.1:\d+ is not the host's page/);
  } finally {
    await context.close();
    elsewhere.close();
  }
});
