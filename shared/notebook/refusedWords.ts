/**
 * Words an entry body holds that its writing rule (./WRITING.md, ./bodyWriting.ts) does
 * not allow: live items written under a client that may not write there. A laptop's
 * update guard refuses an update that would leave any (shared/sync/documentRules.ts); a
 * laptop that already holds some — it took them while their writer was invited, and the
 * invitation was taken back before the author saw them — removes them itself, so every
 * laptop ends with the same words.
 *
 * One thing anyone may add: a plain text-node map (the repair of ./danglingText.ts,
 * which every laptop makes on its own and which holds no words).
 *
 * Deletions carry no writer in Yjs, so they cannot be traced (WRITING.md says so).
 */
import * as Y from 'yjs';
import { mayWrite, type EntryWriting } from './bodyWriting';

const PLAIN_TEXT_NODE: Readonly<Record<string, unknown>> = {
  __type: 'text',
  __format: 0,
  __style: '',
  __mode: 0,
  __detail: 0,
};

/** True for a repair map (a plain text node's properties) or one of its properties. */
function isRepair(item: Y.Item): boolean {
  if (item.content instanceof Y.ContentType && item.content.type instanceof Y.Map) {
    if (!(item.parent instanceof Y.XmlText)) return false;
    const ymap = item.content.type as Y.Map<unknown>;
    const keys = [...ymap.keys()];
    return (
      keys.length === Object.keys(PLAIN_TEXT_NODE).length &&
      keys.every((key) => ymap.get(key) === PLAIN_TEXT_NODE[key])
    );
  }
  const parent = item.parent;
  if (!(parent instanceof Y.Map) || item.parentSub === null) return false;
  const mapItem = parent._item;
  return mapItem !== null && mapItem.id.client === item.id.client && isRepair(mapItem);
}

/** Each live item the rule refuses, with the clock from which it is refused. */
export function findRefusedWords(
  ydoc: Y.Doc,
  writing: EntryWriting,
): { item: Y.Item; from: number }[] {
  const found: { item: Y.Item; from: number }[] = [];
  for (const [client, structs] of ydoc.store.clients) {
    const last = structs[structs.length - 1];
    if (last === undefined) continue;
    // Allowed clocks are a prefix (words kept up to a point): check the last one first.
    if (mayWrite(writing, client, last.id.clock + last.length - 1)) continue;
    const allowedUpTo = writing.clients.has(client) ? (writing.kept.get(client) ?? 0) : 0;
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || struct.deleted) continue;
      const end = struct.id.clock + struct.length;
      if (end <= allowedUpTo && mayWrite(writing, client, end - 1)) continue;
      if (isRepair(struct)) continue;
      found.push({ item: struct, from: Math.max(struct.id.clock, allowedUpTo) });
    }
  }
  return found;
}

/** Why a body holding refused words is refused (no words in it). */
export const REFUSED_WORDS_REASON =
  'words in an entry written from a laptop of someone its author did not invite to write there';

/**
 * Removes from `ydoc` the words the rule refuses that are traced to a member (a body
 * writer the index names); returns how many items went. Words under a client the index
 * does not name are left alone here: this laptop may have lost that naming in a crash,
 * and its peers refuse them anyway.
 */
export function removeRefusedWords(ydoc: Y.Doc, writing: EntryWriting, origin: unknown): number {
  const found = findRefusedWords(ydoc, writing).filter(({ item }) =>
    writing.clients.has(item.id.client),
  );
  if (found.length === 0) return 0;
  ydoc.transact((transaction) => {
    for (const { item, from } of found) {
      // Words kept before the cut stay: split the item there.
      const refused =
        from > item.id.clock
          ? Y.getItemCleanStart(transaction, Y.createID(item.id.client, from))
          : item;
      refused.delete(transaction);
    }
  }, origin);
  return found.length;
}
