/**
 * Branded identifiers. Every id is 16 random bytes in base64url (22 characters), so
 * two laptops that create things at the same moment never collide, and an id reveals
 * nothing about who made it or when.
 */
import { toBase64Url } from '../crypto/base64url';
import { randomBytes } from '../crypto/random';

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A circle: the group that meets. */
export type CircleId = Brand<string, 'CircleId'>;
/** A member: one person in a circle on one laptop. */
export type MemberId = Brand<string, 'MemberId'>;
/** A meeting: one gathering of the circle. */
export type MeetingId = Brand<string, 'MeetingId'>;
/** An entry: one piece of writing in a meeting. */
export type EntryId = Brand<string, 'EntryId'>;
/** A stored Yjs document: the circle's index document or one entry body. */
export type DocId = Brand<string, 'DocId'>;

const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
/** Doc ids are either the index document's fixed id or an entry id. */
const DOC_ID_PATTERN = /^(index|[A-Za-z0-9_-]{22})$/;

/** The index document's id, the same in every circle. */
export const INDEX_DOC_ID = 'index' as DocId;

/** Makes a new random id of the given brand: `newId<MeetingId>()`. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the brand is chosen by the caller
export function newId<T extends CircleId | MemberId | MeetingId | EntryId>(): T {
  return toBase64Url(randomBytes(16)) as T;
}

/** True when `value` has the shape of an id (22 base64url characters). */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** True when `value` can name a stored document. */
export function isDocId(value: unknown): value is DocId {
  return typeof value === 'string' && DOC_ID_PATTERN.test(value);
}

/** The document that holds an entry's body. */
export function entryDocId(entryId: EntryId): DocId {
  return entryId as string as DocId;
}
