/**
 * Puts the caret in a new entry once its content has arrived from the entry
 * document (the collaboration binding fills the editor asynchronously).
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getRoot } from 'lexical';
import { useEffect } from 'react';

/** Focuses the editor at the end of its text as soon as it has any content. */
export function FocusWhenReadyPlugin({ onFocused }: { onFocused: () => void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    let done = false;
    const focus = (): void => {
      if (done) return;
      done = true;
      editor.focus(undefined, { defaultSelection: 'rootEnd' });
      editor.getRootElement()?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      onFocused();
    };
    const ready = editor.getEditorState().read(() => $getRoot().getChildrenSize() > 0);
    if (ready) {
      focus();
      return;
    }
    const remove = editor.registerUpdateListener(({ editorState }) => {
      if (editorState.read(() => $getRoot().getChildrenSize() > 0)) {
        remove();
        focus();
      }
    });
    return remove;
  }, [editor, onFocused]);
  return null;
}
