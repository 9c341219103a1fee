/**
 * Vitest global setup: one folder per test run for the bundles `electron-vite build`
 * makes (./builtApp.ts builds them there the first time a test asks, once for all test
 * files). With HEARTH_BUILT_DIR set (`npm test`, which has just built out/ for the
 * end-to-end tests too), the tests use that build and nothing is built again.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT } from './repoRoot';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the built bundles are, or will be once a test asks for them. */
    builtApp: { dir: string; prebuilt: boolean };
  }
}

/** Provides the build folder; returns the teardown that removes a folder it made. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.HEARTH_BUILT_DIR;
  if (given !== undefined && given !== '') {
    project.provide('builtApp', { dir: resolve(REPO_ROOT, given), prebuilt: true });
    return () => Promise.resolve();
  }
  // Inside the repository: the main bundle imports packages from its node_modules.
  const cache = join(REPO_ROOT, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(join(cache, 'hearth-built-'));
  project.provide('builtApp', { dir, prebuilt: false });
  return () => rm(dir, { recursive: true, force: true });
}
