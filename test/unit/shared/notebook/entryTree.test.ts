import { $createLinkNode } from '@lexical/link';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { readEntryBody } from '../../../../shared/export/entryBody';
import { repairDanglingText } from '../../../../shared/notebook/danglingText';
import { entryBodyProblem } from '../../../../shared/notebook/entryBodyCheck';
import { entryTextAsShown, entryTextFromDoc } from '../../../../shared/notebook/entryText';
import { MAX_ENTRY_DEPTH, readEntryTree } from '../../../../shared/notebook/entryTree';
import { bindHeadlessEntry } from '../../../../shared/notebook/headlessEntry';
import { ENTRY_BODY_ROOT } from '../../../../shared/notebook/schema';
import { randomEntryEdit } from '../../../helpers/randomEntryEdits';
import { seededRandom } from '../../../helpers/seededRandom';
import { capturedLogs } from '../../../helpers/capturedLogs';

capturedLogs();

function written(build: () => void): Y.Doc {
  const ydoc = new Y.Doc();
  const writer = bindHeadlessEntry(ydoc);
  writer.editor.update(build, { discrete: true });
  writer.dispose();
  return ydoc;
}

/** A body a hostile peer could write: lists inside list items, `depth` levels deep. */
function nestedBody(depth: number, words: string): Y.Doc {
  const ydoc = new Y.Doc();
  let parent = ydoc.get(ENTRY_BODY_ROOT, Y.XmlText);
  for (let level = 0; level < depth; level++) {
    const child = new Y.XmlText();
    parent.insertEmbed(parent.length, child);
    child.setAttribute('__type', level % 2 === 0 ? 'list' : 'listitem');
    parent = child;
  }
  const text = new Y.Map<unknown>();
  parent.insertEmbed(0, text);
  text.set('__type', 'text');
  parent.insert(1, words);
  return ydoc;
}

describe('the one reader of an entry body', () => {
  it('reads what the editor wrote as blocks, text runs with their properties, and links', () => {
    const ydoc = written(() => {
      $getRoot().append(
        $createParagraphNode().append(
          $createTextNode('Held ').toggleFormat('bold'),
          $createLinkNode('https://example.org').append($createTextNode('here')),
        ),
        $createListNode('bullet').append($createListItemNode().append($createTextNode('tea'))),
      );
    });
    const tree = readEntryTree(ydoc);
    expect(tree.problems).toEqual([]);
    expect(tree.blocks.map((block) => block.kind === 'element' && block.type)).toEqual([
      'paragraph',
      'list',
    ]);
    const paragraph = tree.blocks[0]!;
    if (paragraph.kind !== 'element') throw new Error('not an element');
    expect(paragraph.children[0]).toMatchObject({ kind: 'text', text: 'Held ' });
    expect(paragraph.children[1]).toMatchObject({ kind: 'element', type: 'link' });
    expect(entryBodyProblem(ydoc)).toBeNull();
  });

  it('stops a hostile deeply nested body at its depth bound in search, export, the check and the repair', () => {
    const within = nestedBody(MAX_ENTRY_DEPTH - 1, 'deep but fine');
    expect(readEntryTree(within).problems).toEqual([]);
    expect(entryTextFromDoc(within)).toBe('deep but fine');

    const hostile = nestedBody(600, 'at the bottom');
    // A bounded walk never reads the hundreds of levels below the bound.
    const reads = vi.spyOn(Y.XmlText.prototype, 'toDelta');
    const tree = readEntryTree(hostile);
    expect(reads.mock.calls.length).toBeLessThanOrEqual(MAX_ENTRY_DEPTH);
    reads.mockClear();
    expect(repairDanglingText(hostile, 'test')).toBe(0);
    expect(reads.mock.calls.length).toBeLessThanOrEqual(MAX_ENTRY_DEPTH);
    reads.mockRestore();
    expect(tree.problems).toEqual([`an entry body nested deeper than ${MAX_ENTRY_DEPTH} levels`]);
    expect(entryTextFromDoc(hostile)).toBe('');
    expect(() => readEntryBody(Y.encodeStateAsUpdate(hostile))).not.toThrow();
    expect(entryBodyProblem(hostile)).toBe(
      `an entry body nested deeper than ${MAX_ENTRY_DEPTH} levels`,
    );
  });

  it('finds nothing wrong in bodies written by many random edits', () => {
    const random = seededRandom(77);
    const ydoc = new Y.Doc();
    const writer = bindHeadlessEntry(ydoc);
    writer.editor.update(() => $getRoot().append($createParagraphNode()), { discrete: true });
    for (let i = 0; i < 300; i++) {
      randomEntryEdit(writer.editor, random);
      if (i % 25 === 0) expect(entryBodyProblem(ydoc), `edit ${i}`).toBeNull();
    }
    writer.dispose();
    expect(entryBodyProblem(ydoc)).toBeNull();
  });

  it("gives the text an editor shows, as Lexical's getTextContent does, after random edits", () => {
    const random = seededRandom(78);
    const ydoc = new Y.Doc();
    const writer = bindHeadlessEntry(ydoc);
    writer.editor.update(() => $getRoot().append($createParagraphNode()), { discrete: true });
    for (let i = 0; i < 300; i++) {
      randomEntryEdit(writer.editor, random);
      const shown = writer.editor.getEditorState().read(() => $getRoot().getTextContent());
      expect(entryTextAsShown(ydoc), `edit ${i}`).toBe(shown);
    }
    writer.dispose();
  });
});

