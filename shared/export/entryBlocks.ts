/**
 * An entry body as plain, Lexical-free blocks: what the HTML booklet is drawn from. The
 * walk reads only the node types of ../notebook/entryNodes.ts; anything else a newer
 * Hearth may write is kept as its plain text, never dropped and never trusted as markup.
 */
import { $isLinkNode } from '@lexical/link';
import { $isListItemNode, $isListNode, type ListNode } from '@lexical/list';
import { $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import {
  $getRoot,
  $isElementNode,
  $isLineBreakNode,
  $isParagraphNode,
  $isTextNode,
  type LexicalNode,
} from 'lexical';

/** A run of text, a line break, or a link around runs. */
export type Inline =
  | { kind: 'text'; text: string; bold: boolean; italic: boolean; underline: boolean }
  | { kind: 'break' }
  | { kind: 'link'; url: string; children: Inline[] };

/** One item of a list: its own words, then any lists nested under it. */
export interface ListItem {
  content: Inline[];
  lists: ListBlock[];
}

/** An ordered or bulleted list. */
export interface ListBlock {
  kind: 'list';
  ordered: boolean;
  start: number;
  items: ListItem[];
}

/** A block of an entry body. */
export type Block =
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'heading'; level: 1 | 2 | 3; content: Inline[] }
  | { kind: 'quote'; content: Inline[] }
  | ListBlock;

/** Reads the editor's root as blocks; call inside `editor.read` / `getEditorState().read`. */
export function $readEntryBlocks(): Block[] {
  return $getRoot()
    .getChildren()
    .map($readBlock)
    .filter((block) => !isBlank(block));
}

function $readBlock(node: LexicalNode): Block {
  if ($isHeadingNode(node)) {
    // The editor offers h1 and h2; anything deeper from a newer peer reads as level 3.
    const level = node.getTag() === 'h1' ? 1 : node.getTag() === 'h2' ? 2 : 3;
    return { kind: 'heading', level, content: $readInlines(node.getChildren()) };
  }
  if ($isQuoteNode(node)) return { kind: 'quote', content: $readInlines(node.getChildren()) };
  if ($isListNode(node)) return $readList(node);
  if ($isParagraphNode(node) || $isElementNode(node)) {
    return { kind: 'paragraph', content: $readInlines(node.getChildren()) };
  }
  return { kind: 'paragraph', content: [plain(node.getTextContent())] };
}

// Lexical nests a list as the only child of its own list item, after the item it belongs to.
function $readList(list: ListNode): ListBlock {
  const items: ListItem[] = [];
  for (const child of list.getChildren()) {
    if (!$isListItemNode(child)) continue;
    const children = child.getChildren();
    const nested = children.filter($isListNode).map($readList);
    const words = children.filter((node) => !$isListNode(node));
    const previous = items.at(-1);
    if (words.length === 0 && nested.length > 0 && previous !== undefined) {
      previous.lists.push(...nested);
    } else {
      items.push({ content: $readInlines(words), lists: nested });
    }
  }
  return { kind: 'list', ordered: list.getListType() === 'number', start: list.getStart(), items };
}

function $readInlines(nodes: readonly LexicalNode[]): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    if ($isTextNode(node)) {
      out.push({
        kind: 'text',
        text: node.getTextContent(),
        bold: node.hasFormat('bold'),
        italic: node.hasFormat('italic'),
        underline: node.hasFormat('underline'),
      });
    } else if ($isLineBreakNode(node)) {
      out.push({ kind: 'break' });
    } else if ($isLinkNode(node)) {
      out.push({ kind: 'link', url: node.getURL(), children: $readInlines(node.getChildren()) });
    } else if ($isElementNode(node)) {
      out.push(...$readInlines(node.getChildren()));
    } else {
      out.push(plain(node.getTextContent()));
    }
  }
  return out;
}

function plain(text: string): Inline {
  return { kind: 'text', text, bold: false, italic: false, underline: false };
}

function isBlank(block: Block): boolean {
  if (block.kind === 'list') return block.items.length === 0;
  return block.content.length === 0;
}
