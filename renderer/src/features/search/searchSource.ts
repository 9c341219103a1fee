/**
 * What search looks through: sources of documents. The open circle is one source
 * (./circleSearchSource.ts); the member's private journal will be another. The index
 * (./searchIndex.ts) matches and ranks across every source; a source only keeps its
 * documents current and says when they change.
 *
 * Adding the journal (for whoever builds it):
 * 1. Write `JournalSearchSource implements SearchSource` next to the journal's session.
 *    Each journal entry becomes one document with `group: 'journal'`,
 *    `target: { kind: 'journal', id }`, `heading: null` (it is the member's own writing:
 *    no author to match), `headingKind: 'author'`, `body: foldText(entryTextFromDoc(doc))`
 *    (shared/notebook/entryText.ts reads any Lexical entry document) and
 *    `context` = when it was written. Keep text current from the journal's document
 *    updates, debounced, the way CircleSearchSource does.
 * 2. Register it where the circle source is made (./useCircleSearch.ts):
 *    `index.addSource(journalSource)`; the returned function removes it.
 * 3. Handle `{ kind: 'journal' }` in the `onOpen` given to SearchBox. Results show under
 *    "Journal" already; the group heading and order live in ./SearchResultList.tsx.
 * Journal text never leaves this laptop, and nothing here sends anything anywhere:
 * the index lives in the renderer's memory only and is rebuilt on each opening.
 */
import type { EntryId, MeetingId } from '../../../../shared/notebook/ids';
import type { FoldedText } from './searchText';

/** Where a result is shown, in this order. */
export const SEARCH_GROUPS = ['meetings', 'entries', 'journal'] as const;
/** One of {@link SEARCH_GROUPS}. */
export type SearchGroup = (typeof SEARCH_GROUPS)[number];

/** What opening a result shows. */
export type SearchTarget =
  | { kind: 'meeting'; meetingId: MeetingId }
  | { kind: 'entry'; meetingId: MeetingId; entryId: EntryId }
  | { kind: 'journal'; id: string };

/** One searchable thing: a meeting, an entry, a journal page. */
export interface SearchDocument {
  /** Unique across all sources, e.g. `entry:<id>`. */
  readonly key: string;
  readonly group: SearchGroup;
  readonly target: SearchTarget;
  /** The result's first line: a meeting's title or an entry's author; null when there is none to show or match (anonymous). */
  readonly heading: FoldedText | null;
  /** Whether the heading counts as a title (ranked first) or an author (second). */
  readonly headingKind: 'title' | 'author';
  /** Shown under the heading, never matched: a date, a meeting's title. */
  readonly context: string;
  /** The words matched last and shown as a snippet: an entry's text, a meeting's prompts. */
  readonly body: FoldedText | null;
  /**
   * A content note: the entry is found by its words, but its snippet is replaced by the
   * note until the reader has chosen to open the entry.
   */
  readonly veil: string | null;
  /** Newer is larger; breaks ties between equally good matches. */
  readonly recency: number;
}

/** How far a source has got with reading its documents in the background. */
export interface SearchProgress {
  ready: number;
  total: number;
}

/** A provider of documents to search, kept current by itself. */
export interface SearchSource {
  /** The current documents; a new iteration after each change. */
  documents(): Iterable<SearchDocument>;
  /** Calls `listener` after the documents change; returns its cleanup. */
  subscribe(listener: () => void): () => void;
  /** How many documents have their words read so far. */
  progress(): SearchProgress;
  /** Stops listening and loading; the source is not used again. */
  dispose(): void;
}
