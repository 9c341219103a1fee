/**
 * What a member sees of an entry: its blocks (with heading tag or list type) and, in
 * each, the text as runs of one format. Two editor states that render the same words
 * the same way read the same here even when Lexical split the text into nodes
 * differently, or left a text node's format unset where another has 0 (plain).
 */
import type { SerializedEditorState, SerializedLexicalNode } from 'lexical';

/** One block as shown: its kind and its text in runs of [text, format bits]. */
export interface VisibleBlock {
  kind: string;
  runs: [string, number][];
}

interface SerializedTree extends SerializedLexicalNode {
  children?: SerializedTree[];
  text?: string;
  format?: number | string;
  tag?: string;
  listType?: string;
}

function kindOf(node: SerializedTree): string {
  return [node.type, node.tag, node.listType].filter((part) => part !== undefined).join(':');
}

function collect(node: SerializedTree, blocks: VisibleBlock[]): void {
  const runs: [string, number][] = [];
  blocks.push({ kind: kindOf(node), runs });
  for (const child of node.children ?? []) {
    // An element inside a block (a list item in a list) is a block of its own.
    if (child.children !== undefined) {
      collect(child, blocks);
      continue;
    }
    const text = child.text ?? '';
    const format = typeof child.format === 'number' ? child.format : 0;
    const last = runs[runs.length - 1];
    if (text === '') continue;
    if (last !== undefined && last[1] === format) last[0] += text;
    else runs.push([text, format]);
  }
}

/** The blocks and formatted runs an editor state shows. */
export function visibleEntry(state: SerializedEditorState): VisibleBlock[] {
  const blocks: VisibleBlock[] = [];
  for (const block of (state.root as SerializedTree).children ?? []) collect(block, blocks);
  return blocks;
}
