/**
 * The one reader of an entry body's Yjs layout: Lexical's collaboration binding (V1,
 * @lexical/yjs 0.52), as written down in ./ENTRY_BODY.md. Search text (./entryText.ts),
 * export (../export/entryFromYjs.ts) and the check on what peers write
 * (./entryBodyCheck.ts) all read bodies through it, so its bounds hold for all three.
 *
 * Layout, under the root `XmlText` named `root`:
 * - an element node (paragraph, heading, quote, list, list item, link) is an embedded
 *   `XmlText`; its attributes are the node's properties (`__type`, `__format`, …) and its
 *   content is its children;
 * - a text node is an embedded `Y.Map` of its properties (`__type: 'text'`, `__format`, …)
 *   followed by its characters as a string; a line break is a `Y.Map` with
 *   `__type: 'linebreak'`; a decorator would be an `XmlElement` (entries have none).
 *
 * The walk trusts nothing: a peer can write any tree. Nesting stops at
 * {@link MAX_ENTRY_DEPTH} (deeper content is left out and reported), characters with no
 * text node before them are kept as a "dangling" run, and every shape Lexical's binding
 * cannot read is reported as a problem with a reason (never with the words).
 */
import * as Y from 'yjs';
import { ENTRY_BODY_ROOT } from './schema';

/** Deeper than any list a person writes; a peer's pathological tree stops here. */
export const MAX_ENTRY_DEPTH = 48;

/** Node properties as stored: `__type` and the rest, values unchecked. */
export type NodeProperties = Readonly<Record<string, unknown>>;

/** One node of an entry body as stored. */
export type EntryTreeNode =
  | {
      kind: 'element';
      /** `__type`, or null when it is missing or not a string. */
      type: string | null;
      properties: NodeProperties;
      children: EntryTreeNode[];
    }
  | {
      kind: 'text';
      /** The text node's properties; null for characters with no text node before them. */
      properties: NodeProperties | null;
      text: string;
    }
  | { kind: 'linebreak' }
  /** A `Y.Map` of another `__type`, an `XmlElement`, or another embed: no words Lexical shows. */
  | { kind: 'other'; type: string | null; text: string };

/** An entry body as read: its blocks and what was wrong with it. */
export interface EntryTree {
  blocks: EntryTreeNode[];
  /** Shapes Lexical's binding cannot read (depth, a root of another type, stray content). */
  problems: string[];
}

/** Reads the entry body in `ydoc` (never throws; problems are reported in the result). */
export function readEntryTree(ydoc: Y.Doc): EntryTree {
  const problems: string[] = [];
  let yRoot: Y.XmlText;
  try {
    yRoot = ydoc.get(ENTRY_BODY_ROOT, Y.XmlText);
  } catch {
    // The root was defined as another type by whoever wrote first.
    return { blocks: [], problems: ['an entry body whose root is not rich text'] };
  }
  return { blocks: readChildren(yRoot, 1, problems), problems };
}

/** Reads a stored entry state (the form export and tests hold). */
export function readEntryTreeFromState(state: Uint8Array): EntryTree {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, state);
    return readEntryTree(ydoc);
  } finally {
    ydoc.destroy();
  }
}

/** The `__type` of a node's properties, or null when it is missing or not a string. */
export function nodeType(properties: NodeProperties | null): string | null {
  const type = properties?.__type;
  return typeof type === 'string' ? type : null;
}

type DeltaOp = { insert?: unknown; attributes?: Record<string, unknown> };

function readChildren(yElement: Y.XmlText, depth: number, problems: string[]): EntryTreeNode[] {
  if (depth > MAX_ENTRY_DEPTH) {
    problems.push(`an entry body nested deeper than ${MAX_ENTRY_DEPTH} levels`);
    return [];
  }
  const nodes: EntryTreeNode[] = [];
  // The text node whose map came last, waiting for its characters.
  let open: { properties: NodeProperties; node: EntryTreeNode & { kind: 'text' } } | null = null;
  for (const { insert, attributes } of yElement.toDelta() as DeltaOp[]) {
    if (attributes !== undefined && Object.keys(attributes).length > 0) {
      // Lexical's binding never writes Yjs formatting marks, and reads them wrongly.
      problems.push('characters with formatting marks the entry editor does not read');
    }
    if (typeof insert === 'string') {
      if (open !== null) {
        open.node.text += insert;
      } else {
        const last = nodes.at(-1);
        if (last?.kind === 'text' && last.properties === null) last.text += insert;
        else nodes.push({ kind: 'text', properties: null, text: insert });
      }
      continue;
    }
    open = null;
    if (insert instanceof Y.XmlText) {
      const properties = attributesOf(insert);
      nodes.push({
        kind: 'element',
        type: nodeType(properties),
        properties,
        children: readChildren(insert, depth + 1, problems),
      });
    } else if (insert instanceof Y.Map) {
      const properties = (insert as Y.Map<unknown>).toJSON() as NodeProperties;
      const type = nodeType(properties);
      if (type === 'linebreak') {
        nodes.push({ kind: 'linebreak' });
      } else if (type === 'text' || type === 'tab') {
        const node = { kind: 'text' as const, properties, text: '' };
        nodes.push(node);
        open = { properties, node };
      } else {
        nodes.push({ kind: 'other', type, text: '' });
      }
    } else if (insert instanceof Y.XmlElement) {
      nodes.push({ kind: 'other', type: nodeType(attributesOf(insert)), text: '' });
    } else {
      nodes.push({ kind: 'other', type: null, text: '' });
    }
  }
  return nodes;
}

function attributesOf(yType: Y.XmlText | Y.XmlElement): NodeProperties {
  // Attributes hold plain values; a nested shared type is not a property Lexical reads.
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(yType.getAttributes())) {
    out[key] = value instanceof Y.AbstractType ? null : value;
  }
  return out;
}
