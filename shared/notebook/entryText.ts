/**
 * The plain text of an entry straight from its Yjs document, without Lexical: what
 * search indexes. Reading through a headless editor (./headlessEntry.ts) costs a
 * binding and a full Lexical state per entry; walking the Yjs tree costs one delta per
 * element, so hundreds of entries index in a few milliseconds.
 *
 * How Lexical's collaboration binding (V1) lays an entry out, and how it is read here:
 * - the root `XmlText` holds one embedded `XmlText` per block (paragraph, heading,
 *   quote, list); a list holds one `XmlText` per list item, and an item may hold a
 *   nested list;
 * - inside an element, a text node is a `Y.Map` of its properties followed by its
 *   characters as a string; a line break is a `Y.Map` whose `__type` is `linebreak`;
 * - inline elements (links) are embedded `XmlText`s too, told apart by `__type`;
 * - decorators are `XmlElement`s (an entry has none; one from a newer peer is skipped).
 *
 * Every block becomes one line. The walk trusts nothing it reads: unknown embeds are
 * skipped and nesting is bounded, because a peer can write any tree.
 */
import * as Y from 'yjs';
import { logger } from '../log';
import { ENTRY_BODY_ROOT } from './schema';

const log = logger('notebook');

/** Element types whose text runs on inside the line of their parent block. */
const INLINE_ELEMENTS: ReadonlySet<string> = new Set(['link', 'autolink']);

/** Deeper than any list a person writes; a peer's pathological tree stops here. */
const MAX_DEPTH = 48;

/** The text of the entry in `ydoc`: one line per block, blank blocks left out. */
export function entryTextFromDoc(ydoc: Y.Doc): string {
  let yRoot: Y.XmlText;
  try {
    yRoot = ydoc.get(ENTRY_BODY_ROOT, Y.XmlText);
  } catch (error) {
    // The root was defined as another type: not an entry body this Hearth can read.
    log.warn('an entry body could not be read as text', { error: String(error) });
    return '';
  }
  const lines: string[] = [];
  readBlock(yRoot, lines, 0);
  return lines.join('\n');
}

/** The text of a stored entry state (the form export and tests hold). */
export function entryTextFromState(state: Uint8Array): string {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, state);
    return entryTextFromDoc(ydoc);
  } finally {
    ydoc.destroy();
  }
}

// Appends the lines of one block element (and of the blocks nested in it) to `lines`.
function readBlock(yElement: Y.XmlText, lines: string[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  let line = '';
  const endLine = (): void => {
    if (line.trim() !== '') lines.push(line);
    line = '';
  };
  for (const op of deltaOf(yElement)) {
    const insert = op.insert;
    if (typeof insert === 'string') {
      line += insert;
    } else if (insert instanceof Y.XmlText) {
      if (isInline(insert)) {
        line += inlineText(insert, depth + 1);
      } else {
        endLine();
        readBlock(insert, lines, depth + 1);
      }
    } else if (insert instanceof Y.Map && insert.get('__type') === 'linebreak') {
      line += '\n';
    }
    // Other embeds are node properties (text formats) or decorators: no words in them.
  }
  endLine();
}

// The words of an inline element (a link), which may itself hold inline elements.
function inlineText(yElement: Y.XmlText, depth: number): string {
  if (depth > MAX_DEPTH) return '';
  let text = '';
  for (const op of deltaOf(yElement)) {
    const insert = op.insert;
    if (typeof insert === 'string') text += insert;
    else if (insert instanceof Y.XmlText) text += inlineText(insert, depth + 1);
    else if (insert instanceof Y.Map && insert.get('__type') === 'linebreak') text += '\n';
  }
  return text;
}

function isInline(yElement: Y.XmlText): boolean {
  const type: unknown = yElement.getAttribute('__type');
  return typeof type === 'string' && INLINE_ELEMENTS.has(type);
}

// Yjs types the delta loosely; only `insert` is read here.
function deltaOf(yElement: Y.XmlText): { insert?: unknown }[] {
  return yElement.toDelta() as { insert?: unknown }[];
}
