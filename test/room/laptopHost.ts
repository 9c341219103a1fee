/**
 * One laptop's Hearth host in browser mode (`electron/web/main.ts`), run inside the
 * laptop's network namespace with `ip netns exec` (which execs, so the child's pid is the
 * host's own and SIGKILL reaches it). It runs as a member would run it: the signalling
 * endpoint on 127.0.0.1 and every LAN address of its namespace (here its one 10.77.0.x),
 * following the interfaces, and mDNS discovery on. The page and the endpoint keep fixed
 * ports in their namespace, and the access token is kept, so a page left open reconnects
 * after a restart by itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { REPO_ROOT } from '../e2e/hostProcess';

const READY_LINE = /Hearth is running in browser mode: (http:\/\/\S+)/;
const SIGNALLING_LINE = /Hearth signalling endpoint: (ws:\/\/[^\r\n]*)\r?\n/;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;
/** Each laptop has its own namespace, so every host can use the same ports. */
const PAGE_PORT = 8080;
/** Hearth's default endpoint port; given explicitly so a restart fails rather than moves. */
export const SIGNALLING_PORT = 4455;

/** Where and how one laptop's host runs. */
export interface LaptopHostOptions {
  /** Names the laptop in logs. */
  name: string;
  namespace: string;
  dataDir: string;
  rendererDir: string;
  /** Everything the host prints goes here, across restarts. */
  logFile: string;
}

/** A host that can be stopped, killed and started again on the same folder. */
export class LaptopHost {
  /** The page address with the token, as printed; empty until started. */
  url = '';
  /** The endpoint's URLs as printed (127.0.0.1 first). */
  signallingUrls: string[] = [];
  private readonly token = randomBytes(32).toString('base64url');
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);
  private thisRun = '';

  constructor(readonly options: LaptopHostOptions) {}

  /** The page's origin inside the laptop's namespace. */
  get origin(): string {
    return new URL(this.url).origin;
  }

  /** True while the host process runs. */
  get running(): boolean {
    return this.child !== null;
  }

  /** Starts the host and waits until it prints its page and endpoint addresses. */
  async start(): Promise<void> {
    if (this.child !== null) throw new Error(`${this.options.name}: host already running`);
    const args = [
      'netns',
      'exec',
      this.options.namespace,
      process.execPath,
      '--import',
      'tsx',
      'electron/web/main.ts',
      '--data-dir',
      this.options.dataDir,
      '--port',
      String(PAGE_PORT),
      '--signalling-port',
      String(SIGNALLING_PORT),
      '--renderer',
      this.options.rendererDir,
    ];
    const child = spawn('ip', args, {
      cwd: REPO_ROOT,
      env: { ...process.env, HEARTH_WEB_TOKEN: this.token },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.thisRun = '';
    this.log(`--- start ${new Date().toISOString()}: ip ${args.join(' ')}\n`);
    this.exited = new Promise((done) => {
      child.on('exit', (code, signal) => {
        this.log(`--- exited with ${signal ?? `code ${code}`}\n`);
        if (this.child === child) this.child = null;
        done(code);
      });
    });
    const url = await new Promise<string>((ready, fail) => {
      const timer = setTimeout(() => {
        fail(new Error(`${this.options.name}: host printed no address in ${START_TIMEOUT_MS} ms`));
      }, START_TIMEOUT_MS);
      const read = (chunk: Buffer): void => {
        const text = chunk.toString('utf8');
        this.thisRun += text;
        this.log(text);
        const page = READY_LINE.exec(this.thisRun);
        const signalling = SIGNALLING_LINE.exec(this.thisRun);
        if (page === null || signalling === null) return;
        clearTimeout(timer);
        this.signallingUrls = signalling[1]!.trim().split(' ');
        ready(page[1]!);
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      void this.exited.then(() => {
        clearTimeout(timer);
        fail(new Error(`${this.options.name}: host exited before it was ready:\n${this.thisRun}`));
      });
    });
    this.url = url;
  }

  /** Stops with SIGTERM (the host flushes its store) and resolves with the exit code. */
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

  private log(text: string): void {
    appendFileSync(this.options.logFile, text);
  }
}
