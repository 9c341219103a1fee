/**
 * The consent rules every export applies, in one place so each is tested once and no
 * format can forget one:
 * - an entry its author keeps out of exports, or has withdrawn, never appears; nor does a
 *   co-written entry that any of its writers keeps out (shared/notebook/WRITING.md);
 * - a co-written entry names everyone who wrote in it (when authors are shown);
 * - an anonymous entry never shows a name or anything derived from its author, even
 *   when names are shown (its record should carry no author; if a peer wrote one anyway,
 *   it is ignored here);
 * - reactions name people only when the circle shows names and the export shows authors.
 */
import type { EntryWriting } from '../notebook/bodyWriting';
import type { EntryRecord, MemberRecord } from '../notebook/schema';
import type { MemberId } from '../notebook/ids';
import type { AuthorChoice } from './exportOptions';
import type { Byline } from './exportModel';
import { withWords } from './bookletWords';

/** True when an entry may appear in any export at all. */
export function mayExport(entry: EntryRecord, writing?: EntryWriting): boolean {
  return entry.exportable && !entry.withdrawn && (writing?.keptOutBy.size ?? 0) === 0;
}

/** True when an entry is published without a name. */
export function isAnonymous(entry: EntryRecord): boolean {
  return entry.visibility === 'anonymous' || entry.authorId === null;
}

/** True when `memberId` wrote `entry` under their own name ("my own words"). */
export function isWrittenBy(entry: EntryRecord, memberId: MemberId): boolean {
  return !isAnonymous(entry) && entry.authorId === memberId;
}

/** The byline an export may print for `entry`. */
export function bylineFor(
  entry: EntryRecord,
  authors: AuthorChoice,
  members: ReadonlyMap<MemberId, MemberRecord>,
  coWriters: readonly MemberId[] = [],
): Byline {
  if (authors === 'anonymised') return { kind: 'a-member' };
  if (isAnonymous(entry) || entry.authorId === null) return { kind: 'anonymous' };
  const member = members.get(entry.authorId);
  // A writer whose member record has not arrived is still a member, just not a named one.
  if (member === undefined) return { kind: 'a-member' };
  const others = coWriters
    .filter((id) => id !== entry.authorId)
    .map((id) => members.get(id)?.name ?? null)
    .filter((name): name is string => name !== null);
  return others.length === 0
    ? { kind: 'member', name: member.name }
    : { kind: 'member', name: withWords(member.name, others) };
}

/** Whether reactions may list who reacted. */
export function mayNameReactors(authors: AuthorChoice, circleShowsNames: boolean): boolean {
  return authors === 'shown' && circleShowsNames;
}
