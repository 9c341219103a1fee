/**
 * Finding Electron's app binary without loading the `electron` package (whose entry point
 * downloads the binary when it is missing). The npm package writes `path.txt` naming the
 * executable inside its `dist/` folder once the binary is installed.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** How long the one attempt to install the binary may take. */
export const INSTALL_TIMEOUT_MS = 30_000;

/**
 * The Electron executable under `electronPackageDir`, or null when it is not installed.
 * `ELECTRON_EXEC_PATH` (which electron-vite also honours) wins when it names a file.
 */
export function findElectronBinary(
  electronPackageDir: string,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  const override = env.ELECTRON_EXEC_PATH;
  if (override !== undefined && override !== '' && existsSync(override)) return override;
  let relative: string;
  try {
    relative = readFileSync(join(electronPackageDir, 'path.txt'), 'utf8').trim();
  } catch {
    return null;
  }
  if (relative === '') return null;
  const executable = join(electronPackageDir, 'dist', relative);
  return existsSync(executable) ? executable : null;
}

/**
 * Runs the package's installer once, silently (its errors would bury the one line the
 * launcher prints), and resolves true only if it finished successfully within `timeoutMs`.
 */
export function runElectronInstaller(
  electronPackageDir: string,
  timeoutMs: number = INSTALL_TIMEOUT_MS,
): Promise<boolean> {
  return new Promise((resolve) => {
    const installer = spawn(process.execPath, [join(electronPackageDir, 'install.js')], {
      cwd: electronPackageDir,
      stdio: 'ignore',
    });
    const timer = setTimeout(() => {
      installer.kill('SIGKILL');
      resolve(false);
    }, timeoutMs);
    installer.once('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    installer.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}

/** False on Linux when neither X11 nor Wayland is reachable, so no window could open. */
export function hasDisplay(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (platform !== 'linux') return true;
  return Boolean(env.DISPLAY) || Boolean(env.WAYLAND_DISPLAY);
}
