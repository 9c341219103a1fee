/**
 * The open circle as a search source: its meetings (title, prompts) and its entries
 * (author, text), kept current as the notebook changes.
 *
 * - Entry words come from the entry documents (shared/notebook/entryText.ts). They are
 *   loaded in the background, newest first, a few per turn with a pause between turns,
 *   so opening a circle and typing never wait for search. An entry whose document this
 *   laptop does not hold yet (a laptop joining the circle) is read when it arrives: search
 *   making an empty one would only be read twice, and race the join for the same work.
 * - Changes arrive from `session.onDocUpdate` (local typing, peers, the store). They are
 *   gathered and applied at most once per `debounceMs`, whatever the typing rate: only
 *   the entries that changed are read again.
 * - Withdrawn entries are never indexed, and their words are dropped from memory as soon
 *   as the withdrawal is seen. Anonymous entries are found by their words, never by a
 *   name: they have no heading. An entry with a content note is found, but its snippet
 *   stays veiled until `isRevealed` says the reader has opened it.
 */
import type * as Y from 'yjs';
import { logger } from '../../../../shared/log';
import type { IndexSnapshot } from '../../../../shared/notebook/circleIndex';
import { entryTextFromDoc } from '../../../../shared/notebook/entryText';
import {
  INDEX_DOC_ID,
  entryDocId,
  type DocId,
  type EntryId,
} from '../../../../shared/notebook/ids';
import type { EntryRecord, MeetingRecord } from '../../../../shared/notebook/schema';
import type { SearchDocument, SearchProgress, SearchSource } from './searchSource';
import { foldText, type FoldedText } from './searchText';

