/**
 * The bundles `electron-vite build` makes (built once per test run: test/helpers/builtApp.ts),
 * read for the security checklist tests.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { builtApp } from '../../../helpers/builtApp';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../../../..');

/** The built main bundle, preload bundle and page, as text. */
export interface BuiltBundles {
  main: string;
  preload: string;
  page: string;
}

/** Reads the three bundles of this run's build. */
export async function readBuiltBundles(): Promise<BuiltBundles> {
  const outDir = await builtApp();
  return {
    main: await readFile(join(outDir, 'main/index.js'), 'utf8'),
    preload: await readFile(join(outDir, 'preload/index.cjs'), 'utf8'),
    page: await readFile(join(outDir, 'renderer/index.html'), 'utf8'),
  };
}

/** Matches `option: value` in bundled code (`true`/`!0`, `false`/`!1`), not in prose. */
export function setTo(option: string, value: 'true' | 'false'): RegExp {
  return new RegExp(`\\b${option}\\s*:\\s*(${value}|${value === 'true' ? '!0' : '!1'})\\b`);
}
