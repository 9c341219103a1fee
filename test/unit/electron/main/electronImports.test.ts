import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../../..');
const mainDir = join(root, 'electron/main');
// The wiring file is the one place allowed to load Electron; services are checked by lint.
const WIRING = new Set(['electron/main/index.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'services' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the main-process modules', () => {
  it('load Electron only in the wiring file, so tests can run them without the binary', () => {
    const valueImport = /^import\s+(?!type\s)[^;]*?from\s+['"]electron['"]/m;
    const offenders = sourceFiles(mainDir)
      .map((path) => relative(root, path).split('\\').join('/'))
      .filter((path) => !WIRING.has(path))
      .filter((path) => valueImport.test(readFileSync(join(root, path), 'utf8')));

    expect(offenders).toEqual([]);
  });
});
