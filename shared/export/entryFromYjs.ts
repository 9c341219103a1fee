/**
 * Reads an entry document's Yjs tree straight into a headless Lexical editor, for
 * export. The collaboration binding (../notebook/headlessEntry.ts) is what editors use,
 * but it costs about 10 ms an entry; an export of a year reads hundreds, so here the
 * stored tree, as ../notebook/entryTree.ts reads it (the one reader of Lexical's Yjs
 * layout, with its depth bound), becomes the same Lexical nodes directly.
 *
 * Anything of a node type this Hearth does not know keeps its words as plain text: an
 * export never drops what someone wrote, and never trusts it as markup.
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
import type * as Y from 'yjs';
import { readEntryTree, type EntryTreeNode } from '../notebook/entryTree';

/** Replaces the editor root's children with the tree stored in `ydoc`; call inside `editor.update`. */
export function $loadEntryTree(ydoc: Y.Doc): void {
  const root = $getRoot();
  root.clear();
  for (const child of nodesFrom(readEntryTree(ydoc).blocks)) {
    // The root holds blocks only; stray inline content gets a paragraph of its own.
    if ($isElementNode(child) && !child.isInline()) root.append(child);
    else root.append($createParagraphNode().append(child));
  }
}

function nodesFrom(tree: readonly EntryTreeNode[]): LexicalNode[] {
  const nodes: LexicalNode[] = [];
  for (const node of tree) {
    switch (node.kind) {
      case 'text': {
        if (node.text === '') break;
        const text = $createTextNode(node.text);
        const format = node.properties?.__format;
        if (typeof format === 'number' && Number.isInteger(format)) text.setFormat(format);
        nodes.push(text);
        break;
      }
      case 'linebreak':
        nodes.push($createLineBreakNode());
        break;
      case 'element':
        nodes.push(elementFrom(node));
        break;
      case 'other':
        break;
    }
  }
  return nodes;
}

function elementFrom(node: EntryTreeNode & { kind: 'element' }): ElementNode {
  const a = node.properties;
  const children = nodesFrom(node.children);
  let element: ElementNode;
  switch (node.type) {
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
    if (node.type === 'list' && !(child.getType() === 'listitem')) {
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
