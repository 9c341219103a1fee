/**
 * Markdown into a new entry: the text is parsed by Lexical's own
 * `$convertFromMarkdownString` with the entry transformers, inside a headless editor
 * bound to a fresh entry document, so the result is exactly what the editor would hold
 * had the member typed it. The caller stores the returned update as the new entry's
 * document and then adds the entry's record to the index (as `seedEntryBody` is used
 * where an entry is created: once, by the laptop that creates it).
 *
 * Canonical Markdown (what export writes, and what round-trips byte for byte):
 * `# ` and `## ` headings, `**bold**`, `*italic*`, `***bold italic***`, `- ` bullets,
 * `1. ` numbers, four spaces per level of nesting, `> ` quotes, `[words](url)` links,
 * paragraphs separated by one blank line. Other spellings (`__bold__`, `_italic_`,
 * `* ` bullets) import to the same entry and come back in the canonical spelling.
 */
import { $convertFromMarkdownString } from '@lexical/markdown';
import { $createParagraphNode, $getRoot } from 'lexical';
import * as Y from 'yjs';
import { ENTRY_TRANSFORMERS } from '../notebook/entryMarkdown';
import { bindHeadlessEntry } from '../notebook/headlessEntry';

/** The longest Markdown text accepted for one entry (a long chapter). */
export const MAX_IMPORT_CHARACTERS = 500_000;

/** Raised for text that cannot become an entry. */
export class MarkdownImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MarkdownImportError';
  }
}

/** Writes `markdown` into the empty entry document `ydoc` (one transaction of the binding). */
export function writeMarkdownIntoEntry(ydoc: Y.Doc, markdown: string): void {
  if (markdown.length > MAX_IMPORT_CHARACTERS) {
    throw new MarkdownImportError(
      `The text is ${markdown.length} characters long; an entry holds at most ${MAX_IMPORT_CHARACTERS}.`,
    );
  }
  const headless = bindHeadlessEntry(ydoc);
  try {
    headless.editor.update(
      () => {
        // Windows line ends and a byte-order mark would otherwise become stray characters.
        const text = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
        $convertFromMarkdownString(text, ENTRY_TRANSFORMERS);
        const root = $getRoot();
        if (root.getChildrenSize() === 0) root.append($createParagraphNode());
      },
      { discrete: true },
    );
  } finally {
    headless.dispose();
  }
}

/** The first state of a new entry document holding `markdown`, as one Yjs update. */
export function markdownEntryUpdate(markdown: string): Uint8Array {
  const ydoc = new Y.Doc();
  try {
    writeMarkdownIntoEntry(ydoc, markdown);
    return Y.encodeStateAsUpdate(ydoc);
  } finally {
    ydoc.destroy();
  }
}
