/**
 * Playwright fixtures for Hearth in browser mode. Each peer is one laptop: its own data
 * folder (fresh per test, under the test's output folder), its own host process, and
 * its own browser context (contexts share nothing, not even a BroadcastChannel).
 *
 *   import { expect, test } from './fixtures';
 *
 *   test('a circle made before a restart is still there after it', async ({ peer }) => {
 *     await peer.page.getByRole('button', { name: 'Make a circle' }).click();
 *     ...
 *     await peer.host.restart();          // SIGTERM, then start on the same folder
 *     await peer.page.reload();
 *   });
 *
 *   test('two laptops', async ({ hearth }) => {
 *     const ana = await hearth.openPeer('ana');   // context in the test's browser
 *     const ben = await hearth.openPeer('ben');
 *   });
 *
 *   // A peer in its own browser process: the caller closes that browser.
 *   const browser = await launchChromium();
 *   const cat = await hearth.openPage(await hearth.startHost('cat'), 'cat', await browser.newContext());
 *
 * At the end of a test every host is stopped with SIGTERM and must exit 0 (a graceful
 * shutdown that flushes the store is part of what is tested); their output is attached
 * to the report when a test fails.
 */
import { mkdir } from 'node:fs/promises';
import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type Page,
} from '@playwright/test';
import { BRIDGE_BEAT_CHANNEL, decodeFrame, type ResultMessage } from '../../shared/ipc/wire';
import { HearthHost, type HostOptions } from '../helpers/hearthHost';

/** What one page's bridge socket has carried so far (decoded from the host's frames). */
export interface BridgeTraffic {
  /** How many times the host let the page in (1 + reconnections). */
  hellos: number;
  results: ResultMessage[];
  events: { channel: string; payload: unknown }[];
  /** Frames from the host that did not decode: always a bug. */
  badFrames: string[];
}

/** One laptop in a test. */
export interface Peer {
  name: string;
  host: HearthHost;
  context: BrowserContext;
  page: Page;
  bridge: BridgeTraffic;
  /** Console errors, uncaught exceptions and CSP violations seen on the page. */
  consoleProblems: string[];
}

/** The room of laptops a test works with. */
export interface Hearth {
  /**
   * Starts a host on a fresh data folder named after the peer; `prepare` may fill the
   * folder first (a notebook made before the test), and `options` pass host settings.
   */
  startHost(
    name: string,
    prepare?: (dataDir: string) => Promise<void>,
    options?: Pick<HostOptions, 'discovery' | 'keepsAddress'>,
  ): Promise<HearthHost>;
  /** Opens `host`'s page in a new browser context (or `context`) and waits for the bridge. */
  openPage(host: HearthHost, name?: string, context?: BrowserContext): Promise<Peer>;
  /** A new laptop: host, context and page. */
  openPeer(name: string): Promise<Peer>;
}

/** Hearth's test, with the `hearth` room and one ready `peer`. */
export const test = base.extend<{ hearth: Hearth; peer: Peer }>({
  hearth: async ({ browser }, use, testInfo) => {
    const hosts: HearthHost[] = [];
    const contexts: BrowserContext[] = [];
    const hearth = createRoom(browser, hosts, contexts, (name) =>
      testInfo.outputPath('peers', name),
    );
    await use(hearth);

    for (const context of contexts) await context.close().catch(() => undefined);
    const problems: string[] = [];
    for (const host of hosts) {
      const code = await host.stop();
      if (code !== null && code !== 0)
        problems.push(`host ${host.options.name} exited with ${code}`);
      if (testInfo.status !== testInfo.expectedStatus || (code !== null && code !== 0)) {
        await testInfo.attach(`host-${host.options.name}.log`, {
          body: host.output(),
          contentType: 'text/plain',
        });
      }
    }
    expect(problems, 'every host shuts down cleanly').toEqual([]);
  },
  peer: async ({ hearth }, use) => {
    await use(await hearth.openPeer('ana'));
  },
});

export { expect };
export { launchChromium } from '../helpers/chromium';
export { HearthHost } from '../helpers/hearthHost';

function createRoom(
  browser: Browser,
  hosts: HearthHost[],
  contexts: BrowserContext[],
  folderFor: (name: string) => string,
): Hearth {
  const startHost: Hearth['startHost'] = async (name, prepare, options = {}) => {
    if (hosts.some((host) => host.options.name === name)) throw new Error(`peer ${name} exists`);
    const dataDir = folderFor(name);
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await prepare?.(dataDir);
    const host = new HearthHost({ name, dataDir, ...options });
    hosts.push(host);
    await host.start();
    return host;
  };

  const openPage = async (
    host: HearthHost,
    name = host.options.name,
    given?: BrowserContext,
  ): Promise<Peer> => {
    const context = given ?? (await browser.newContext());
    if (given === undefined) contexts.push(context);
    // WebRTC offers loopback candidates only to a page allowed camera and microphone.
    await context.grantPermissions(['camera', 'microphone'], { origin: host.origin });
    const page = await context.newPage();
    const peer: Peer = {
      name,
      host,
      context,
      page,
      bridge: watchBridge(page),
      consoleProblems: [],
    };
    page.on('console', (message) => {
      if (message.type() === 'error') peer.consoleProblems.push(message.text());
    });
    page.on('pageerror', (error) => peer.consoleProblems.push(`uncaught: ${error.message}`));
    await page.goto(host.url);
    await expect
      .poll(() => peer.bridge.hellos, { message: 'the bridge connects' })
      .toBeGreaterThan(0);
    return peer;
  };

  return {
    startHost,
    openPage,
    openPeer: async (name) => openPage(await startHost(name), name),
  };
}

// Decodes what the host sends on the page's /bridge socket, so tests can wait for the
// connection and assert that no request failed, without reaching into the page.
function watchBridge(page: Page): BridgeTraffic {
  const traffic: BridgeTraffic = { hellos: 0, results: [], events: [], badFrames: [] };
  page.on('websocket', (socket) => {
    if (new URL(socket.url()).pathname !== '/bridge') return;
    socket.on('framereceived', ({ payload }) => {
      if (typeof payload === 'string') {
        traffic.badFrames.push('a text frame');
        return;
      }
      const decoded = decodeFrame(
        new Uint8Array(payload.buffer, payload.byteOffset, payload.length),
      );
      if (!decoded.ok) {
        traffic.badFrames.push(decoded.reason);
        return;
      }
      const message = decoded.value;
      if (message.kind === 'hello') traffic.hellos++;
      else if (message.kind === 'result') traffic.results.push(message);
      else if (message.kind === 'event' && message.channel !== BRIDGE_BEAT_CHANNEL) {
        traffic.events.push(message);
      }
    });
  });
  return traffic;
}
