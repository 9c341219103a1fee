/**
 * The open circle as a search source: its meetings (title, prompts) and its entries
 * (author, text), kept current as the notebook changes.
 *
 * The entries' words are read and followed by ./entryTextLoader.ts (in the background,
 * a few per turn, changes debounced; an entry whose document has not reached this
 * laptop is read when it arrives). The documents are made by the pure builders of
 * ./circleSearchDocuments.ts. This class joins the two: it keeps the index snapshot,
 * rebuilds the documents after each batch read and each burst of changes, and tells
 * the index. Withdrawn entries are never indexed, and their words are dropped from
 * memory as soon as the withdrawal is seen.
 */
import type * as Y from 'yjs';
import type { IndexSnapshot } from '../../../../shared/notebook/circleIndex';
import type { DocId, EntryId } from '../../../../shared/notebook/ids';
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
import { EntryTextLoader } from './entryTextLoader';
import type { SearchDocument, SearchProgress, SearchSource } from './searchSource';
import { foldText, type FoldedText } from './searchText';

/** The parts of the index snapshot search reads. */
export type SearchedSnapshot = Pick<IndexSnapshot, 'meetings' | 'entries' | 'members'>;

/** The parts of a CircleSession that search reads (tests pass a small fake). */
export interface CircleSearchSession {
  readonly index: { read(): SearchedSnapshot };
  entryDoc(entryId: EntryId): Promise<Y.Doc>;
  /** True when this laptop holds `docId` (stored or live); absent ones are read on arrival. */
  holds?(docId: DocId): boolean;
  onDocUpdate(listener: (docId: DocId, update: Uint8Array, origin: unknown) => void): () => void;
}

/** How the circle source behaves; only `formatDate` is required. */
export interface CircleSearchOptions {
  /** A meeting's YYYY-MM-DD date in words, for the result's context line. */
  formatDate: (date: string) => string;
  /** True once the reader has opened a content-noted entry on this laptop. */
  isRevealed?: (entryId: EntryId) => boolean;
  /** Longest wait between a change and the index showing it. */
  debounceMs?: number;
  /** Entry documents read per turn of the background load. */
  batchSize?: number;
  /** Gives the page a turn between batches (and before the first). */
  pause?: () => Promise<void>;
}

/** Search documents for one open circle. */
export class CircleSearchSource implements SearchSource {
  private documentsByKey = new Map<string, SearchDocument>();
  private snapshot: SearchedSnapshot;
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
      batchSize: options.batchSize ?? 6,
      pause: options.pause ?? (() => new Promise((resolve) => setTimeout(resolve, 16))),
      shouldRead: (entryId) => this.snapshot.entries.get(entryId)?.withdrawn === false,
      onRead: (indexChanged) => {
        if (indexChanged) this.snapshot = this.session.index.read();
        this.rebuild();
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
