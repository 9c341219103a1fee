/**
 * Who wrote which words of an entry body: its lines as runs of characters, each with the
 * Yjs client that wrote it (mapped to a member through `bodyWriters`: ./bodyWriting.ts).
 * A second reader of the layout in ./ENTRY_BODY.md beside ./entryTree.ts, because that
 * one reads deltas, which merge neighbouring characters of different writers; this one
 * walks the items themselves, with the same depth bound.
 */
import * as Y from 'yjs';
import { MAX_ENTRY_DEPTH } from './entryTree';
import { ENTRY_BODY_ROOT } from './schema';

/** Characters one client wrote, side by side. */
export interface WrittenRun {
  text: string;
  client: number;
}

/** The body as lines (a paragraph, heading, list item…), each a list of runs. */
export type WrittenLines = WrittenRun[][];

// Elements that sit inside a line rather than starting one.
const INLINE = new Set(['link', 'autolink']);

/** Reads who wrote what in `ydoc` (never throws; unreadable parts are left out). */
export function readWrittenLines(ydoc: Y.Doc): WrittenLines {
  const lines: WrittenLines = [];
  let root: Y.XmlText;
  try {
    root = ydoc.get(ENTRY_BODY_ROOT, Y.XmlText);
  } catch {
    return lines;
  }
  const visit = (element: Y.XmlText, line: WrittenRun[] | null, depth: number): void => {
    if (depth > MAX_ENTRY_DEPTH) return;
    let current = line;
    for (let item = element._start; item !== null; item = item.right) {
      if (item.deleted) continue;
      const content = item.content;
      if (content instanceof Y.ContentString) {
        if (current === null) {
          current = [];
          lines.push(current);
        }
        const last = current.at(-1);
        if (last?.client === item.id.client) last.text += content.str;
        else current.push({ text: content.str, client: item.id.client });
      } else if (content instanceof Y.ContentType && content.type instanceof Y.XmlText) {
        const child = content.type;
        const type: unknown = child.getAttribute('__type');
        if (typeof type === 'string' && INLINE.has(type) && current !== null) {
          visit(child, current, depth + 1);
        } else if (typeof type === 'string' && INLINE.has(type)) {
          current = [];
          lines.push(current);
          visit(child, current, depth + 1);
        } else {
          const own: WrittenRun[] = [];
          lines.push(own);
          visit(child, own, depth + 1);
          current = null;
        }
      }
    }
  };
  visit(root, null, 1);
  // A list holds list items, not words: its own line stays empty.
  return lines.filter((line) => line.length > 0);
}
