/**
 * One laptop of the room: a Hearth host and a headless Chromium, both inside the
 * laptop's network namespace, and the member who sits at it.
 *
 * How the harness drives a browser it cannot reach over the network: Playwright
 * launches Chromium with `--remote-debugging-pipe` (DevTools over file descriptors 3
 * and 4, no socket at all), and here its "executable" is a two-line script that execs
 * `ip netns exec <namespace> /usr/bin/chromium "$@"`. The exec chain keeps the pipes, so
 * the harness controls a browser whose every socket lives in the laptop's namespace; it
 * opens the page on that namespace's 127.0.0.1 (a secure context, so WebCrypto works)
 * and grants camera and microphone to that origin, without which Chromium would gather
 * no WebRTC candidate for the veth's address.
 */
import { appendFileSync, chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_FLAGS, SYSTEM_CHROMIUM } from '../helpers/chromium';
import { HearthHost } from '../helpers/hearthHost';
import { linkProbeScript } from './linkProbe';
import { savedProbeScript, skewedClockScript } from './screen';
import type { LaptopSeat } from './topology';

/** Each laptop has its own namespace, so every host can use the same ports. */
const PAGE_PORT = 8080;
/** Hearth's default endpoint port; given explicitly so a restart fails rather than moves. */
export const SIGNALLING_PORT = 4455;

/** How to set up one laptop. */
export interface LaptopOptions {
  seat: LaptopSeat;
  /** The member's name, as typed into Hearth. */
  memberName: string;
  /** This run's folder: data folders, logs and the browser wrapper go under it. */
  runDir: string;
  rendererDir: string;
  /** How far this laptop's page clock runs from the machine's, in ms (0: none). */
  clockSkewMs: number;
}

/** A laptop in the room. */
export class Laptop {
  readonly host: HearthHost;
  readonly dataDir: string;
  /** This laptop's folder in the run: data, host.log, page.log. */
  readonly folder: string;
  /** Console errors and uncaught exceptions seen on the page, for the log. */
  readonly pageProblems: string[] = [];
  private browser: Browser | null = null;
  private context: BrowserContext | null = null;
  private openPage: Page | null = null;
  /** False once the laptop has left the room for good. */
  present = true;

  constructor(readonly options: LaptopOptions) {
    const folder = join(options.runDir, `laptop${options.seat.index}`);
    this.folder = folder;
    this.dataDir = join(folder, 'data');
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    const logFile = join(folder, 'host.log');
    // As a member runs it: the endpoint on every address of its namespace (here its one
    // 10.77.0.x besides 127.0.0.1), following the interfaces, and mDNS discovery on.
    this.host = new HearthHost({
      name: this.label,
      dataDir: this.dataDir,
      rendererDir: options.rendererDir,
      commandPrefix: ['ip', 'netns', 'exec', options.seat.namespace],
      signallingHost: null,
      discovery: true,
      port: PAGE_PORT,
      signallingPort: SIGNALLING_PORT,
      logSink: (text) => appendFileSync(logFile, text),
    });
  }

  /** "laptop 2 (Ben …)", for logs and the report. */
  get label(): string {
    return `laptop ${this.options.seat.index} (${this.options.memberName})`;
  }

  /** The member's name. */
  get name(): string {
    return this.options.memberName;
  }

  /** True once Hearth's page is open (and until the laptop leaves). */
  get opened(): boolean {
    return this.openPage !== null;
  }

  /** The page, once open. */
  get page(): Page {
    if (this.openPage === null) throw new Error(`${this.label} has no page open`);
    return this.openPage;
  }

  /** Starts the host, then the browser, and opens Hearth's page. */
  async start(): Promise<void> {
    await this.host.start();
    this.browser = await chromium.launch({
      executablePath: this.browserWrapper(),
      args: ['--no-sandbox', ...CHROMIUM_FLAGS],
    });
    this.context = await this.browser.newContext();
    await this.context.grantPermissions(['camera', 'microphone'], { origin: this.host.origin });
    if (this.options.clockSkewMs !== 0) {
      await this.context.addInitScript({ content: skewedClockScript(this.options.clockSkewMs) });
    }
    await this.context.addInitScript({ content: savedProbeScript() });
    await this.context.addInitScript({ content: linkProbeScript() });
    const page = await this.context.newPage();
    // Everything the page logs goes to page.log beside the host's log (sync and
    // link events included), for reading a slow heal afterwards.
    page.on('console', (message) => {
      if (message.type() === 'error') this.pageProblems.push(message.text());
      const line = `${new Date().toISOString()} ${message.type()} ${message.text()}\n`;
      appendFileSync(join(this.folder, 'page.log'), line);
    });
    page.on('pageerror', (error) => this.pageProblems.push(`uncaught: ${error.message}`));
    this.openPage = page;
    await page.goto(this.host.url);
    await expect(page.getByRole('button', { name: 'Join a circle…' })).toBeVisible({
      timeout: 30_000,
    });
  }

  /** How far the page's clock is from the harness's, in ms (measured, for the report). */
  async measuredSkewMs(): Promise<number> {
    const before = Date.now();
    const onPage = await this.page.evaluate(() => Date.now());
    return onPage - Math.round((before + Date.now()) / 2);
  }

  /** Kills the host with SIGKILL; the page stays open, as after a crash of the host. */
  async killHost(): Promise<void> {
    await this.host.kill();
  }

  /** Starts the host again on its data folder; the open page reconnects by itself. */
  async restartHost(): Promise<void> {
    await this.host.start();
  }

  /** Leaves for good: the host stops (flushing its store), the browser closes. */
  async leave(): Promise<number | null> {
    this.present = false;
    await this.closeBrowser();
    return this.host.stop();
  }

  /** Closes the browser and stops the host; returns the host's exit code. */
  async shutDown(): Promise<number | null> {
    await this.closeBrowser();
    return this.host.stop();
  }

  // Closes the window as a member would (page first, its unload handlers run), then the browser.
  private async closeBrowser(): Promise<void> {
    const browser = this.browser;
    const page = this.openPage;
    this.browser = null;
    this.context = null;
    this.openPage = null;
    if (page !== null) {
      // With runBeforeUnload, close() returns before the page has unloaded: closing the
      // browser then would kill it before its pagehide handler (which tells the others
      // this laptop is leaving) ever ran, as no real window close does.
      const unloaded = new Promise<void>((resolve) => page.once('close', () => resolve()));
      await page.close({ runBeforeUnload: true }).catch(() => undefined);
      await Promise.race([unloaded, new Promise((resolve) => setTimeout(resolve, 5000))]);
    }
    await browser?.close().catch(() => undefined);
  }

  // The "executable" Playwright launches: Chromium, inside this laptop's namespace.
  private browserWrapper(): string {
    const path = join(this.options.runDir, `laptop${this.options.seat.index}-chromium.sh`);
    writeFileSync(
      path,
      `#!/bin/sh\nexec ip netns exec ${this.options.seat.namespace} ${SYSTEM_CHROMIUM} "$@"\n`,
    );
    chmodSync(path, 0o700);
    return path;
  }
}
