/**
 * The open circle as a search source: its meetings (title, prompts) and its entries
 * (author, text), kept current as the notebook changes.
 *
 * The entries' words are read and followed by ./entryTextLoader.ts (in the background,
 * a batch per turn, from live documents or from main's store, changes debounced; an
 * entry whose document has not reached this laptop is read when it arrives). The
 * documents are made by the pure builders of ./circleSearchDocuments.ts. This class
 * joins the two: it keeps the index snapshot, rebuilds every document when the index
 * changes and only the entries read otherwise (a batch, a burst of typing), and tells
 * the index. Withdrawn entries are never indexed, and their words are dropped from
 * memory as soon as the withdrawal is seen.
 */
import type { IndexSnapshot } from '../../../../shared/notebook/circleIndex';
import type { EntryId } from '../../../../shared/notebook/ids';
import type { EntryRecord, MeetingRecord } from '../../../../shared/notebook/schema';
import {
  entryAuthorName,
  entryKey,
  entrySearchDocument,
  meetingKey,
  meetingPrompts,
  meetingSearchDocument,
  searchableEntries,
} from './circleSearchDocuments';
import { EntryTextLoader, type EntryTextSession } from './entryTextLoader';
import type { SearchDocument, SearchProgress, SearchSource } from './searchSource';
import { foldText, type FoldedText } from './searchText';

/** The parts of the index snapshot search reads. */
export type SearchedSnapshot = Pick<IndexSnapshot, 'meetings' | 'entries' | 'members'>;

/** The parts of a CircleSession (and of main) that search reads (tests pass a small fake). */
export interface CircleSearchSession extends EntryTextSession {
  readonly index: { read(): SearchedSnapshot };
}

/** How the circle source behaves; only `formatDate` is required. */
export interface CircleSearchOptions {
  /** A meeting's YYYY-MM-DD date in words, for the result's context line. */
  formatDate: (date: string) => string;
  /** True once the reader has opened a content-noted entry on this laptop. */
  isRevealed?: (entryId: EntryId) => boolean;
  /** Longest wait between a change and the index showing it. */
  debounceMs?: number;
  /** Entries read per turn of the background load. */
  batchSize?: number;
  /** Gives the page a turn between batches (and before the first). */
  pause?: () => Promise<void>;
}

/** Search documents for one open circle. */
export class CircleSearchSource implements SearchSource {
  private documentsByKey = new Map<string, SearchDocument>();
  private snapshot: SearchedSnapshot;
  private meetingsById = new Map<string, MeetingRecord>();
  private readonly texts: EntryTextLoader;
  private readonly foldedNames = new Map<string, FoldedText>();
  private readonly listeners = new Set<() => void>();
  // Rebuilding runs after every batch of entries read and after each burst of typing:
  // documents whose inputs did not change are reused rather than made again.
  private readonly built = new Map<
    string,
    { inputs: readonly unknown[]; document: SearchDocument }
  >();

  constructor(
    private readonly session: CircleSearchSession,
    private readonly options: CircleSearchOptions,
  ) {
    this.snapshot = session.index.read();
    this.texts = new EntryTextLoader(session, {
      debounceMs: options.debounceMs ?? 250,
      // Main reads the stored ones: the page only folds their words, a few ms a batch.
      batchSize: options.batchSize ?? 48,
      pause: options.pause ?? (() => new Promise((resolve) => setTimeout(resolve, 16))),
      shouldRead: (entryId) => this.snapshot.entries.get(entryId)?.withdrawn === false,
      onRead: (indexChanged, read) => {
        if (indexChanged) {
          this.snapshot = this.session.index.read();
          this.rebuild();
        } else {
          if (read.size === 0) return;
          this.rebuildEntries(read);
        }
        this.notify();
      },
    });
    this.rebuild();
    void this.texts.load();
  }

  /** @inheritdoc */
  documents(): Iterable<SearchDocument> {
    return this.documentsByKey.values();
  }

