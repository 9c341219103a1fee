/**
 * A fresh copy of an entry body: the same content, in a new document with a new,
 * throwaway client id and no history. Sharing a private draft copies it this way, so
 * the circle receives the words as they are now — not the draft's edit history, not
 * its deleted sentences, and nothing that ties it to the laptop that wrote it.
 */
import { $getRoot, $parseSerializedNode, type SerializedLexicalNode } from 'lexical';
import * as Y from 'yjs';
import { bindHeadlessEntry, openEntryState } from './headlessEntry';

/** Copies the body held in `state` into a new document; returns that document's update. */
export async function copyEntryBody(state: Uint8Array): Promise<Uint8Array> {
  const source = await openEntryState(state);
  let children: SerializedLexicalNode[];
  try {
    children = source.editor.getEditorState().toJSON().root.children;
  } finally {
    source.dispose();
  }
  const ydoc = new Y.Doc();
  const target = bindHeadlessEntry(ydoc);
  try {
    target.editor.update(
      () => {
        const root = $getRoot();
        for (const child of children) root.append($parseSerializedNode(child));
      },
      { discrete: true },
    );
    return Y.encodeStateAsUpdate(ydoc);
  } finally {
    target.dispose();
    ydoc.destroy();
  }
}
