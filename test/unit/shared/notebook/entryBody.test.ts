/** ENTRY_BODY.md against what the entry editor really writes. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { $createLinkNode } from '@lexical/link';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTabNode,
  $createTextNode,
  $getRoot,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { entryBodyProblem } from '../../../../shared/notebook/entryBodyCheck';
import { entryTextFromState } from '../../../../shared/notebook/entryText';
import { bindHeadlessEntry } from '../../../../shared/notebook/headlessEntry';
import { ENTRY_BODY_ROOT } from '../../../../shared/notebook/schema';

const DOCUMENT = readFileSync(
  resolve(import.meta.dirname, '../../../../shared/notebook/ENTRY_BODY.md'),
  'utf8',
);
const ELEMENT = [
  '__type',
  '__format',
  '__style',
  '__indent',
  '__dir',
  '__textFormat',
  '__textStyle',
];
const TEXT = ['__type', '__format', '__style', '__mode', '__detail'];
const EXTRA: Record<string, string[]> = {
  paragraph: [],
  heading: ['__tag'],
  quote: [],
  list: ['__tag', '__start', '__listType'],
  listitem: ['__value'],
  link: ['__url', '__target', '__rel', '__title'],
};

describe('the entry body layout document', () => {
  it('lists exactly the properties the editor writes for every node type', () => {
    const ydoc = new Y.Doc();
    const writer = bindHeadlessEntry(ydoc);
    writer.editor.update(
      () => {
        $getRoot().append(
          $createParagraphNode().append(
            $createTextNode('Hi').toggleFormat('bold'),
            $createLineBreakNode(),
            $createTabNode(),
            $createLinkNode('https://example.org').append($createTextNode('the notes')),
          ),
          $createHeadingNode('h2').append($createTextNode('A heading')),
          $createQuoteNode().append($createTextNode('A quote')),
          $createListNode('number').append($createListItemNode().append($createTextNode('tea'))),
        );
      },
      { discrete: true },
    );
    writer.dispose();
    const seen = new Map<string, string[]>();
    const walk = (element: Y.XmlText): void => {
      for (const { insert } of element.toDelta() as { insert: unknown }[]) {
        if (insert instanceof Y.XmlText) {
          const attributes = insert.getAttributes() as Record<string, unknown>;
          seen.set(String(attributes.__type), Object.keys(attributes).sort());
          walk(insert);
        } else if (insert instanceof Y.Map) {
          seen.set(String(insert.get('__type')), [...insert.keys()].sort());
        }
      }
    };
    walk(ydoc.get(ENTRY_BODY_ROOT, Y.XmlText));
    for (const [type, extra] of Object.entries(EXTRA)) {
      expect(seen.get(type), type).toEqual([...ELEMENT, ...extra].sort());
      expect(DOCUMENT).toContain(`| \`${type}\``);
    }
    expect(seen.get('text')).toEqual([...TEXT].sort());
    expect(seen.get('tab')).toEqual([...TEXT].sort());
    expect(seen.get('linebreak')).toEqual(['__type']);
    expect(DOCUMENT).toContain(
      ELEMENT.map((key) => `\`${key}\``)
        .join(' ')
        .slice(0, 8),
    );
    expect(entryBodyProblem(ydoc)).toBeNull();
  });

  it('gives the documented bytes for one paragraph holding Hi', () => {
    const ydoc = new Y.Doc();
    ydoc.clientID = 1;
    const writer = bindHeadlessEntry(ydoc);
    writer.editor.update(
      () => $getRoot().append($createParagraphNode().append($createTextNode('Hi'))),
      { discrete: true },
    );
    writer.dispose();
    const hex = Buffer.from(Y.encodeStateAsUpdate(ydoc)).toString('hex');
    expect(DOCUMENT).toContain(hex);
    expect(entryTextFromState(Buffer.from(hex, 'hex'))).toBe('Hi');
  });
});
