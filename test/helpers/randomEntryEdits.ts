/**
 * Random edits a member could make to an entry, as real Lexical updates on an editor
 * (headless in tests): typing at a random point, breaking a paragraph, bold and italic
 * over a random range, headings, quotes and lists, deleting a range. Each edit is one
 * discrete update, so the editor's collaboration binding writes it to Yjs at once.
 */
import { $insertList } from '@lexical/list';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import {
  $createParagraphNode,
  $createRangeSelection,
  $getNodeByKey,
  $getRoot,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $setSelection,
  type ElementNode,
  type LexicalEditor,
  type RangeSelection,
} from 'lexical';
import type { SeededRandom } from './seededRandom';

/** The kinds of edit {@link randomEntryEdit} makes. */
export type EntryEditKind = 'type' | 'paragraph' | 'format' | 'block' | 'list' | 'delete';

/** How often each kind of edit is chosen: mostly typing, as in a real entry. */
export const ENTRY_EDIT_WEIGHTS: Readonly<Record<EntryEditKind, number>> = {
  type: 50,
  paragraph: 10,
  format: 12,
  block: 8,
  list: 5,
  delete: 15,
};

const WORDS = [
  'today ',
  'I ',
  'felt ',
  'the room ',
  'breathe ',
  'steady, ',
  'again. ',
  'small ',
  'kindness ',
  'é ',
  'ünd ',
  '🌱 ',
  'we held it ',
];

// A caret never sits inside a surrogate pair (a browser will not put it there); Yjs
// would store each half as U+FFFD, so the typist's own editor and its peers would differ.
function caretBefore(text: string, offset: number): number {
  const previous = text.charCodeAt(offset - 1);
  return offset > 0 && previous >= 0xd800 && previous <= 0xdbff ? offset - 1 : offset;
}

interface TextPoint {
  key: string;
  offset: number;
  type: 'text' | 'element';
}

// A random caret position: inside a text node, or at the start of an empty block.
function $randomPoint(random: SeededRandom): TextPoint {
  const texts = $getRoot().getAllTextNodes();
  if (texts.length > 0) {
    const node = random.pick(texts);
    const text = node.getTextContent();
    return {
      key: node.getKey(),
      offset: caretBefore(text, random.int(0, text.length)),
      type: 'text',
    };
  }
  let block: ElementNode = $getRoot();
  for (;;) {
    const child = block.getFirstChild();
    if (!$isElementNode(child)) break;
    block = child;
  }
  return { key: block.getKey(), offset: 0, type: 'element' };
}

function $select(anchor: TextPoint, focus: TextPoint): RangeSelection {
  const selection = $createRangeSelection();
  selection.anchor.set(anchor.key, anchor.offset, anchor.type);
  selection.focus.set(focus.key, focus.offset, focus.type);
  $setSelection(selection);
  return selection;
}

function $ensureBlock(): void {
  // Lexical keeps a root with no children only until the next edit; give edits a place.
  if ($getRoot().getChildrenSize() === 0) $getRoot().append($createParagraphNode());
}

const pointText = (point: TextPoint): string => `${point.type} ${point.key}:${point.offset}`;

// `note` says what is about to happen, so an edit that throws can be reported exactly.
function $edit(kind: EntryEditKind, random: SeededRandom, note: (what: string) => void): string {
  $ensureBlock();
  const caret = $randomPoint(random);
  note(`${kind} at ${pointText(caret)}`);
  switch (kind) {
    case 'type': {
      const text = random.pick(WORDS);
      $select(caret, caret).insertText(text);
      return `type ${JSON.stringify(text)}`;
    }
    case 'paragraph':
      $select(caret, caret).insertParagraph();
      return 'paragraph';
    case 'format': {
      const format = random.pick(['bold', 'italic'] as const);
      const focus = $randomPoint(random);
      note(`toggle ${format} from ${pointText(caret)} to ${pointText(focus)}`);
      $select(caret, focus).formatText(format);
      return `toggle ${format}`;
    }
    case 'block': {
      const shape = random.pick(['h1', 'h2', 'h3', 'quote', 'paragraph'] as const);
      $setBlocksType($select(caret, caret), () => {
        if (shape === 'quote') return $createQuoteNode();
        if (shape === 'paragraph') return $createParagraphNode();
        return $createHeadingNode(shape);
      });
      return `block ${shape}`;
    }
    case 'list': {
      const listType = random.pick(['bullet', 'number'] as const);
      $select(caret, caret);
      $insertList(listType);
      return `list ${listType}`;
    }
    case 'delete': {
      let focus = $randomPoint(random);
      if (focus.key === caret.key && focus.offset === caret.offset && caret.type === 'text') {
        // A backspace: one character (deleteCharacter needs a DOM to measure graphemes).
        const text = $getNodeByKey(caret.key)?.getTextContent() ?? '';
        focus = { ...caret, offset: caretBefore(text, Math.max(0, caret.offset - 1)) };
      }
      note(`delete from ${pointText(caret)} to ${pointText(focus)}`);
      $select(caret, focus).removeText();
      return 'delete';
    }
  }
}

/** Makes one random edit of `kind` (or a weighted random kind) and says what it did. */
export function randomEntryEdit(
  editor: LexicalEditor,
  random: SeededRandom,
  kind: EntryEditKind = random.weighted(ENTRY_EDIT_WEIGHTS),
): string {
  let description: string = kind;
  try {
    editor.update(
      () => {
        description = $edit(kind, random, (what) => (description = what));
        // Leave no selection behind: a remote change must not be steered by a stale caret.
        if ($isRangeSelection($getSelection())) $setSelection(null);
      },
      { discrete: true },
    );
  } catch (error) {
    throw new Error(`the edit "${description}" threw`, { cause: error });
  }
  return description;
}
