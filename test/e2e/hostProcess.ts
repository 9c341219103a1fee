/**
 * One browser-mode host (`electron/web/main.ts`) as a child process, for end-to-end
 * tests: started on a data folder, stopped gracefully (SIGTERM) or killed (SIGKILL),
 * and started again on the same folder, port and access token, so an open page
 * reconnects by itself as it would after a member restarts `npm run web`.
 *
 * Its signalling endpoint listens on 127.0.0.1 only, on a free port kept across
 * restarts, and mDNS discovery is off unless a test asks for it: tests reach each other
 * through the addresses they are given, and nothing is announced to a real network.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

/** The repository root, where the host runs. */
export const REPO_ROOT = resolve(import.meta.dirname, '../..');

const READY_LINE = /Hearth is running in browser mode: (http:\/\/\S+)/;
// Printed right after the ready line; waiting for its newline means both lines are whole.
const SIGNALLING_LINE = /Hearth signalling endpoint: (ws:\/\/[^\r\n]*)\r?\n/;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

/** How to run a host. */
export interface HostOptions {
  /** Names the host in logs and attachments (one per peer). */
  name: string;
  dataDir: string;
  /** The built renderer; out/renderer by default. */
  rendererDir?: string;
  /** Extra environment for the host process. */
  env?: Record<string, string>;
  /** The address the signalling endpoint listens on; 127.0.0.1 by default. */
  signallingHost?: string;
  /** Announce and browse over mDNS (on loopback with the default host); off by default. */
  discovery?: boolean;
  /**
   * Let the host keep its own address in the data folder, as a member's would (no token
   * or port given): a restart must then find the same address by itself.
   */
  keepsAddress?: boolean;
}

/** A host process that can be stopped, killed and started again on the same folder. */
export class HostProcess {
  /** The address with the token, as printed; empty until started. */
  url = '';
  /** The access token, the same across restarts. */
  readonly token = randomBytes(32).toString('base64url');
  port = 0;
  /** The signalling endpoint's URLs, as printed; empty until started. */
  signallingUrls: string[] = [];
  /** The signalling endpoint's port, the same across restarts. */
  signallingPort = 0;
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);
  private log = '';

  constructor(readonly options: HostOptions) {}

  /** The page's origin, e.g. http://127.0.0.1:41234. */
  get origin(): string {
    return new URL(this.url).origin;
  }

  /** The data folder the host keeps the notebook in. */
  get dataDir(): string {
    return this.options.dataDir;
  }

  /** True while the process runs. */
  get running(): boolean {
    return this.child !== null;
  }

  /** Everything the host has printed, over all its runs. */
  output(): string {
    return this.log;
  }

  /** Starts the host (on its first port again after a restart) and waits for its address. */
  async start(): Promise<void> {
    if (this.child !== null) throw new Error(`host ${this.options.name} is already running`);
    const args = ['--import', 'tsx', 'electron/web/main.ts', '--data-dir', this.options.dataDir];
    if (this.options.keepsAddress !== true) args.push('--port', String(this.port));
    args.push('--signalling-host', this.options.signallingHost ?? '127.0.0.1');
    args.push('--signalling-port', String(this.signallingPort));
    if (this.options.discovery !== true) args.push('--no-discovery');
    if (this.options.rendererDir !== undefined) args.push('--renderer', this.options.rendererDir);
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...this.options.env,
        HEARTH_WEB_TOKEN: this.options.keepsAddress === true ? '' : this.token,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.log += `--- start ${new Date().toISOString()}: node ${args.join(' ')}\n`;
    this.exited = new Promise((done) => {
      child.on('exit', (code, signal) => {
        this.log += `--- exited with ${signal ?? `code ${code}`}\n`;
        if (this.child === child) this.child = null;
        done(code);
      });
    });

    const url = await new Promise<string>((ready, fail) => {
      const timer = setTimeout(() => {
        fail(new Error(`host ${this.options.name} printed no address in ${START_TIMEOUT_MS} ms`));
      }, START_TIMEOUT_MS);
      const read = (chunk: Buffer): void => {
        this.log += chunk.toString('utf8');
        const thisRun = this.log.slice(this.log.lastIndexOf('--- start'));
        const match = READY_LINE.exec(thisRun);
        const signalling = SIGNALLING_LINE.exec(thisRun);
        if (match !== null && signalling !== null) {
          clearTimeout(timer);
          this.signallingUrls = signalling[1]!.trim().split(' ');
          ready(match[1]!);
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      void this.exited.then(() => {
        clearTimeout(timer);
        fail(new Error(`host ${this.options.name} exited before it was ready:\n${this.log}`));
      });
    });
    this.url = url;
    this.port = Number(new URL(url).port);
    this.signallingPort = Number(new URL(this.signallingUrls[0]!).port);
  }

  /** Stops gracefully with SIGTERM and resolves with the exit code (0 when all went well). */
  async stop(): Promise<number | null> {
    const child = this.child;
    if (child === null) return null;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }

  /** Kills the host with SIGKILL, as a crash or a pulled plug would. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** Stops (or with `kill: true`, kills) the host and starts it again on the same folder. */
  async restart(options: { kill?: boolean } = {}): Promise<void> {
    if (options.kill === true) {
      await this.kill();
    } else {
      const code = await this.stop();
      if (code !== 0 && code !== null)
        throw new Error(`host stopped with code ${code}:\n${this.log}`);
    }
    await this.start();
  }
}
