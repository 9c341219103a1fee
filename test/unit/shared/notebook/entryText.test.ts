import { $createLinkNode } from '@lexical/link';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  type LexicalEditor,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { entryTextFromDoc, entryTextFromState } from '../../../../shared/notebook/entryText';
import { bindHeadlessEntry, entryPlainText } from '../../../../shared/notebook/headlessEntry';
import { ENTRY_BODY_ROOT } from '../../../../shared/notebook/schema';
import { randomEntryEdit } from '../../../helpers/randomEntryEdits';
import { seededRandom } from '../../../helpers/seededRandom';
import { capturedLogs } from '../../../helpers/capturedLogs';

const logged = capturedLogs();

function words(text: string): string[] {
  return text.split(/\s+/u).filter((word) => word !== '');
}

// Writes through a real headless editor bound to a fresh document, as the app does.
function written(build: () => void): Y.Doc {
  const ydoc = new Y.Doc();
  const writer = bindHeadlessEntry(ydoc);
  writer.editor.update(build, { discrete: true });
  writer.dispose();
  return ydoc;
}

function everyFormat(): void {
  const heading = $createHeadingNode('h1').append($createTextNode('Arriving tired'));
  const sub = $createHeadingNode('h2').append($createTextNode('Étude of évenings'));
  const paragraph = $createParagraphNode().append(
    $createTextNode('The room '),
    $createTextNode('held').toggleFormat('bold'),
    $createTextNode(' us, ').toggleFormat('underline'),
    $createTextNode('gently').toggleFormat('italic'),
    $createLineBreakNode(),
    $createTextNode('after a break'),
  );
  const link = $createParagraphNode().append(
    $createTextNode('See '),
    $createLinkNode('https://example.org').append($createTextNode('the meeting notes')),
    $createTextNode(' later.'),
  );
  const nested = $createListNode('number').append(
    $createListItemNode().append($createTextNode('inner one')),
    $createListItemNode().append($createTextNode('inner two')),
  );
  const list = $createListNode('bullet').append(
    $createListItemNode().append($createTextNode('tea')),
    $createListItemNode().append(nested),
    $createListItemNode().append($createTextNode('a walk 🌱')),
  );
  const quote = $createQuoteNode().append($createTextNode('One day at a time.'));
  $getRoot().append(heading, sub, paragraph, $createParagraphNode(), link, list, quote);
}

describe('entry text from Yjs', () => {
  it('reads every block and format with the same words as the headless editor', async () => {
    const ydoc = written(everyFormat);
    const state = Y.encodeStateAsUpdate(ydoc);
    const fromLexical = await entryPlainText(state);
    expect(words(entryTextFromDoc(ydoc))).toEqual(words(fromLexical));
    expect(words(entryTextFromState(state))).toEqual(words(fromLexical));
  });

  it('puts each block on its own line and keeps a link inside its sentence', () => {
    const lines = entryTextFromDoc(written(everyFormat)).split('\n');
    expect(lines).toContain('See the meeting notes later.');
    expect(lines).toContain('One day at a time.');
    expect(lines).toContain('inner two');
    expect(lines).not.toContain('');
  });

  it('reads an empty or seeded entry as no text', () => {
    expect(entryTextFromDoc(new Y.Doc())).toBe('');
    expect(entryTextFromDoc(written(() => $getRoot().append($createParagraphNode())))).toBe('');
  });

  it('agrees with the headless editor after many random edits', async () => {
    const random = seededRandom(4242);
    const ydoc = new Y.Doc();
    const writer = bindHeadlessEntry(ydoc);
    const editor: LexicalEditor = writer.editor;
    editor.update(() => $getRoot().append($createParagraphNode()), { discrete: true });
    for (let round = 0; round < 12; round++) {
      for (let i = 0; i < 25; i++) randomEntryEdit(editor, random);
      const fromLexical = await entryPlainText(Y.encodeStateAsUpdate(ydoc));
      expect(words(entryTextFromDoc(ydoc)), `round ${round}`).toEqual(words(fromLexical));
    }
    writer.dispose();
  });

  it('skips what a peer wrote that is not an entry body, without throwing', () => {
    const wrongType = new Y.Doc();
    wrongType.getMap(ENTRY_BODY_ROOT).set('x', 1);
    expect(entryTextFromDoc(wrongType)).toBe('');
    expect(logged.map((record) => record.message)).toEqual(['an entry body was read in part']);

    const deep = new Y.Doc();
    let parent = deep.get(ENTRY_BODY_ROOT, Y.XmlText);
    for (let i = 0; i < 200; i++) {
      const child = new Y.XmlText();
      parent.insertEmbed(0, child);
      parent = child;
    }
    parent.insert(0, 'bottom');
    expect(() => entryTextFromDoc(deep)).not.toThrow();
  });
});
