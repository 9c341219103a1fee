/**
 * How end-to-end tests launch Chromium on the team's machines: Debian's /usr/bin/chromium
 * when it is there (Playwright's own browser cannot be downloaded here), with flags for
 * a headless container and for real WebRTC between peers on one machine.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type LaunchOptions } from '@playwright/test';

/** Debian's Chromium; Playwright's own browser is used where it is missing. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Flags every Hearth test browser gets. */
export const CHROMIUM_FLAGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Peers on one machine reach each other only over loopback.
  '--allow-loopback-in-peer-connection',
];

/** Launch options for Chromium, shared by the Playwright config and {@link launchChromium}. */
export function chromiumLaunchOptions(): LaunchOptions {
  // Chromium refuses to start its sandbox as root (CI containers run as root).
  const asRoot = process.getuid?.() === 0;
  return {
    ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
    args: [...(asRoot ? ['--no-sandbox'] : []), ...CHROMIUM_FLAGS],
  };
}

/**
 * Starts a separate Chromium process, for tests that want each peer in its own browser
 * (the test's `browser` fixture is one process; its contexts are already isolated).
 * The caller closes it.
 */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const defaults = chromiumLaunchOptions();
  return chromium.launch({
    ...defaults,
    ...options,
    args: [...(defaults.args ?? []), ...(options.args ?? [])],
  });
}
