/** The 256 safety words, read from the normative table in SAFETY_WORDS.md. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const TABLE = resolve(import.meta.dirname, '../../shared/sync/SAFETY_WORDS.md');

/** Word `b` is the word of byte `b`. */
export function safetyWords(): string[] {
  const words: string[] = [];
  for (const line of readFileSync(TABLE, 'utf8').split('\n')) {
    const row = /^\| `[0-9a-f]{2}` \|(.*)\|$/.exec(line);
    if (row !== null) words.push(...row[1]!.split('|').map((word) => word.trim()));
  }
  if (words.length !== 256) throw new Error('SAFETY_WORDS.md does not list 256 words');
  return words;
}
