/**
 * The bundles `electron-vite build` makes, built once per test file into a folder of its
 * own (out/ may be rebuilt by someone else meanwhile), for the security checklist tests.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../../../..');

/** The built main bundle, preload bundle and page, as text. */
export interface BuiltBundles {
  main: string;
  preload: string;
  page: string;
  /** Removes the build folder. */
  dispose(): Promise<void>;
}

/** Builds the three bundles and reads them. */
export async function buildBundles(): Promise<BuiltBundles> {
  const outDir = await mkdtemp(join(tmpdir(), 'hearth-checklist-'));
  const built = spawnSync('npx', ['electron-vite', 'build', '--outDir', outDir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (built.status !== 0) {
    throw new Error(`electron-vite build failed:\n${built.stdout}\n${built.stderr}`);
  }
  return {
    main: await readFile(join(outDir, 'main/index.js'), 'utf8'),
    preload: await readFile(join(outDir, 'preload/index.cjs'), 'utf8'),
    page: await readFile(join(outDir, 'renderer/index.html'), 'utf8'),
    dispose: () => rm(outDir, { recursive: true, force: true }),
  };
}

/** Matches `option: value` in bundled code (`true`/`!0`, `false`/`!1`), not in prose. */
export function setTo(option: string, value: 'true' | 'false'): RegExp {
  return new RegExp(`\\b${option}\\s*:\\s*(${value}|${value === 'true' ? '!0' : '!1'})\\b`);
}
