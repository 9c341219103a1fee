/**
 * Payloads of the `hearth:search:*` requests: what main answers about entries' words from
 * its own copy of the notebook, so the renderer need not hold every entry to search them.
 */
import type { EntryId } from '../notebook/ids';

/** The most entries one `search.entryTexts` request may name. */
export const MAX_ENTRY_TEXTS_PER_REQUEST = 256;

/**
 * One entry's words as main's store holds them:
 * - `text`: its plain text (`entryTextFromDoc`), `cut` when it was longer than one reply
 *   may carry and only its beginning came;
 * - `absent`: the store holds nothing for it (not arrived on this laptop yet, or removed);
 * - `unreadable`: its stored state could not be read (`reason` says why, for the log);
 * - `later`: the reply was full; ask again.
 */
export type StoredEntryText =
  | { entryId: EntryId; kind: 'text'; text: string; cut: boolean }
  | { entryId: EntryId; kind: 'absent' }
  | { entryId: EntryId; kind: 'unreadable'; reason: string }
  | { entryId: EntryId; kind: 'later' };
