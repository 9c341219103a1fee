/**
 * The floor of the keystroke benchmark: a bare Lexical rich-text editor with its history,
 * and nothing else — no React, no Yjs, no store, no presence, no status line. It holds the
 * same first words as the entry Hearth's bench types into, so both lay out a paragraph of
 * the same length, set by the bench as `window.floorText` before this script runs.
 */
import { registerHistory, createEmptyHistoryState } from '@lexical/history';
import { $createHeadingNode, HeadingNode, QuoteNode, registerRichText } from '@lexical/rich-text';
import { $createParagraphNode, $createTextNode, $getRoot, createEditor } from 'lexical';

declare global {
  interface Window {
    floorText?: string;
  }
}

const text = window.floorText ?? '';

const host = document.createElement('main');
const editable = document.createElement('div');
editable.contentEditable = 'true';
editable.setAttribute('role', 'textbox');
editable.setAttribute('aria-label', 'Floor editor');
editable.setAttribute('aria-multiline', 'true');
host.append(editable);
document.body.append(host);

const editor = createEditor({
  namespace: 'typing-floor',
  nodes: [HeadingNode, QuoteNode],
  onError: (error) => {
    throw error;
  },
});
editor.setRootElement(editable);
registerRichText(editor);
registerHistory(editor, createEmptyHistoryState(), 300);
editor.update(() => {
  const root = $getRoot();
  root.append($createHeadingNode('h2').append($createTextNode('Check-in')));
  root.append($createParagraphNode().append($createTextNode(text)));
});
