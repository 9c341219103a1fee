import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveSafetyCode, safetyCodeText } from '../../../../shared/sync/circleSecrets';
import { SAFETY_WORDS } from '../../../../shared/sync/safetyWords';

const DOCUMENT = resolve(import.meta.dirname, '../../../../shared/sync/SAFETY_WORDS.md');

/** The words of SAFETY_WORDS.md's table, in byte order. */
function documentedWords(): string[] {
  const words: string[] = [];
  for (const line of readFileSync(DOCUMENT, 'utf8').split('\n')) {
    const row = /^\| `([0-9a-f]{2})` \|(.*)\|$/.exec(line);
    if (row === null) continue;
    expect(Number.parseInt(row[1]!, 16)).toBe(words.length);
    words.push(...row[2]!.split('|').map((word) => word.trim()));
  }
  return words;
}

describe('safety words', () => {
  it('are exactly the normative list in SAFETY_WORDS.md, in order', () => {
    const documented = documentedWords();
    expect(documented).toHaveLength(256);
    expect(SAFETY_WORDS).toEqual(documented);
    expect(new Set(documented).size).toBe(256);
  });

  it('give the documented code for the all-zero key', async () => {
    const words = await deriveSafetyCode(new Uint8Array(32));
    expect(safetyCodeText(words)).toBe('apple · nugget · forest · harbor');
  });
});
