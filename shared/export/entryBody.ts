/**
 * One stored entry body, read once through headless Lexical into everything an export
 * needs: Markdown (Lexical's own `$convertToMarkdownString` with the entry transformers,
 * so it matches what the editor's shortcuts understand) and blocks for the HTML booklet.
 */
import { $convertToMarkdownString } from '@lexical/markdown';
import { $getRoot } from 'lexical';
import { ENTRY_TRANSFORMERS } from '../notebook/entryMarkdown';
import { openEntryState } from '../notebook/headlessEntry';
import { $readEntryBlocks, type Block } from './entryBlocks';

/** An entry body in the forms the exporters use. */
export interface EntryBody {
  markdown: string;
  blocks: Block[];
  /** The plain words, to tell an empty body from a written one. */
  text: string;
}

/** Reads a stored entry state (one Yjs update) into an {@link EntryBody}. */
export async function readEntryBody(state: Uint8Array): Promise<EntryBody> {
  const headless = await openEntryState(state);
  try {
    return headless.editor.getEditorState().read(() => ({
      markdown: $convertToMarkdownString(ENTRY_TRANSFORMERS),
      blocks: $readEntryBlocks(),
      text: $getRoot().getTextContent(),
    }));
  } finally {
    headless.dispose();
  }
}
