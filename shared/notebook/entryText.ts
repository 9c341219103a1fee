/**
 * The plain text of an entry straight from its Yjs document, without Lexical: what
 * search indexes. Reading through a headless editor (./headlessEntry.ts) costs a
 * binding and a full Lexical state per entry; the stored tree is read once by
 * ./entryTree.ts (the one reader of Lexical's layout, with its depth bound), so hundreds
 * of entries index in a few milliseconds.
 *
 * Every block becomes one line (blank blocks left out); a link's words stay inside the
 * line of their sentence, and a line break inside a block stays a line break. Nodes of
 * unknown types hold no words here.
 */
import type * as Y from 'yjs';
import { logger } from '../log';
import {
  readEntryTree,
  readEntryTreeFromState,
  type EntryTree,
  type EntryTreeNode,
} from './entryTree';

const log = logger('notebook');

/** Element types whose text runs on inside the line of their parent block. */
const INLINE_ELEMENTS: ReadonlySet<string> = new Set(['link', 'autolink']);

/** The text of the entry in `ydoc`: one line per block, blank blocks left out. */
export function entryTextFromDoc(ydoc: Y.Doc): string {
  return textOf(readEntryTree(ydoc));
}

/** The text of a stored entry state (the form export and tests hold). */
export function entryTextFromState(state: Uint8Array): string {
  return textOf(readEntryTreeFromState(state));
}

function textOf(tree: EntryTree): string {
  if (tree.problems.length > 0) {
    log.warn('an entry body was read in part', { reason: tree.problems[0] });
  }
  const lines: string[] = [];
  readBlock(tree.blocks, lines);
  return lines.join('\n');
}

// Appends the lines of one block's children (and of the blocks nested in it) to `lines`.
function readBlock(children: readonly EntryTreeNode[], lines: string[]): void {
  let line = '';
  const endLine = (): void => {
    if (line.trim() !== '') lines.push(line);
    line = '';
  };
  for (const node of children) {
    if (node.kind === 'element' && !isInline(node.type)) {
      endLine();
      readBlock(node.children, lines);
    } else {
      line += inlineText(node);
    }
  }
  endLine();
}

// The words of a text run, line break or inline element (a link, which may nest).
function inlineText(node: EntryTreeNode): string {
  switch (node.kind) {
    case 'text':
      return node.text;
    case 'linebreak':
      return '\n';
    case 'element':
      return node.children.map(inlineText).join('');
    case 'other':
      return '';
  }
}

function isInline(type: string | null): boolean {
  return type !== null && INLINE_ELEMENTS.has(type);
}

/**
 * The entry's text exactly as Lexical's `$getRoot().getTextContent()` gives it for an
 * editor showing this document: blocks separated by a blank line, line breaks as `\n`.
 * An open editor compares the two to notice that it no longer shows its document.
 */
export function entryTextAsShown(ydoc: Y.Doc): string {
  return shownText(readEntryTree(ydoc).blocks);
}

function shownText(children: readonly EntryTreeNode[]): string {
  let text = '';
  children.forEach((node, index) => {
    text += node.kind === 'element' ? shownText(node.children) : inlineText(node);
    const isBlock = node.kind === 'element' && !isInline(node.type);
    if (isBlock && index !== children.length - 1) text += '\n\n';
  });
  return text;
}
