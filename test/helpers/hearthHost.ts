/**
 * One browser-mode Hearth host (`electron/web/main.ts`) as a child process, for every
 * test that needs a real one (end-to-end specs, benches, the room harness): started on a
 * data folder, stopped gracefully (SIGTERM) or killed (SIGKILL), and started again on
 * the same folder, ports and access token, so an open page reconnects by itself as it
 * would after a member restarts `npm run web`.
 *
 * By default its signalling endpoint listens on 127.0.0.1 only, on a free port kept
 * across restarts, and mDNS discovery is off: tests reach each other through the
 * addresses they are given, and nothing is announced to a real network. The room
 * harness instead runs it as a member would (every LAN address, discovery on, fixed
 * ports) behind a command prefix (`ip netns exec <laptop>`, which execs, so the child's
 * pid is the host's own and SIGKILL reaches it), with its output sent to a log file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { REPO_ROOT } from './repoRoot';

const READY_LINE = /Hearth is running in browser mode: (http:\/\/\S+)/;
// Printed right after the ready line; waiting for its newline means both lines are whole.
const SIGNALLING_LINE = /Hearth signalling endpoint: (ws:\/\/[^\r\n]*)\r?\n/;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

/** How to run a host. */
export interface HostOptions {
  /** Names the host in logs and errors (one per peer or laptop). */
  name: string;
  dataDir: string;
  /** The built renderer; out/renderer by default. */
  rendererDir?: string;
  /** Extra environment for the host process. */
  env?: Record<string, string>;
  /**
   * The address the signalling endpoint listens on; 127.0.0.1 by default. `null` gives
   * no address, as a member runs it: 127.0.0.1 and every LAN address, following them.
   */
  signallingHost?: string | null;
  /** Announce and browse over mDNS (on loopback with the default host); off by default. */
  discovery?: boolean;
  /**
   * Let the host keep its own address in the data folder, as a member's would (no token
   * or port given): a restart must then find the same address by itself.
   */
  keepsAddress?: boolean;
  /** The page's port on the first start; a free one by default. Kept across restarts. */
  port?: number;
  /** The endpoint's port on the first start; a free one by default. Kept across restarts. */
  signallingPort?: number;
  /** Runs the host through this command (e.g. `['ip', 'netns', 'exec', 'laptop1']`). */
  commandPrefix?: readonly string[];
  /** Also hands everything the host prints here, as it comes, across restarts. */
  logSink?: (text: string) => void;
}

/** A host process that can be stopped, killed and started again on the same folder. */
export class HearthHost {
  /** The address with the token, as printed; empty until started. */
  url = '';
  /** The access token, the same across restarts. */
  readonly token = randomBytes(32).toString('base64url');
  /** The page's port, the same across restarts. */
  port: number;
  /** The signalling endpoint's URLs, as printed (127.0.0.1 first); empty until started. */
  signallingUrls: string[] = [];
  /** The signalling endpoint's port, the same across restarts. */
  signallingPort: number;
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);
  private log = '';

  constructor(readonly options: HostOptions) {
    this.port = options.port ?? 0;
    this.signallingPort = options.signallingPort ?? 0;
  }

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

  /** The running process's id (the host's own, since a command prefix execs), if any. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Everything the host has printed, over all its runs. */
  output(): string {
    return this.log;
  }

  /** Starts the host (on its first ports again after a restart) and waits for its address. */
  async start(): Promise<void> {
    if (this.child !== null) throw new Error(`host ${this.options.name} is already running`);
    const line = [...(this.options.commandPrefix ?? []), process.execPath, ...this.hostArguments()];
    const [command, args] = [line[0]!, line.slice(1)];
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...this.options.env,
        HEARTH_WEB_TOKEN: this.options.keepsAddress === true ? '' : this.token,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.record(`--- start ${new Date().toISOString()}: ${command} ${args.join(' ')}\n`);
    const runStart = this.log.length;
    this.exited = new Promise((done) => {
      child.on('exit', (code, signal) => {
        this.record(`--- exited with ${signal ?? `code ${code}`}\n`);
        if (this.child === child) this.child = null;
        done(code);
      });
    });

    const url = await new Promise<string>((ready, fail) => {
      const timer = setTimeout(() => {
        fail(new Error(`host ${this.options.name} printed no address in ${START_TIMEOUT_MS} ms`));
      }, START_TIMEOUT_MS);
      const read = (chunk: Buffer): void => {
        this.record(chunk.toString('utf8'));
        const thisRun = this.log.slice(runStart);
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
        const thisRun = this.log.slice(runStart);
        fail(new Error(`host ${this.options.name} exited before it was ready:\n${thisRun}`));
      });
    });
    this.url = url;
    this.port = Number(new URL(url).port);
    this.signallingPort = Number(new URL(this.signallingUrls[0]!).port);
  }

  /** Stops gracefully with SIGTERM (the host flushes its store); resolves with the exit code. */
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

  // `electron/web/main.ts`'s command line for this host.
  private hostArguments(): string[] {
    const { options } = this;
    const args = ['--import', 'tsx', 'electron/web/main.ts', '--data-dir', options.dataDir];
    if (options.keepsAddress !== true) args.push('--port', String(this.port));
    const signallingHost =
      options.signallingHost === undefined ? '127.0.0.1' : options.signallingHost;
    if (signallingHost !== null) args.push('--signalling-host', signallingHost);
    args.push('--signalling-port', String(this.signallingPort));
    if (options.discovery !== true) args.push('--no-discovery');
    if (options.rendererDir !== undefined) args.push('--renderer', options.rendererDir);
    return args;
  }

  private record(text: string): void {
    this.log += text;
    this.options.logSink?.(text);
  }
}