describe('what an entry body may hold', () => {
  function bodyWith(build: (yRoot: Y.XmlText) => void): Y.Doc {
    const ydoc = written(() =>
      $getRoot().append($createParagraphNode().append($createTextNode('Seen.'))),
    );
    ydoc.transact(() => build(ydoc.get(ENTRY_BODY_ROOT, Y.XmlText)));
    return ydoc;
  }

  function paragraph(type: string | null): Y.XmlText {
    const yParagraph = new Y.XmlText();
    if (type !== null) yParagraph.setAttribute('__type', type);
    return yParagraph;
  }

  it('refuses hidden words: a paragraph with no type or an unknown type', () => {
    const untyped = bodyWith((yRoot) => {
      const hidden = paragraph(null);
      yRoot.insertEmbed(yRoot.length, hidden);
      hidden.insert(0, 'nobody sees this');
    });
    expect(entryBodyProblem(untyped)).toBe('a paragraph with no node type');
    const unknown = bodyWith((yRoot) => {
      const hidden = paragraph('secret-note');
      yRoot.insertEmbed(yRoot.length, hidden);
      hidden.insert(0, 'nobody sees this');
    });
    expect(entryBodyProblem(unknown)).toBe('a node of a type the entry editor does not know');
  });

  it('refuses words outside any paragraph, decorators, unknown maps and wrong property types', () => {
    expect(entryBodyProblem(bodyWith((yRoot) => yRoot.insert(yRoot.length, 'loose')))).toBe(
      'words outside any paragraph',
    );
    expect(
      entryBodyProblem(bodyWith((yRoot) => yRoot.insertEmbed(0, new Y.XmlElement('image')))),
    ).toBe('words outside any paragraph');
    const inParagraph = (add: (yParagraph: Y.XmlText) => void): Y.Doc =>
      bodyWith((yRoot) => {
        const yParagraph = paragraph('paragraph');
        yRoot.insertEmbed(yRoot.length, yParagraph);
        add(yParagraph);
      });
    expect(entryBodyProblem(inParagraph((p) => p.insertEmbed(0, new Y.XmlElement('x'))))).toBe(
      'a node of a type the entry editor does not know',
    );
    expect(
      entryBodyProblem(
        inParagraph((p) => {
          const map = new Y.Map<unknown>();
          p.insertEmbed(0, map);
          map.set('__type', 'poll');
        }),
      ),
    ).toBe('a node of a type the entry editor does not know');
    expect(entryBodyProblem(inParagraph((p) => p.setAttribute('__indent', 'far')))).toBe(
      'a node property (__indent) of the wrong type',
    );
    // Characters with no text node before them are repaired, not refused.
    expect(entryBodyProblem(inParagraph((p) => p.insert(0, 'dangling')))).toBeNull();
  });
});
