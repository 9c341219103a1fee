/**
 * Hearth in browser mode for the benchmarks: the real host (`electron/web/main.ts`) as a
 * child process on a data folder, kept to loopback (signalling on 127.0.0.1, no mDNS),
 * and a headless Chromium (Debian's, driven by playwright-core) to open it in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const READY_LINE = /Hearth is running in browser mode: (http:\/\/\S+)/;
const START_TIMEOUT_MS = 60_000;

/** A running host and the address (with its access token) to open. */
export interface BrowserHost {
  url: string;
  /** Stops the host gracefully (it flushes and compacts the store) and waits for it. */
  stop(): Promise<void>;
}

/** Starts the browser-mode host on `dataDir`, serving `rendererDir`; resolves once it is up. */
export async function startBrowserHost(dataDir: string, rendererDir: string): Promise<BrowserHost> {
  const args = ['--import', 'tsx', 'electron/web/main.ts', '--data-dir', dataDir, '--port', '0'];
  args.push('--renderer', rendererDir);
  args.push('--signalling-port', '0', '--signalling-host', '127.0.0.1', '--no-discovery');
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, HEARTH_WEB_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const url = await new Promise<string>((ready, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`the host printed no address:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const read = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = READY_LINE.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        ready(match[1]!);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    void exited.then(() => {
      clearTimeout(timer);
      fail(new Error(`the host exited before it was ready:\n${output}`));
    });
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      const code = await exited;
      if (code !== 0) throw new Error(`the host stopped with code ${String(code)}:\n${output}`);
    },
  };
}

/** Launches headless Chromium with the flags the team's machines need. */
export function launchBrowser(): Promise<Browser> {
  const asRoot = process.getuid?.() === 0;
  return chromium.launch({
    executablePath: process.env.HEARTH_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      // Chromium refuses to start its sandbox as root (containers run as root).
      ...(asRoot ? ['--no-sandbox'] : []),
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
