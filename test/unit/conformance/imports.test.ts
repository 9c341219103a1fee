/** The conformance client stands on the documents alone: it imports none of Hearth's code. */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const FOLDER = resolve(import.meta.dirname, '../../conformance');
const ALLOWED = /^(yjs|lib0\/[a-z]+|ws|@roamhq\/wrtc|node:[a-z]+|\.\/[A-Za-z]+)$/;

describe('the conformance client', () => {
  it('imports only yjs, lib0, ws, @roamhq/wrtc, Node and its own files', () => {
    const files = readdirSync(FOLDER).filter((name) => name.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const source = readFileSync(resolve(FOLDER, file), 'utf8');
      for (const [, from] of source.matchAll(/from '([^']+)'/g)) {
        expect(from, `${file} imports ${from}`).toMatch(ALLOWED);
      }
    }
  });
});
