/**
 * Fuzz target: Markdown a member imports as a new entry, through `markdownEntryUpdate`
 * (shared/export/markdownImport.ts: Lexical's own Markdown import in a headless editor).
 * Each case is Markdown built from the shapes the importer knows and the ones it must
 * survive (headings past level 6, quotes in lists, deep indents, unclosed emphasis,
 * links with odd targets, HTML, CRLF, byte-order marks, controls, astral characters),
 * a canonical sample mutated character by character, or text past the length limit.
 *
 * Crashes: anything thrown but the importer's own MarkdownImportError (which only text
 * over the limit may raise). Violations: text over the limit that was taken; text
 * within it that was refused; an entry state that Yjs cannot apply, applies in part,
 * or that the exporter's reader (`readEntryBody`) cannot read back.
 */
import * as Y from 'yjs';
import { readEntryBody } from '../../shared/export/entryBody';
import {
  MAX_IMPORT_CHARACTERS,
  MarkdownImportError,
  markdownEntryUpdate,
} from '../../shared/export/markdownImport';
import { setLogSink } from '../../shared/log';
import type { SeededRandom } from '../helpers/seededRandom';
import { Tally, type FuzzTarget, type PreparedTarget } from './fuzzTarget';

const CANONICAL = [
  '# A heading\n\nSome words, **bold**, *italic*, ***both***.\n\n- one\n- two\n    - nested\n\n1. first\n2. second\n\n> a quote\n\n[a link](https://example.org/help)',
  '## Check-in\n\nI have been there too.\n\n> Thank you for sharing',
  '__bold__ _italic_ * star bullet\n* another',
];

const TOKENS = [
  '#',
  '# ',
  '## ',
  '###### ',
  '####### ',
  '> ',
  '>> ',
  '- ',
  '* ',
  '+ ',
  '1. ',
  '99999999999. ',
  '0) ',
  '**',
  '__',
  '*',
  '_',
  '***',
  '`',
  '```',
  '~~',
  '[',
  ']',
  '(',
  ')',
  '[x](',
  'javascript:alert(1)',
  'data:text/html,x',
  '](https://example.org)',
  '<b>',
  '</b>',
  '<script>',
  '&amp;',
  '\\',
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '\t',
  '    ',
  '        ',
  '\ufeff',
  '\u0000',
  '\u200b',
  '\u202e',
  '\ud83d\udd25',
  '\ud800',
  'é',
  'words',
  ' ',
  '|',
  '---',
  '***\n',
];

function generated(random: SeededRandom): string {
  const pieces: string[] = [];
  const length = random.chance(0.03) ? random.int(2_000, 60_000) : random.int(0, 80);
  let size = 0;
  while (size < length) {
    const piece = random.chance(0.6)
      ? random.pick(TOKENS)
      : random.pick(['words ', 'a', 'Sam ', 'x'.repeat(random.int(1, 30))]);
    pieces.push(piece);
    size += piece.length;
  }
  return pieces.join('');
}

function mutated(random: SeededRandom): string {
  // Code points, not graphemes: splitting a combined emoji is one more odd input.
  const chars = Array.from(random.pick(CANONICAL));
  for (let n = random.int(1, 6); n > 0; n--) {
    const at = random.int(0, chars.length);
    const roll = random.next();
    if (roll < 0.4) chars.splice(at, 0, random.pick(TOKENS));
    else if (roll < 0.7) chars.splice(at, random.int(1, 4));
    else chars[at] = random.pick(TOKENS);
  }
  return chars.join('');
}

/** Markdown through the entry importer. */
export const markdownImportTarget: FuzzTarget = {
  name: 'imported Markdown',
  defaultCases: 20_000,
  smokeCases: 1_500,
  prepare(): Promise<PreparedTarget> {
    const restoreLog = setLogSink(() => undefined);
    const outcomes = new Tally();
    return Promise.resolve({
      runCase(random, index) {
        const roll = random.next();
        const text =
          roll < 0.005
            ? 'a'.repeat(MAX_IMPORT_CHARACTERS + random.int(1, 1000))
            : roll < 0.5
              ? generated(random)
              : mutated(random);
        const where = `case ${index}`;
        const t0 = performance.now();
        let state: Uint8Array;
        try {
          state = markdownEntryUpdate(text);
        } catch (error) {
          if (!(error instanceof MarkdownImportError)) throw error;
          outcomes.add('refused');
          const measuredMs = performance.now() - t0;
          return text.length > MAX_IMPORT_CHARACTERS
            ? { measuredMs }
            : {
                violations: [`${where}: refused ${text.length} characters: ${error.message}`],
                measuredMs,
              };
        }
        const measuredMs = performance.now() - t0;
        outcomes.add('imported');
        const violations: string[] = [];
        if (text.length > MAX_IMPORT_CHARACTERS)
          violations.push(`${where}: took ${text.length} characters, over the limit`);
        const ydoc = new Y.Doc();
        try {
          Y.applyUpdate(ydoc, state);
          if (ydoc.store.pendingStructs !== null || ydoc.store.pendingDs !== null)
            violations.push(`${where}: the entry state applies only in part`);
        } catch (error) {
          violations.push(`${where}: the entry state does not apply: ${String(error)}`);
        }
        try {
          readEntryBody(state);
        } catch (error) {
          violations.push(`${where}: the entry cannot be read back: ${String(error)}`);
        }
        return { violations, measuredMs };
      },
      summary: () => outcomes.toString(),
      dispose() {
        restoreLog();
        return Promise.resolve();
      },
    });
  },
};