  /** @inheritdoc */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** @inheritdoc */
  progress(): SearchProgress {
    let ready = 0;
    let total = 0;
    for (const document of this.documentsByKey.values()) {
      total++;
      if (document.target.kind !== 'entry' || this.texts.isSettled(document.target.entryId)) {
        ready++;
      }
    }
    return { ready, total };
  }

  /** Builds the documents again, e.g. after the reader opened a veiled entry. */
  refresh(): void {
    this.rebuild();
    this.notify();
  }

  /** Resolves once every entry known now has been read (tests, benchmarks). */
  settled(): Promise<void> {
    return this.texts.settled();
  }

  /** @inheritdoc */
  dispose(): void {
    this.texts.dispose();
    this.listeners.clear();
    this.documentsByKey.clear();
    this.built.clear();
  }

  private rebuild(): void {
    const { meetings, entries, members } = this.snapshot;
    const next = new Map<string, SearchDocument>();
    const meetingsById = new Map<string, MeetingRecord>();
    for (const meeting of meetings) {
      meetingsById.set(meeting.id, meeting);
      next.set(meetingKey(meeting), this.meetingDocument(meeting));
    }
    this.meetingsById = meetingsById;
    const searchable = searchableEntries(entries.values(), meetingsById);
    // The loader queues the entries not read yet and forgets the words of all others.
    this.texts.track(searchable.map(({ entry }) => entry.id));
    for (const { entry, meeting } of searchable) {
      next.set(
        entryKey(entry.id),
        this.entryDocument(entry, meeting, entryAuthorName(entry, members)),
      );
    }
    // A document no longer made (withdrawn, gone) leaves the cache with its words.
    for (const key of [...this.built.keys()]) if (!next.has(key)) this.built.delete(key);
    this.documentsByKey = next;
  }

  // Only these entries' words changed (a batch read, a burst of typing): the rest stand.
  private rebuildEntries(entryIds: ReadonlySet<EntryId>): void {
    const { entries, members } = this.snapshot;
    for (const entryId of entryIds) {
      const key = entryKey(entryId);
      const entry = entries.get(entryId);
      const meeting = entry === undefined ? undefined : this.meetingsById.get(entry.meetingId);
      // Made by the last full rebuild, or not searchable: the next one decides.
      if (!this.documentsByKey.has(key) || entry === undefined || meeting === undefined) continue;
      this.documentsByKey.set(
        key,
        this.entryDocument(entry, meeting, entryAuthorName(entry, members)),
      );
    }
  }

  private reuse(
    key: string,
    inputs: readonly unknown[],
    make: () => SearchDocument,
  ): SearchDocument {
    const cached = this.built.get(key);
    if (cached !== undefined && cached.inputs.every((input, i) => input === inputs[i])) {
      return cached.document;
    }
    const document = make();
    this.built.set(key, { inputs, document });
    return document;
  }

  private meetingDocument(meeting: MeetingRecord): SearchDocument {
    return this.reuse(
      meetingKey(meeting),
      [meeting.title, meeting.date, meetingPrompts(meeting)],
      () => meetingSearchDocument(meeting, this.options.formatDate),
    );
  }

  private entryDocument(
    entry: EntryRecord,
    meeting: MeetingRecord,
    author: string | null,
  ): SearchDocument {
    const text = this.texts.text(entry.id) ?? null;
    const revealed = this.options.isRevealed?.(entry.id) ?? false;
    return this.reuse(
      entryKey(entry.id),
      [
        entry.contentNote,
        entry.createdAt,
        meeting.id,
        meeting.title,
        meeting.date,
        author,
        text,
        revealed,
      ],
      () =>
        entrySearchDocument(
          entry,
          { meeting, author: author === null ? null : this.foldName(author), text, revealed },
          this.options.formatDate,
        ),
    );
  }

  private foldName(name: string): FoldedText {
    let folded = this.foldedNames.get(name);
    if (folded === undefined) {
      folded = foldText(name);
      this.foldedNames.set(name, folded);
    }
    return folded;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
