/**
 * The search documents of a circle, made from what is known of it now: pure functions
 * of the index snapshot, the entry words read so far and how dates read.
 *
 * Withdrawn entries make no document. Anonymous entries have no heading, so they are
 * found by their words, never by a name. An entry with a content note is found, but its
 * snippet stays veiled until the reader has opened it (`revealed`).
 */
import type { EntryId } from '../../../../shared/notebook/ids';
import type { EntryRecord, MeetingRecord, MemberRecord } from '../../../../shared/notebook/schema';
import type { SearchDocument } from './searchSource';
import { foldText, type FoldedText } from './searchText';

/** A meeting's YYYY-MM-DD date in words, for a result's context line. */
export type FormatDate = (date: string) => string;

/** The key of a meeting's document. */
export function meetingKey(meeting: Pick<MeetingRecord, 'id'>): string {
  return `meeting:${meeting.id}`;
}

/** The key of an entry's document. */
export function entryKey(entryId: EntryId): string {
  return `entry:${entryId}`;
}

/** A meeting as a search document: found by its title first, then by its prompts. */
export function meetingSearchDocument(
  meeting: MeetingRecord,
  formatDate: FormatDate,
): SearchDocument {
  const prompts = meetingPrompts(meeting);
  return {
    key: meetingKey(meeting),
    group: 'meetings',
    target: { kind: 'meeting', meetingId: meeting.id },
    heading: foldText(meeting.title),
    headingKind: 'title',
    context: formatDate(meeting.date),
    body: prompts === '' ? null : foldText(prompts),
    veil: null,
    recency: Date.parse(`${meeting.date}T12:00:00Z`) || meeting.createdAt,
  };
}

/** A meeting's prompts as one text, a prompt a line. */
export function meetingPrompts(meeting: MeetingRecord): string {
  return meeting.prompts.map((prompt) => prompt.text).join('\n');
}

/** What an entry's document is made of besides the entry itself. */
export interface EntryDocumentParts {
  readonly meeting: MeetingRecord;
  /** The author's name, folded; null for an anonymous entry or an unknown author. */
  readonly author: FoldedText | null;
  /** The entry's words, once read. */
  readonly text: FoldedText | null;
  /** True once the reader has opened a content-noted entry on this laptop. */
  readonly revealed: boolean;
}

/** An entry as a search document: found by its author, then by its words. */
export function entrySearchDocument(
  entry: EntryRecord,
  parts: EntryDocumentParts,
  formatDate: FormatDate,
): SearchDocument {
  const { meeting, author, text, revealed } = parts;
  return {
    key: entryKey(entry.id),
    group: 'entries',
    target: { kind: 'entry', meetingId: meeting.id, entryId: entry.id },
    heading: author,
    headingKind: 'author',
    context: `${meeting.title} · ${formatDate(meeting.date)}`,
    body: text,
    veil: entry.contentNote !== null && !revealed ? entry.contentNote : null,
    recency: entry.createdAt,
  };
}

/** The name an entry is found by: none when it is anonymous or its author is unknown. */
export function entryAuthorName(
  entry: EntryRecord,
  members: ReadonlyMap<string, Pick<MemberRecord, 'name'>>,
): string | null {
  if (entry.visibility === 'anonymous' || entry.authorId === null) return null;
  return members.get(entry.authorId)?.name ?? null;
}

/** The entries that make a document (not withdrawn, in a known meeting), oldest first. */
export function searchableEntries(
  entries: Iterable<EntryRecord>,
  meetingsById: ReadonlyMap<string, MeetingRecord>,
): { entry: EntryRecord; meeting: MeetingRecord }[] {
  const found: { entry: EntryRecord; meeting: MeetingRecord }[] = [];
  for (const entry of entries) {
    const meeting = meetingsById.get(entry.meetingId);
    if (entry.withdrawn || meeting === undefined) continue;
    found.push({ entry, meeting });
  }
  return found;
}
