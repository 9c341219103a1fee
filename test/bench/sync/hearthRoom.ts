/**
 * Laptops running real Hearth for the benchmark, as the end-to-end tests run them: one
 * browser-mode host process per laptop (its own data folder; its signalling endpoint on
 * 127.0.0.1; no mDNS) and one browser context per laptop, so pages share nothing, not
 * even a BroadcastChannel. Every page gets the probe (./page/syncProbe.ts) first.
 * Members act through the screen, with the end-to-end tests' steps (test/helpers/member.ts).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { HearthHost } from '../../helpers/hearthHost';
import { joinByPasting, syncStatus } from '../../helpers/member';

/** The button a member clicks to affirm the circle's agreements. */
export const AGREE = 'I agree to hold these agreements';

/** How long a laptop may take to find the others and catch up (two busy cores). */
export const MESH_TIMEOUT_MS = 90_000;

/** One laptop: host, browser context and page. */
export interface Laptop {
  name: string;
  host: HearthHost;
  context: BrowserContext;
  page: Page;
}

/** Where the laptops of one bench run keep their data, and which renderer they serve. */
export interface RoomPlace {
  /** Each laptop's data folder is made under it, named after the laptop. */
  root: string;
  /** The built renderer; the hosts' default (out/renderer) when not given. */
  rendererDir?: string;
}

/** Starts one host on a fresh folder; `prepare` may fill the folder first. */
export async function startHost(
  place: RoomPlace,
  name: string,
  prepare?: (dataDir: string) => Promise<void>,
): Promise<HearthHost> {
  const dataDir = join(place.root, name);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await prepare?.(dataDir);
  const host = new HearthHost({
    name,
    dataDir,
    ...(place.rendererDir === undefined ? {} : { rendererDir: place.rendererDir }),
  });
  await host.start();
  return host;
}

/** Opens `host`'s page in a new context of `browser`, with the probe installed. */
export async function openLaptop(
  browser: Browser,
  host: HearthHost,
  probeScript: string,
): Promise<Laptop> {
  const context = await browser.newContext();
  // WebRTC offers loopback candidates only to a page allowed camera and microphone.
  await context.grantPermissions(['camera', 'microphone'], { origin: host.origin });
  await context.addInitScript({ content: probeScript });
  const page = await context.newPage();
  await page.goto(host.url);
  return { name: host.options.name, host, context, page };
}

/** Closes the laptop's page and stops its host, saying so if the host did not exit cleanly. */
export async function closeLaptop(laptop: Laptop): Promise<void> {
  await laptop.context.close().catch(() => undefined);
  const code = await laptop.host.stop();
  if (code !== 0 && code !== null) {
    console.warn(`host ${laptop.name} exited with code ${code}:\n${laptop.host.output()}`);
  }
}

/** What the status line reads once a laptop is in step with `others` other laptops. */
export function connectedText(others: number): string {
  return others === 1 ? 'Connected to 1 person' : `Connected to ${others} people`;
}

/** Waits until every laptop is linked to, and in step with, all the others. */
export async function waitForMesh(laptops: readonly Laptop[]): Promise<void> {
  const wanted = connectedText(laptops.length - 1);
  await Promise.all(
    laptops.map((laptop) =>
      expect(syncStatus(laptop.page)).toHaveText(wanted, { timeout: MESH_TIMEOUT_MS }),
    ),
  );
}

/**
 * Waits until `done` holds, affirming the circle's agreements whenever the app asks
 * for it: a new member is asked once the circle's index (which holds the agreements)
 * has arrived, which may be some time after the notebook first shows. The probe clicks
 * the button in the page, in the frame it appears (Playwright's role queries, polled,
 * would cost the page more than the work being measured).
 */
export async function affirmingAgreementsUntil(
  page: Page,
  done: () => Promise<boolean>,
  timeoutMs = MESH_TIMEOUT_MS,
): Promise<void> {
  await page.evaluate((text) => window.syncProbe.clickWhenShown(text), AGREE);
  const deadline = performance.now() + timeoutMs;
  while (!(await done())) {
    if (performance.now() > deadline) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((next) => setTimeout(next, 100));
  }
  // Watching costs the page a little on every frame: not while it is being measured.
  await page.evaluate((text) => window.syncProbe.stopClicking(text), AGREE);
}

/** Waits until `locator` is visible, affirming the agreements if asked meanwhile. */
export async function affirmingAgreementsUntilShown(page: Page, locator: Locator): Promise<void> {
  await affirmingAgreementsUntil(page, () => locator.isVisible());
}

/**
 * Joins each of `joiners` (fresh laptops on the welcome screen) with the invite, at once,
 * and waits until each shows `awaited` (a CSS selector), affirming the agreements.
 */
export async function joinAll(
  joiners: readonly Laptop[],
  inviteLink: string,
  memberName: (laptop: Laptop) => string,
  awaited: string,
): Promise<void> {
  await Promise.all(
    joiners.map(async (laptop) => {
      try {
        await joinByPasting(laptop.page, inviteLink, memberName(laptop));
        await affirmingAgreementsUntilShown(laptop.page, laptop.page.locator(awaited));
      } catch (error) {
        throw new Error(`${laptop.name} could not join: ${await describeScreen(laptop)}`, {
          cause: error,
        });
      }
    }),
  );
}

/** What a laptop shows and whether its host runs, for an error message. */
export async function describeScreen(laptop: Laptop): Promise<string> {
  const text = await laptop.page
    .locator('body')
    .innerText({ timeout: 5_000 })
    .catch((error: unknown) => `(unreadable: ${String(error)})`);
  const host = laptop.host.running ? 'host running' : 'HOST NOT RUNNING';
  return `${host}; the screen reads: ${text.replace(/\s+/g, ' ').slice(0, 400)}`;
}

/** The CSS selector of the editor of the entry written by `author`. */
export function entryEditor(author: string): string {
  return `.entry-text[aria-label="Entry by ${author}"]`;
}

/** The CSS selector of every entry editor on the screen. */
export const ANY_ENTRY_EDITOR = '.entry-text[aria-label^="Entry by"]';
