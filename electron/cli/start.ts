/**
 * `npm start`: builds Hearth, then runs it in Electron when Electron's app binary is (or
 * can be) installed and a display is available; otherwise says so in one line and starts
 * browser mode (electron/web/main.ts, which prints the address to open). Ctrl+C and
 * termination signals are passed on, so stopping this stops Hearth.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { findElectronBinary, hasDisplay, runElectronInstaller } from './electronBinary';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
// Resolving package.json files reads no package code: loading `electron` would download.
const electronDir = dirname(require.resolve('electron/package.json'));
const electronVite = join(
  dirname(require.resolve('electron-vite/package.json')),
  'bin/electron-vite.js',
);
const tsxCli = require.resolve('tsx/cli');

const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const DUPLICATE_SIGNAL_MS = 300;

/** Runs a Node script as a child with this terminal, passing on signals; resolves its exit code. */
function runNode(args: readonly string[]): Promise<number> {
  return new Promise((resolveExit) => {
    // In its own process group (off Windows, where that would open a console), the child
    // gets Ctrl+C once, from us: the browser-mode host treats a second SIGINT as "stop
    // waiting for the flush", which a signal sent to the whole group would trigger.
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: 'inherit',
      detached: process.platform !== 'win32',
    });
    // One Ctrl+C can reach this process twice (from the terminal and relayed by tsx or
    // npm); pass it on once, but let a deliberate second press through.
    const lastForwarded = new Map<NodeJS.Signals, number>();
    const forward = (signal: NodeJS.Signals): void => {
      const now = Date.now();
      if (now - (lastForwarded.get(signal) ?? -Infinity) < DUPLICATE_SIGNAL_MS) return;
      lastForwarded.set(signal, now);
      child.kill(signal);
    };
    // If this launcher dies of an error, it takes its child with it.
    const stopChild = (): void => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    };
    for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
    process.on('exit', stopChild);
    const finish = (code: number): void => {
      for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
      process.off('exit', stopChild);
      resolveExit(code);
    };
    child.once('error', (error) => {
      console.error(`Could not run ${args.join(' ')}: ${error.message}`);
      finish(1);
    });
    child.once('exit', (code, signal) => {
      finish(code ?? (signal === null ? 1 : 128 + constants.signals[signal]));
    });
  });
}

async function electronBinary(): Promise<string | null> {
  const found = findElectronBinary(electronDir);
  if (found !== null) return found;
  await runElectronInstaller(electronDir);
  return findElectronBinary(electronDir);
}

async function main(): Promise<number> {
  const built = await runNode([electronVite, 'build']);
  if (built !== 0) return built;

  if ((await electronBinary()) === null) {
    console.log(
      "Electron's app binary can't be installed on this machine, so Hearth is starting in browser mode instead.",
    );
  } else if (!hasDisplay(process.platform)) {
    console.log(
      "There is no display for Electron's window on this machine, so Hearth is starting in browser mode instead.",
    );
  } else {
    return runNode([electronVite, 'preview', '--skipBuild']);
  }
  return runNode([tsxCli, join(root, 'electron/web/main.ts')]);
}

process.exitCode = await main();
