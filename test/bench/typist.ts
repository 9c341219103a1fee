/**
 * Types a planned entry (./benchProse.ts) into a new entry document the way a member
 * does: a headless Lexical editor bound to the document through Hearth's own binding
 * (shared/notebook/headlessEntry.ts) receives keystroke-sized insertions, format
 * toggles, new paragraphs, block changes and the odd typo taken back, each one Lexical
 * update, so the document holds exactly the Yjs structure real typing produces and
 * every update it emits is one a real editor would have sent to the store.
 *
 * Measured here: typing through headless Lexical costs about 0.1 ms per keystroke
 * update, fast enough for a year of entries; writing the XmlText directly would be
 * faster but could drift from what Lexical writes.
 */
import { $handleListInsertParagraph, $insertList } from '@lexical/list';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import {
  $createParagraphNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  type LexicalEditor,
  type RangeSelection,
} from 'lexical';
import * as Y from 'yjs';
import { bindHeadlessEntry } from '../../shared/notebook/headlessEntry';
import type { SeededRandom } from '../helpers/seededRandom';
import type { ProseBlock, ProseRun } from './benchProse';

/** What typing one entry produced. */
export interface TypedEntry {
  /** Every Yjs update, in order: the seed first, then one per keystroke-sized edit. */
  updates: Uint8Array[];
  /** The entry's text as Lexical reads it (blocks separated by blank lines). */
  text: string;
  /** The whole document's state, to check it reads back the same. */
  state: Uint8Array;
}

const TYPO_LETTERS = ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'e', 'r', 't'];

// One Lexical update with the selection, committed at once so its Yjs update is emitted.
function edit(editor: LexicalEditor, change: (selection: RangeSelection) => void): void {
  editor.update(
    () => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) throw new Error('the typist lost its caret');
      change(selection);
    },
    { discrete: true },
  );
}

function typeRun(editor: LexicalEditor, run: ProseRun, random: SeededRandom): void {
  edit(editor, (selection) => {
    // Like pressing Ctrl+B before typing: the caret's format is what the next text gets.
    if (selection.hasFormat('bold') !== run.bold) selection.formatText('bold');
    if (selection.hasFormat('italic') !== run.italic) selection.formatText('italic');
  });
  let at = 0;
  while (at < run.text.length) {
    const chunk = run.text.slice(at, at + random.int(1, 4));
    at += chunk.length;
    edit(editor, (selection) => selection.insertText(chunk));
    if (chunk.endsWith(' ') && random.chance(0.03)) {
      // A typo, noticed and taken back one backspace at a time.
      const wrong = random.int(1, 2);
      for (let i = 0; i < wrong; i++) {
        edit(editor, (selection) => selection.insertText(random.pick(TYPO_LETTERS)));
      }
      for (let i = 0; i < wrong; i++) {
        edit(editor, (selection) => {
          const { key, offset } = selection.anchor;
          selection.anchor.set(key, offset - 1, 'text');
          selection.removeText();
        });
      }
    }
  }
}

function typeBlock(editor: LexicalEditor, block: ProseBlock, random: SeededRandom): void {
  switch (block.kind) {
    case 'paragraph':
      for (const run of block.runs) typeRun(editor, run, random);
      return;
    case 'heading':
    case 'quote':
      // As the Markdown shortcut ("## ", "> ") turns the empty paragraph into the block.
      edit(editor, (selection) =>
        $setBlocksType(selection, () =>
          block.kind === 'heading' ? $createHeadingNode(block.tag) : $createQuoteNode(),
        ),
      );
      for (const run of block.runs) typeRun(editor, run, random);
      return;
    case 'list':
      edit(editor, () => $insertList(block.listType));
      block.items.forEach((runs, index) => {
        if (index > 0) edit(editor, (selection) => selection.insertParagraph());
        for (const run of runs) typeRun(editor, run, random);
      });
      // Enter on an empty item leaves the list, as Lexical's list plugin does.
      edit(editor, (selection) => selection.insertParagraph());
      edit(editor, () => {
        if (!$handleListInsertParagraph()) throw new Error('could not leave the list');
      });
      return;
  }
}

/** Types `blocks` into a new entry document and returns every update it made. */
export function typeEntry(blocks: readonly ProseBlock[], random: SeededRandom): TypedEntry {
  const ydoc = new Y.Doc();
  const updates: Uint8Array[] = [];
  ydoc.on('update', (update: Uint8Array) => updates.push(update));
  const headless = bindHeadlessEntry(ydoc);
  const { editor } = headless;
  try {
    // The seed: one empty paragraph, as CircleSession.createEntry writes it.
    editor.update(
      () => {
        const paragraph = $createParagraphNode();
        $getRoot().append(paragraph);
        paragraph.select();
      },
      { discrete: true },
    );
    let fresh = true;
    for (const block of blocks) {
      if (!fresh) edit(editor, (selection) => selection.insertParagraph());
      typeBlock(editor, block, random);
      // Leaving a list already opened the next paragraph.
      fresh = block.kind === 'list';
    }
    const text = editor.getEditorState().read(() => $getRoot().getTextContent());
    return { updates, text, state: Y.encodeStateAsUpdate(ydoc) };
  } finally {
    headless.dispose();
    ydoc.destroy();
  }
}
