/**
 * Reactions (index root `reactions`, a Y.Map): the key `<entryId>:<reaction>:<memberId>`
 * present means that member gave that reaction to that entry — one of each per member
 * per entry, by construction. A key counts only if it was written by one of that
 * member's own clients (authorship.ts): nobody reacts in someone else's name.
 */
import type * as Y from 'yjs';
import { keyAuthor, type ClientRegistry } from './authorship';
import { isId, type EntryId, type MemberId } from './ids';
import { INDEX_ROOT } from './schema';

/** One entry's reactions: reaction id → the members who gave it. */
export type EntryReactions = ReadonlyMap<string, readonly MemberId[]>;

/** The key of one member's reaction to one entry. */
export function reactionKey(entryId: EntryId, reaction: string, memberId: MemberId): string {
  return `${entryId}:${reaction}:${memberId}`;
}

/** Every entry's reactions, keeping only those written in their own member's name. */
export function readReactions(
  ydoc: Y.Doc,
  registry: ClientRegistry,
  known: ReadonlySet<string>,
): ReadonlyMap<EntryId, EntryReactions> {
  const yReactions = ydoc.getMap<unknown>(INDEX_ROOT.reactions);
  const byEntry = new Map<EntryId, Map<string, MemberId[]>>();
  yReactions.forEach((_value, key) => {
    const [entryId, reaction, memberId] = key.split(':');
    if (!isId(entryId) || !isId(memberId) || reaction === undefined || !known.has(reaction)) return;
    const author = keyAuthor(yReactions, key);
    if (author === null || registry.memberOf(author) !== memberId) return;
    let reactions = byEntry.get(entryId as EntryId);
    if (reactions === undefined) {
      reactions = new Map<string, MemberId[]>();
      byEntry.set(entryId as EntryId, reactions);
    }
    const members = reactions.get(reaction) ?? [];
    members.push(memberId as MemberId);
    reactions.set(reaction, members);
  });
  return byEntry;
}

/** Gives or takes back a reaction. */
export function setReaction(ydoc: Y.Doc, key: string, on: boolean, origin: unknown): void {
  const yReactions = ydoc.getMap<unknown>(INDEX_ROOT.reactions);
  ydoc.transact(() => {
    if (on) yReactions.set(key, Date.now());
    else yReactions.delete(key);
  }, origin);
}
