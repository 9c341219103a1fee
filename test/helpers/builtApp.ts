/**
 * The bundles `electron-vite build` makes, built once per test run into the folder
 * ./builtAppSetup.ts provides (not out/, which a developer may be rebuilding meanwhile;
 * under node_modules/.cache, so the main bundle finds its packages),
 * whichever test file asks first; test files running side by side wait for that one
 * build rather than each making their own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import { REPO_ROOT } from './repoRoot';

const DONE = '.built';
const FAILED = '.build-failed';
const BUILDING = '.building';
const WAIT_STEP_MS = 250;

/** The folder holding main/, preload/ and renderer/ of this run's build. */
export async function builtApp(): Promise<string> {
  const { dir, prebuilt } = inject('builtApp');
  if (prebuilt) return dir;
  // The bundles go in app/, the markers beside it (a packed app must not carry them).
  const app = join(dir, 'app');
  if (existsSync(join(dir, DONE))) return app;
  try {
    // mkdir is atomic: exactly one test file gets to build.
    await mkdir(join(dir, BUILDING));
  } catch {
    await waitForBuild(dir);
    return app;
  }
  const built = spawnSync('npx', ['electron-vite', 'build', '--outDir', app], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (built.status !== 0) {
    const failure = `electron-vite build failed:\n${built.stdout}\n${built.stderr}`;
    await writeFile(join(dir, FAILED), failure);
    throw new Error(failure);
  }
  await writeFile(join(dir, DONE), '');
  return app;
}

async function waitForBuild(dir: string): Promise<void> {
  for (;;) {
    if (existsSync(join(dir, DONE))) return;
    if (existsSync(join(dir, FAILED))) throw new Error(await readFile(join(dir, FAILED), 'utf8'));
    await new Promise((done) => setTimeout(done, WAIT_STEP_MS));
  }
}
