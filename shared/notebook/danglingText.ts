/**
 * Keeps concurrent edits to one paragraph from being lost.
 *
 * Lexical's collaboration binding (V1) writes a text node into its paragraph's XmlText
 * as a Y.Map of the node's properties followed by its characters. When one laptop types
 * into a text node while another replaces that node (select a word, type over it), the
 * merge leaves the first laptop's characters after a *deleted* map: text with no node to
 * belong to. Lexical then deletes such "dangling" text from the document — for everyone
 * (lexical#5693). So before Lexical sees a change from a peer, Hearth gives any dangling
 * run a fresh plain text-node map of its own, and the words stay (as plain text: the
 * formatting of a node that no longer exists cannot be known).
 *
 * Two laptops may repair the same run at once; Lexical then sees an empty text node next
 * to the run and merges it away. Both words survive either way.
 */
import * as Y from 'yjs';
import { MAX_ENTRY_DEPTH } from './entryTree';
import { ENTRY_BODY_ROOT } from './schema';

/** The properties Lexical's binding gives a plain text node (format 0, no style). */
function plainTextNodeMap(): Y.Map<unknown> {
  const ymap = new Y.Map<unknown>();
  for (const [key, value] of Object.entries({
    __type: 'text',
    __format: 0,
    __style: '',
    __mode: 0,
    __detail: 0,
  })) {
    ymap.set(key, value);
  }
  return ymap;
}

function isTextNodeMap(value: unknown): boolean {
  return value instanceof Y.Map && (value as Y.Map<unknown>).get('__type') === 'text';
}

/** Where, in `element`, a run of characters starts with no text node before it. */
function scan(element: Y.XmlText): { offsets: number[]; children: Y.XmlText[] } {
  const offsets: number[] = [];
  const children: Y.XmlText[] = [];
  let offset = 0;
  let previous: unknown = null;
  for (const { insert } of element.toDelta() as { insert: unknown }[]) {
    if (typeof insert === 'string') {
      if (typeof previous !== 'string' && !isTextNodeMap(previous)) offsets.push(offset);
      offset += insert.length;
    } else {
      if (insert instanceof Y.XmlText) children.push(insert);
      offset += 1;
    }
    previous = insert;
  }
  return { offsets, children };
}

/** Gives every dangling run in an entry document a text node; returns how many it gave. */
export function repairDanglingText(ydoc: Y.Doc, origin: unknown): number {
  const found: { element: Y.XmlText; offsets: number[] }[] = [];
  const visit = (element: Y.XmlText, depth: number): void => {
    // The same bound as the reader's (./entryTree.ts): below it a peer's tree is not an
    // entry Lexical shows, and the walk must not follow it down.
    if (depth > MAX_ENTRY_DEPTH) return;
    const { offsets, children } = scan(element);
    if (offsets.length > 0) found.push({ element, offsets });
    for (const child of children) visit(child, depth + 1);
  };
  // The root holds blocks only; runs of text live in the blocks (and list items) below it.
  for (const block of scan(ydoc.get(ENTRY_BODY_ROOT, Y.XmlText)).children) visit(block, 2);
  if (found.length === 0) return 0;
  let repaired = 0;
  ydoc.transact(() => {
    for (const { element, offsets } of found) {
      // From the end, so the earlier offsets stay right.
      for (const offset of [...offsets].reverse()) {
        element.insertEmbed(offset, plainTextNodeMap());
        repaired++;
      }
    }
  }, origin);
  return repaired;
}
