/**
 * What an entry body may hold: only what the entry editor can show. Lexical's binding
 * turns each node of the stored tree (./entryTree.ts) into a node of the class
 * registered under its `__type`; a node with no `__type`, or one no editor registered,
 * makes the binding throw, and the words in and after it are held by every laptop but
 * shown by none. So a body is readable when, as ./ENTRY_BODY.md says:
 * - the root holds block elements only (paragraph, heading, quote, list);
 * - every element's `__type` names an element class of the entry editor's registry
 *   (inline ones — links — only inside a block), every `Y.Map` is a text, tab or line
 *   break node, and there are no decorators or other embeds;
 * - the properties Lexical reads have the types it writes (numbers, strings);
 * - nesting stays within the reader's depth bound.
 * Characters with no text node before them are readable: Hearth repairs them
 * (./danglingText.ts), because honest concurrent edits leave them.
 */
import { createHeadlessEditor } from '@lexical/headless';
import { ElementNode, type Klass, type LexicalNode } from 'lexical';
import type * as Y from 'yjs';
import { ENTRY_NAMESPACE, ENTRY_NODES } from './entryNodes';
import { readEntryTree, type EntryTreeNode, type NodeProperties } from './entryTree';

/** How the entry editor's registry classes a node type. */
export type NodeKind = 'block' | 'inline' | 'text' | 'linebreak' | 'root' | 'other';

let registry: ReadonlyMap<string, NodeKind> | null = null;

/** The node types an entry editor registers (Lexical's own and ./entryNodes.ts), by kind. */
export function entryNodeRegistry(): ReadonlyMap<string, NodeKind> {
  if (registry !== null) return registry;
  const editor = createHeadlessEditor({
    namespace: ENTRY_NAMESPACE,
    nodes: [...ENTRY_NODES],
    onError: (error) => {
      throw error;
    },
  });
  const kinds = new Map<string, NodeKind>();
  for (const [type, { klass }] of editor._nodes) kinds.set(type, kindOf(type, klass));
  registry = kinds;
  return kinds;
}

function kindOf(type: string, klass: Klass<LexicalNode>): NodeKind {
  if (type === 'root') return 'root';
  // Lexical's internal placeholder, never written by an editor.
  if (type === 'artificial') return 'other';
  if (type === 'linebreak') return 'linebreak';
  if (type === 'text' || type === 'tab') return 'text';
  const prototype = klass.prototype;
  if (prototype instanceof ElementNode) {
    // isInline() of the element classes an entry registers reads no state.
    return prototype.isInline() ? 'inline' : 'block';
  }
  return 'other';
}

/** Properties Lexical's binding copies onto nodes, with the type each must have. */
const PROPERTY_TYPES: Readonly<Record<string, 'number' | 'string' | 'string|null'>> = {
  __format: 'number',
  __style: 'string',
  __indent: 'number',
  __dir: 'string|null',
  __textFormat: 'number',
  __textStyle: 'string',
  __mode: 'number',
  __detail: 'number',
  __tag: 'string',
  __listType: 'string',
  __start: 'number',
  __value: 'number',
  __url: 'string',
  __rel: 'string|null',
  __target: 'string|null',
  __title: 'string|null',
};

/** Why the entry editor could not show the body in `ydoc`, or null when it can. */
export function entryBodyProblem(ydoc: Y.Doc): string | null {
  const tree = readEntryTree(ydoc);
  if (tree.problems.length > 0) return tree.problems[0]!;
  const kinds = entryNodeRegistry();
  for (const block of tree.blocks) {
    if (block.kind !== 'element') return 'words outside any paragraph';
    if (kinds.get(block.type ?? '') !== 'block' || block.type === 'listitem') {
      return blockProblem(block, kinds);
    }
    const problem = nodeProblem(block, kinds);
    if (problem !== null) return problem;
  }
  return null;
}

function blockProblem(
  block: EntryTreeNode & { kind: 'element' },
  kinds: ReadonlyMap<string, NodeKind>,
): string {
  if (block.type === null) return 'a paragraph with no node type';
  if (kinds.get(block.type) === 'inline') return 'a link outside any paragraph';
  return 'a node of a type the entry editor does not know';
}

function nodeProblem(node: EntryTreeNode, kinds: ReadonlyMap<string, NodeKind>): string | null {
  switch (node.kind) {
    case 'linebreak':
      return null;
    case 'other':
      return 'a node of a type the entry editor does not know';
    case 'text':
      return node.properties === null ? null : propertyProblem(node.properties);
    case 'element': {
      if (node.type === null) return 'an element with no node type';
      const kind = kinds.get(node.type);
      if (kind !== 'block' && kind !== 'inline') {
        return 'a node of a type the entry editor does not know';
      }
      const problem = propertyProblem(node.properties);
      if (problem !== null) return problem;
      for (const child of node.children) {
        const childProblem = nodeProblem(child, kinds);
        if (childProblem !== null) return childProblem;
      }
      return null;
    }
  }
}

function propertyProblem(properties: NodeProperties): string | null {
  for (const [key, expected] of Object.entries(PROPERTY_TYPES)) {
    if (!(key in properties)) continue;
    const value = properties[key];
    const fits =
      expected === 'number'
        ? typeof value === 'number' && Number.isFinite(value)
        : expected === 'string'
          ? typeof value === 'string'
          : typeof value === 'string' || value === null;
    if (!fits) return `a node property (${key}) of the wrong type`;
  }
  return null;
}
