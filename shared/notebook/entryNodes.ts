/**
 * The Lexical node types an entry may contain. The editor, headless export and the
 * seeding of new entries all register exactly this list, so every laptop and every
 * exporter reads an entry document the same way.
 */
import { AutoLinkNode, LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import type { Klass, LexicalNode } from 'lexical';

/** Node classes registered by every editor of an entry body. */
export const ENTRY_NODES: ReadonlyArray<Klass<LexicalNode>> = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  AutoLinkNode,
];

/** The Lexical namespace of entry editors (part of serialized states). */
export const ENTRY_NAMESPACE = 'hearth-entry';
