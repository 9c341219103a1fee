/**
 * Reads an entry document's Yjs tree straight into a headless Lexical editor, for
 * export. The collaboration binding (../notebook/headlessEntry.ts) is what editors use,
 * but it costs about 10 ms an entry; an export of a year reads hundreds, so here the
 * stored tree is walked once and the same Lexical nodes are made directly.
 *
 * The tree, as @lexical/yjs (0.52, binding V1) writes it under the root XmlText:
 * - an element node is an embedded XmlText whose attributes are the node's properties
 *   (`__type`, `__tag`, `__listType`, `__start`, `__url`, …) and whose content is its children;
 * - a text node is an embedded Y.Map of properties (`__type: 'text'`, `__format`, …)
 *   followed by the node's text as a string;
 * - a line break is an embedded Y.Map with `__type: 'linebreak'`.
 * Anything else (a node type this Hearth does not know) keeps its words as plain text:
 * an export never drops what someone wrote, and never trusts it as markup.
 */
import { $createLinkNode, $createAutoLinkNode } from '@lexical/link';
import { $createListItemNode, $createListNode, type ListType } from '@lexical/list';
import { $createHeadingNode, $createQuoteNode, type HeadingTagType } from '@lexical/rich-text';
import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $isElementNode,
  type ElementNode,
  type LexicalNode,
} from 'lexical';
import * as Y from 'yjs';
import { ENTRY_BODY_ROOT } from '../notebook/schema';

type DeltaOp = { insert: unknown };

/** Replaces the editor root's children with the tree stored in `ydoc`; call inside `editor.update`. */
export function $loadEntryTree(ydoc: Y.Doc): void {
  const root = $getRoot();
  root.clear();
  const yRoot = ydoc.get(ENTRY_BODY_ROOT, Y.XmlText);
  for (const child of readChildren(yRoot)) {
    // The root holds blocks only; stray inline content gets a paragraph of its own.
    if ($isElementNode(child) && !child.isInline()) root.append(child);
    else root.append($createParagraphNode().append(child));
  }
}

function readChildren(yElement: Y.XmlText): LexicalNode[] {
  const nodes: LexicalNode[] = [];
  let textProperties: Record<string, unknown> | null = null;
  for (const op of yElement.toDelta() as DeltaOp[]) {
    const { insert } = op;
    if (typeof insert === 'string') {
      const text = $createTextNode(insert);
      const format = textProperties?.__format;
      if (typeof format === 'number' && Number.isInteger(format)) text.setFormat(format);
      nodes.push(text);
      textProperties = null;
    } else if (insert instanceof Y.XmlText) {
      nodes.push(elementFrom(insert));
    } else if (insert instanceof Y.Map) {
      const properties = insert.toJSON() as Record<string, unknown>;
      if (properties.__type === 'linebreak') nodes.push($createLineBreakNode());
      else textProperties = properties;
    }
  }
  return nodes;
}

function elementFrom(yElement: Y.XmlText): ElementNode {
  const a = yElement.getAttributes() as Record<string, unknown>;
  const children = readChildren(yElement);
  let element: ElementNode;
  switch (a.__type) {
    case 'heading':
      element = $createHeadingNode(headingTag(a.__tag));
      break;
    case 'quote':
      element = $createQuoteNode();
      break;
    case 'list':
      element = $createListNode(
        listType(a.__listType),
        typeof a.__start === 'number' ? a.__start : 1,
      );
      break;
    case 'listitem':
      element = $createListItemNode();
      break;
    case 'link':
      element = $createLinkNode(typeof a.__url === 'string' ? a.__url : '');
      break;
    case 'autolink':
      element = $createAutoLinkNode(typeof a.__url === 'string' ? a.__url : '');
      break;
    default:
      element = $createParagraphNode();
  }
  for (const child of children) {
    // A list holds only list items; anything else read into one is wrapped.
    if (a.__type === 'list' && !(child.getType() === 'listitem')) {
      element.append($createListItemNode().append(child));
    } else {
      element.append(child);
    }
  }
  return element;
}

function headingTag(tag: unknown): HeadingTagType {
  return tag === 'h1' ||
    tag === 'h2' ||
    tag === 'h3' ||
    tag === 'h4' ||
    tag === 'h5' ||
    tag === 'h6'
    ? tag
    : 'h2';
}

function listType(type: unknown): ListType {
  return type === 'number' || type === 'check' ? type : 'bullet';
}
