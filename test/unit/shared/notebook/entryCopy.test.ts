import { $createParagraphNode, $createTextNode, $getRoot, type ElementNode } from 'lexical';
import { $createHeadingNode } from '@lexical/rich-text';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { copyEntryBody } from '../../../../shared/notebook/entryCopy';
import { bindHeadlessEntry, openEntryState } from '../../../../shared/notebook/headlessEntry';

function bytesInclude(bytes: Uint8Array, phrase: string): boolean {
  return Buffer.from(bytes).includes(Buffer.from(phrase, 'utf8'));
}

describe('copying an entry body for sharing', () => {
  it('keeps the words and formatting but none of the history, deleted words or writer', async () => {
    const draft = new Y.Doc({ gc: false });
    const headless = bindHeadlessEntry(draft);
    headless.editor.update(
      () => {
        const root = $getRoot();
        root.append($createHeadingNode('h1').append($createTextNode('Tonight')));
        root.append($createParagraphNode().append($createTextNode('a sentence I took back')));
        const kept = $createParagraphNode();
        kept.append($createTextNode('I felt '), $createTextNode('steady').toggleFormat('bold'));
        root.append(kept);
      },
      { discrete: true },
    );
    headless.editor.update(() => ($getRoot().getChildAtIndex(1) as ElementNode).remove(), {
      discrete: true,
    });
    headless.dispose();
    const draftState = Y.encodeStateAsUpdate(draft);
    expect(bytesInclude(draftState, 'a sentence I took back')).toBe(true);

    const copy = await copyEntryBody(draftState);
    expect(bytesInclude(copy, 'a sentence I took back')).toBe(false);
    const clients = new Set(Y.decodeUpdate(copy).structs.map((struct) => struct.id.client));
    expect(clients.has(draft.clientID)).toBe(false);

    const [original, copied] = await Promise.all([
      openEntryState(draftState),
      openEntryState(copy),
    ]);
    expect(copied.editor.getEditorState().toJSON()).toEqual(
      original.editor.getEditorState().toJSON(),
    );
    original.dispose();
    copied.dispose();
  });
});
