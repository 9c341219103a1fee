/**
 * Hearth in browser mode for the benchmarks: the real host (`electron/web/main.ts`) as a
 * child process on a data folder, kept to loopback (signalling on 127.0.0.1, no mDNS),
 * and a headless Chromium (Debian's, driven by playwright-core) to open it in.
 */
import { basename } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { SYSTEM_CHROMIUM, chromiumLaunchOptions } from '../helpers/chromium';
import { HearthHost } from '../helpers/hearthHost';

/** A running host and the address (with its access token) to open. */
export interface BrowserHost {
  url: string;
  /** Stops the host gracefully (it flushes and compacts the store) and waits for it. */
  stop(): Promise<void>;
}

/** Starts the browser-mode host on `dataDir`, serving `rendererDir`; resolves once it is up. */
export async function startBrowserHost(dataDir: string, rendererDir: string): Promise<BrowserHost> {
  const host = new HearthHost({ name: basename(dataDir), dataDir, rendererDir });
  await host.start();
  return {
    url: host.url,
    stop: async () => {
      const code = await host.stop();
      if (code !== 0) {
        throw new Error(`the host stopped with code ${String(code)}:\n${host.output()}`);
      }
    },
  };
}

/** Launches headless Chromium (`$HEARTH_CHROMIUM`, else Debian's) with the tests' flags. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.HEARTH_CHROMIUM ?? SYSTEM_CHROMIUM,
    args: chromiumLaunchOptions().args,
  });
}