const log = logger('search');

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
  private readonly texts = new Map<EntryId, FoldedText>();
  private readonly loaded = new Map<EntryId, Y.Doc>();
  private readonly unreadable = new Set<EntryId>();
  /** Entries whose document has not reached this laptop yet: read when it does. */
  private readonly absent = new Set<EntryId>();
  private readonly queue: EntryId[] = [];
  private readonly queued = new Set<EntryId>();
  private readonly changedEntries = new Set<EntryId>();
  private readonly foldedNames = new Map<string, FoldedText>();
  private readonly listeners = new Set<() => void>();
  private readonly stopListening: () => void;
  private indexChanged = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private loading = false;
  private disposed = false;
  private readonly debounceMs: number;
  private readonly batchSize: number;
  private readonly pause: () => Promise<void>;

  constructor(
    private readonly session: CircleSearchSession,
    private readonly options: CircleSearchOptions,
  ) {
    this.debounceMs = options.debounceMs ?? 250;
    this.batchSize = options.batchSize ?? 6;
    this.pause = options.pause ?? (() => new Promise((resolve) => setTimeout(resolve, 16)));
    this.snapshot = session.index.read();
    this.stopListening = session.onDocUpdate((docId) => this.noteChange(docId));
    this.rebuild();
    void this.loadQueued();
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
      if (document.target.kind !== 'entry' || this.isSettled(document.target.entryId)) ready++;
    }
    return { ready, total };
  }

  /** Builds the documents again, e.g. after the reader opened a veiled entry. */
  refresh(): void {
    this.rebuild();
    this.notify();
  }

  /** Resolves once every entry known now has been read (tests, benchmarks). */
  async settled(): Promise<void> {
    while (!this.disposed && (this.loading || this.queue.length > 0 || this.timer !== null)) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** @inheritdoc */
  dispose(): void {
    this.disposed = true;
    this.stopListening();
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
    this.texts.clear();
    this.loaded.clear();
    this.documentsByKey.clear();
  }

  private noteChange(docId: DocId): void {
    if (this.disposed) return;
    if (docId === INDEX_DOC_ID) {
      this.indexChanged = true;
    } else {
      // An entry not read yet is read when its turn comes; only read ones go stale.
      const entryId = docId as string as EntryId;
      if (this.absent.delete(entryId)) {
        this.queued.add(entryId);
        this.queue.push(entryId);
      } else if (this.loaded.has(entryId)) this.changedEntries.add(entryId);
      else return;
    }
    // The first change starts the clock and later ones join it: fast typing cannot
    // postpone the update for ever, and a burst costs one pass.
    this.timer ??= setTimeout(() => this.applyChanges(), this.debounceMs);
  }

  private applyChanges(): void {
    this.timer = null;
    if (this.disposed) return;
    if (this.indexChanged) {
      this.indexChanged = false;
      this.snapshot = this.session.index.read();
    }
    for (const entryId of this.changedEntries) {
      const ydoc = this.loaded.get(entryId);
      if (ydoc !== undefined) this.readText(entryId, ydoc);
    }
    this.changedEntries.clear();
    this.rebuild();
    this.notify();
    void this.loadQueued();
  }

  private async loadQueued(): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    try {
      while (!this.disposed && this.queue.length > 0) {
        await this.pause();
        if (this.isDisposed()) return;
        const batch: EntryId[] = [];
        for (const entryId of this.queue.splice(0, this.batchSize)) {
          this.queued.delete(entryId);
          if (this.snapshot.entries.get(entryId)?.withdrawn !== false) continue;
          if (this.session.holds?.(entryDocId(entryId)) === false) this.absent.add(entryId);
          else batch.push(entryId);
        }
        // The batch's documents are asked for together: one wait for the store, not one each.
        const loads = batch.map((entryId) =>
          this.session.entryDoc(entryId).then(
            (ydoc) => ({ entryId, ydoc, error: null }),
            (error: unknown) => ({ entryId, ydoc: null, error }),
          ),
        );
        for (const { entryId, ydoc, error } of await Promise.all(loads)) {
          if (this.isDisposed()) return;
          if (ydoc === null) {
            this.unreadable.add(entryId);
            log.warn('an entry could not be read for search', { error: String(error) });
            continue;
          }
          this.loaded.set(entryId, ydoc);
          this.readText(entryId, ydoc);
        }
        // Rebuilding also forgets an entry withdrawn while it was being read.
        this.rebuild();
        this.notify();
      }
    } finally {
      this.loading = false;
    }
  }

  private readText(entryId: EntryId, ydoc: Y.Doc): void {
    this.texts.set(entryId, foldText(entryTextFromDoc(ydoc)));
  }

  private rebuild(): void {
    const { meetings, entries, members } = this.snapshot;
    const next = new Map<string, SearchDocument>();
    const meetingsById = new Map<string, MeetingRecord>();
    for (const meeting of meetings) {
      meetingsById.set(meeting.id, meeting);
      next.set(`meeting:${meeting.id}`, this.meetingDocument(meeting));
    }
    const live = new Set<EntryId>();
    const unread: EntryId[] = [];
    for (const entry of entries.values()) {
      const meeting = meetingsById.get(entry.meetingId);
      if (entry.withdrawn || meeting === undefined) continue;
      live.add(entry.id);
      if (!this.isSettled(entry.id) && !this.queued.has(entry.id)) unread.push(entry.id);
      const author =
        entry.visibility === 'anonymous' || entry.authorId === null
          ? null
          : (members.get(entry.authorId)?.name ?? null);
      next.set(`entry:${entry.id}`, this.entryDocument(entry, meeting, author));
    }
    // Snapshot entries are oldest first; the newest are the likeliest to be looked for.
    for (const entryId of unread.reverse()) {
      this.queued.add(entryId);
      this.queue.push(entryId);
    }
    for (const entryId of this.absent) if (!live.has(entryId)) this.absent.delete(entryId);
    for (const entryId of [...this.texts.keys()]) {
      if (live.has(entryId)) continue;
      // Withdrawn or gone: its words leave this laptop's memory too.
      this.texts.delete(entryId);
      this.built.delete(`entry:${entryId}`);
      this.loaded.delete(entryId);
      this.changedEntries.delete(entryId);
    }
    this.documentsByKey = next;
  }

  // Rebuilding runs after every batch of entries read and after each burst of typing:
  // documents whose inputs did not change are reused rather than made again.
  private readonly built = new Map<
    string,
    { inputs: readonly unknown[]; document: SearchDocument }
  >();

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
      `meeting:${meeting.id}`,
      [meeting.title, meeting.date, meeting.prompts.map((prompt) => prompt.text).join('\n')],
      () => this.makeMeetingDocument(meeting),
    );
  }

  private makeMeetingDocument(meeting: MeetingRecord): SearchDocument {
    const prompts = meeting.prompts.map((prompt) => prompt.text).join('\n');
    return {
      key: `meeting:${meeting.id}`,
      group: 'meetings',
      target: { kind: 'meeting', meetingId: meeting.id },
      heading: foldText(meeting.title),
      headingKind: 'title',
      context: this.options.formatDate(meeting.date),
      body: prompts === '' ? null : foldText(prompts),
      veil: null,
      recency: Date.parse(`${meeting.date}T12:00:00Z`) || meeting.createdAt,
    };
  }

  private entryDocument(
    entry: EntryRecord,
    meeting: MeetingRecord,
    author: string | null,
  ): SearchDocument {
    return this.reuse(
      `entry:${entry.id}`,
      [
        entry.contentNote,
        entry.createdAt,
        meeting.id,
        meeting.title,
        meeting.date,
        author,
        this.texts.get(entry.id),
        this.options.isRevealed?.(entry.id) ?? false,
      ],
      () => this.makeEntryDocument(entry, meeting, author),
    );
  }

  private makeEntryDocument(
    entry: EntryRecord,
    meeting: MeetingRecord,
    author: string | null,
  ): SearchDocument {
    const revealed = this.options.isRevealed?.(entry.id) ?? false;
    return {
      key: `entry:${entry.id}`,
      group: 'entries',
      target: { kind: 'entry', meetingId: meeting.id, entryId: entry.id },
      heading: author === null ? null : this.foldName(author),
      headingKind: 'author',
      context: `${meeting.title} · ${this.options.formatDate(meeting.date)}`,
      body: this.texts.get(entry.id) ?? null,
      veil: entry.contentNote !== null && !revealed ? entry.contentNote : null,
      recency: entry.createdAt,
    };
  }

  private foldName(name: string): FoldedText {
    let folded = this.foldedNames.get(name);
    if (folded === undefined) {
      folded = foldText(name);
      this.foldedNames.set(name, folded);
    }
    return folded;
  }

  private isSettled(entryId: EntryId): boolean {
    return this.texts.has(entryId) || this.unreadable.has(entryId) || this.absent.has(entryId);
  }

  // A method, not the field: TypeScript would keep the field's value across an await.
  private isDisposed(): boolean {
    return this.disposed;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
