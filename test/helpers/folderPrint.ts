/**
 * A folder's fingerprint: every file under it, by relative path, with the SHA-256 of its
 * bytes, one per line, sorted. "Nothing on disk changed" means two equal prints.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** The fingerprint of everything under `dir`. */
export async function folderPrint(dir: string): Promise<string> {
  const lines: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const hash = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
    lines.push(`${relative(dir, path)} ${hash}`);
  }
  return lines.sort().join('\n');
}
