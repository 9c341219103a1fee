/**
 * Comments under an entry (index root `comments`, a Y.Map): how a member who may not
 * write in an entry answers it (./WRITING.md, "Offering words"). The key
 * `<entryId>:<commentId>` holds `{ text, at }`. A comment is its writer's: it counts
 * only while the client that last wrote its key belongs to the member whose client first
 * wrote it (authorship.ts), so nobody edits someone else's comment; its writer removes
 * it by deleting the key. Like every deletion in Yjs, a removal is not traced to its
 * writer: honest laptops offer it only to the comment's writer (WRITING.md says so).
 *
 * Comments stay in the app: they are the circle's conversation, not its record, so no
 * export carries them (shared/export/EXPORT.md).
 */
import type * as Y from 'yjs';
import * as v from '../validate';
import { firstKeyAuthor, keyAuthor, type ClientRegistry } from './authorship';
import { isId, newId, type EntryId, type MemberId } from './ids';
import { INDEX_ROOT } from './schema';

/** The longest comment, in characters: a few sentences, not a second entry. */
export const MAX_COMMENT_CHARS = 2_000;

/** One comment, as laptops show it. */
export interface EntryComment {
  id: string;
  entryId: EntryId;
  writerId: MemberId;
  text: string;
  at: number;
}

const commentValue = v.object(
  {
    text: v.string({ min: 1, max: MAX_COMMENT_CHARS }),
    at: v.number({ min: 0, max: 2 ** 53 - 1, integer: true }),
  },
  { extra: 'ignore' },
);

/** The key of one comment. */
export function commentKey(entryId: EntryId, commentId: string): string {
  return `${entryId}:${commentId}`;
}

/** The words of a comment as they will be kept: trimmed, and empty if only spaces. */
export function commentText(words: string): string {
  return words.trim();
}

/**
 * Every entry's comments, oldest first, keeping only those still their writer's.
 * `report` logs a reason once per key.
 */
export function readComments(
  ydoc: Y.Doc,
  registry: ClientRegistry,
  report: (key: string, reason: string) => void,
): ReadonlyMap<EntryId, readonly EntryComment[]> {
  const yComments = ydoc.getMap<unknown>(INDEX_ROOT.comments);
  const byEntry = new Map<EntryId, EntryComment[]>();
  yComments.forEach((value, key) => {
    const [entryId, commentId, ...rest] = key.split(':');
    if (!isId(entryId) || !isId(commentId) || rest.length > 0) {
      report(`comments/${key}`, 'a comment key this version does not understand');
      return;
    }
    const first = firstKeyAuthor(yComments, key);
    const last = keyAuthor(yComments, key);
    const writerId = first === null ? null : registry.memberOf(first);
    if (writerId === null || last === null || registry.memberOf(last) !== writerId) {
      report(`comments/${key}`, 'a comment changed by someone other than its writer');
      return;
    }
    const checked = commentValue(value, 'comment');
    if (!checked.ok) {
      report(`comments/${key}`, checked.reason);
      return;
    }
    const text = commentText(checked.value.text);
    if (text === '') return;
    const comment: EntryComment = {
      id: commentId,
      entryId: entryId as EntryId,
      writerId,
      text,
      at: checked.value.at,
    };
    const list = byEntry.get(comment.entryId);
    if (list === undefined) byEntry.set(comment.entryId, [comment]);
    else list.push(comment);
  });
  for (const list of byEntry.values()) {
    list.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  }
  return byEntry;
}

/** Adds a comment under an entry; returns its id (throws on empty or too-long words). */
export function addComment(
  ydoc: Y.Doc,
  entryId: EntryId,
  words: string,
  now: number,
  origin: unknown,
): string {
  const text = commentText(words);
  if (text === '') throw new Error('A comment needs some words.');
  if (text.length > MAX_COMMENT_CHARS) {
    throw new Error(`A comment holds at most ${MAX_COMMENT_CHARS} characters.`);
  }
  const commentId = newId<EntryId>() as string;
  ydoc.transact(() => {
    ydoc
      .getMap<unknown>(INDEX_ROOT.comments)
      .set(commentKey(entryId, commentId), { text, at: now });
  }, origin);
  return commentId;
}

/** Removes a comment (the laptop offers this only to its writer). */
export function removeComment(
  ydoc: Y.Doc,
  entryId: EntryId,
  commentId: string,
  origin: unknown,
): void {
  ydoc.transact(() => {
    ydoc.getMap<unknown>(INDEX_ROOT.comments).delete(commentKey(entryId, commentId));
  }, origin);
}
