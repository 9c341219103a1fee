import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  type SerializedLexicalNode,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  bindHeadlessEntry,
  entryPlainText,
  openEntryState,
  seedEntryBody,
} from '../../../../shared/notebook/headlessEntry';
import { ENTRY_BODY_ROOT } from '../../../../shared/notebook/schema';

interface SerializedTree extends SerializedLexicalNode {
  children?: SerializedTree[];
  text?: string;
  format?: number | string;
  tag?: string;
  listType?: string;
}

// Writes an entry with every kind of block and both formats through a bound editor.
function writtenEntry(): { state: Uint8Array; json: unknown } {
  const ydoc = new Y.Doc();
  const writer = bindHeadlessEntry(ydoc);
  writer.editor.update(
    () => {
      const heading = $createHeadingNode('h2').append($createTextNode('Arriving'));
      const bold = $createTextNode('held').toggleFormat('bold');
      const italic = $createTextNode('gently').toggleFormat('italic');
      const paragraph = $createParagraphNode().append(
        $createTextNode('The room '),
        bold,
        $createTextNode(' us, '),
        italic,
      );
      const list = $createListNode('bullet').append(
        $createListItemNode().append($createTextNode('tea')),
        $createListItemNode().append($createTextNode('a walk')),
      );
      const quote = $createQuoteNode().append($createTextNode('One day at a time.'));
      $getRoot().append(heading, paragraph, list, quote);
    },
    { discrete: true },
  );
  const json = writer.editor.getEditorState().toJSON();
  writer.dispose();
  return { state: Y.encodeStateAsUpdate(ydoc), json };
}

function childrenOf(json: unknown): SerializedTree[] {
  return (json as { root: SerializedTree }).root.children ?? [];
}

describe('headless entries', () => {
  it('seeds a new entry with exactly one empty paragraph', async () => {
    const ydoc = new Y.Doc();
    seedEntryBody(ydoc);
    const opened = await openEntryState(Y.encodeStateAsUpdate(ydoc));
    try {
      const blocks = childrenOf(opened.editor.getEditorState().toJSON());
      expect(blocks).toHaveLength(1);
      expect(blocks[0]).toMatchObject({ type: 'paragraph', children: [] });
    } finally {
      opened.dispose();
    }
  });

  it('writes the seed into the root Lexical reads, and nothing else', () => {
    const ydoc = new Y.Doc();
    seedEntryBody(ydoc);
    expect([...ydoc.share.keys()]).toEqual([ENTRY_BODY_ROOT]);
    expect(ydoc.get(ENTRY_BODY_ROOT, Y.XmlText).length).toBe(1);
  });

  it('opens a state written by another editor with the same text, blocks and formats', async () => {
    const { state, json } = writtenEntry();
    const opened = await openEntryState(state);
    try {
      expect(opened.editor.getEditorState().toJSON()).toEqual(json);
      const [heading, paragraph, list, quote] = childrenOf(json);
      expect(heading).toMatchObject({ type: 'heading', tag: 'h2' });
      expect(paragraph?.children?.map((text) => [text.text, text.format])).toEqual([
        ['The room ', 0],
        ['held', 1],
        [' us, ', 0],
        ['gently', 2],
      ]);
      expect(list).toMatchObject({ type: 'list', listType: 'bullet' });
      expect(quote).toMatchObject({ type: 'quote' });
    } finally {
      opened.dispose();
    }
  });

  it('shows nothing when bound to a document that already holds text (lexical#4999), which openEntryState avoids', async () => {
    const { state } = writtenEntry();
    const filled = new Y.Doc();
    Y.applyUpdate(filled, state);
    const late = bindHeadlessEntry(filled);
    await Promise.resolve();
    expect(late.editor.getEditorState().read(() => $getRoot().getTextContent())).toBe('');
    late.dispose();

    const opened = await openEntryState(state);
    expect(opened.editor.getEditorState().read(() => $getRoot().getTextContent())).toContain(
      'The room held us, gently',
    );
    opened.dispose();
  });

  it('keeps editing after opening: a change made in the opened editor reaches its document', async () => {
    const { state } = writtenEntry();
    const opened = await openEntryState(state);
    opened.editor.update(
      () => {
        $getRoot().append($createParagraphNode().append($createTextNode('Added later')));
      },
      { discrete: true },
    );
    const text = await entryPlainText(Y.encodeStateAsUpdate(opened.ydoc));
    opened.dispose();
    expect(text.endsWith('Added later')).toBe(true);
  });

  it('reads the plain text of a stored entry with blocks separated by blank lines', async () => {
    const text = await entryPlainText(writtenEntry().state);
    expect(text).toBe(
      'Arriving\n\nThe room held us, gently\n\ntea\n\na walk\n\nOne day at a time.',
    );
  });
});
