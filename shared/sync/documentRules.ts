/**
 * Rules a kind of document adds to ./updateGuard.ts: a check on the document an update
 * would leave, made on the guard's scratch copy before the live document is touched. A
 * rule also says which updates cannot break it, so typing keeps the guard's fast path.
 *
 * Entry bodies have two rules: they hold only what the entry editor can show
 * (shared/notebook/entryBodyCheck.ts; a refusal disconnects the peer), and, for an entry
 * under the writing rule, only words from its author's laptops or those of members the
 * author invited (shared/notebook/WRITING.md). The second is "soft": the update is
 * refused, the document left byte-identical, the reason logged — but an honest laptop
 * whose index lags (it has not heard of an invitation taken back) may send such an
 * update, so the peer stays connected.
 */
import * as Y from 'yjs';
import { mayWrite, type EntryWriting } from '../notebook/bodyWriting';
import { entryBodyProblem } from '../notebook/entryBodyCheck';
import { findRefusedWords, REFUSED_WORDS_REASON } from '../notebook/refusedWords';
import { INDEX_DOC_ID, type DocId } from '../notebook/ids';
import { ENTRY_BODY_ROOT } from '../notebook/schema';
import type { DecodedUpdate } from './updateShape';

/** A check on what a document of one kind may hold after an update. */
export interface DocumentRule {
  /** Named in logs. */
  readonly name: string;
  /**
   * False only when `update` cannot break the rule whatever the document holds, so it
   * may be applied without a scratch copy. `ydoc` is the live document, unchanged.
   */
  mayBreak(ydoc: Y.Doc, update: DecodedUpdate): boolean;
  /** Why the document `after` (the scratch copy, with the update) is refused, or null. */
  refusal(after: Y.Doc): string | null;
  /** A refusal that is not a protocol error (the peer stays connected). */
  readonly soft?: boolean;
}

/** An entry body holds only what the entry editor can show (no hidden words). */
export const READABLE_ENTRY_BODY: DocumentRule = {
  name: 'readable entry body',
  mayBreak: (ydoc, update) => !isTypingIntoText(ydoc, update),
  refusal: (after) => entryBodyProblem(after),
};

/** An entry body under the writing rule holds only words its writers may write. */
export function bodyWritersRule(writing: EntryWriting): DocumentRule {
  return {
    name: 'entry body writers',
    soft: true,
    mayBreak: (_ydoc, { structs }) =>
      structs.some(
        (struct) =>
          struct instanceof Y.Item &&
          !mayWrite(writing, struct.id.client, struct.id.clock + struct.length - 1),
      ),
    refusal: (after) => (findRefusedWords(after, writing).length > 0 ? REFUSED_WORDS_REASON : null),
  };
}

/** The rules for `docId`'s kind of document; `writing` when its body follows the writing rule. */
export function documentRules(
  docId: DocId,
  writing: EntryWriting | null = null,
): readonly DocumentRule[] {
  if (docId === INDEX_DOC_ID) return [];
  return writing === null ? [READABLE_ENTRY_BODY] : [READABLE_ENTRY_BODY, bodyWritersRule(writing)];
}

/**
 * True for characters typed next to characters inside an element, and deletions of
 * characters or whole nodes: no new node, no property changed, nothing in the root
 * itself. Anything else (a new paragraph, a format, a deleted property) is checked.
 */
function isTypingIntoText(ydoc: Y.Doc, { structs, ds }: DecodedUpdate): boolean {
  const store = ydoc.store;
  const yRoot = ydoc.share.get(ENTRY_BODY_ROOT);
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) return false;
    if (struct.parentSub !== null) return false;
    const neighbour = struct.origin ?? struct.rightOrigin;
    if (neighbour === null || neighbour.clock >= Y.getState(store, neighbour.client)) {
      // A neighbour in the same update: the first struct of the run was checked.
      if (neighbour === null || neighbour.client !== struct.id.client) return false;
      continue;
    }
    const item = Y.getItem(store, neighbour);
    if (!(item instanceof Y.Item) || item.parent === yRoot || item.parentSub !== null) return false;
  }
  for (const [client, deletions] of ds.clients) {
    for (const { clock, len } of deletions) {
      if (clock + len > Y.getState(store, client)) return false;
      let at = clock;
      while (at < clock + len) {
        const item = Y.getItem(store, Y.createID(client, at));
        // A property removed would change what a node is; a node or characters may go.
        if (item instanceof Y.Item && item.parentSub !== null) return false;
        at = item.id.clock + item.length;
      }
    }
  }
  return true;
}
