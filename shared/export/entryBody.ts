/**
 * Entry bodies read for export: each stored state (one Yjs update) is loaded into one
 * reused headless Lexical editor (./entryFromYjs.ts) and read out in the forms an
 * export needs — Markdown by Lexical's own `$convertToMarkdownString` with the entry
 * transformers (so it matches what the editor's shortcuts understand), and blocks for
 * the HTML booklet. Only the forms asked for are made: a year of entries is a lot.
 */
import { createHeadlessEditor } from '@lexical/headless';
import { $convertToMarkdownString } from '@lexical/markdown';
import { $getRoot } from 'lexical';
import * as Y from 'yjs';
import { ENTRY_TRANSFORMERS } from '../notebook/entryMarkdown';
import { ENTRY_NAMESPACE, ENTRY_NODES } from '../notebook/entryNodes';
import { $readEntryBlocks, type Block } from './entryBlocks';
import { $loadEntryTree } from './entryFromYjs';

/** An entry body in the forms the exporters use; a form not asked for is empty. */
export interface EntryBody {
  markdown: string;
  blocks: Block[];
  /** The plain words, to tell an empty body from a written one. */
  text: string;
}

/** Which forms to make. */
export interface BodyForms {
  markdown: boolean;
  blocks: boolean;
}

const ALL_FORMS: BodyForms = { markdown: true, blocks: true };

/** Reads entry states one after another with one editor; `read` is synchronous. */
export function entryBodyReader(forms: BodyForms = ALL_FORMS): (state: Uint8Array) => EntryBody {
  const editor = createHeadlessEditor({
    namespace: ENTRY_NAMESPACE,
    nodes: [...ENTRY_NODES],
    onError: (error) => {
      throw error;
    },
  });
  return (state) => {
    // A fixed guid: a random one costs 31 calls for random numbers, per entry.
    const ydoc = new Y.Doc({ guid: 'hearth-export-entry' });
    try {
      Y.applyUpdate(ydoc, state);
      editor.update(() => $loadEntryTree(ydoc), { discrete: true });
    } finally {
      ydoc.destroy();
    }
    return editor.getEditorState().read(() => ({
      markdown: forms.markdown ? $convertToMarkdownString(ENTRY_TRANSFORMERS) : '',
      blocks: forms.blocks ? $readEntryBlocks() : [],
      text: $getRoot().getTextContent(),
    }));
  };
}

/** Reads one stored entry state in every form. */
export function readEntryBody(state: Uint8Array): EntryBody {
  return entryBodyReader()(state);
}
