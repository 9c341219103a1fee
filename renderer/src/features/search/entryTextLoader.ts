/**
 * The words of a circle's entries, read from their live documents for search and kept
 * current as they change. Which entries to read is the caller's to say (`track`); this
 * module only reads, waits and follows.
 *
 * - Entries are read in the background, in the order `track` queues them (newest first),
 *   a few per turn with a pause between turns, so opening a circle and typing never wait
 *   for search. The documents of one turn are asked for together.
 * - An entry whose document this laptop does not hold yet (a laptop joining the circle) is
 *   read when it arrives: making an empty one here would only be read twice, and race
 *   the join for the same work.
 * - Changes arrive from `session.onDocUpdate` (local typing, peers, the store). They are
 *   gathered and applied at most once per `debounceMs`, whatever the typing rate: only
 *   the entries already read are read again, and a change to the index is passed on.
 */
import type * as Y from 'yjs';
import { logger } from '../../../../shared/log';
import { entryTextFromDoc } from '../../../../shared/notebook/entryText';
import {
  INDEX_DOC_ID,
  entryDocId,
  type DocId,
  type EntryId,
} from '../../../../shared/notebook/ids';
import { foldText, type FoldedText } from './searchText';

const log = logger('search');

/** The parts of a CircleSession the loader reads (tests pass a small fake). */
export interface EntryTextSession {
  entryDoc(entryId: EntryId): Promise<Y.Doc>;
  /** True when this laptop holds `docId` (stored or live); absent ones are read on arrival. */
  holds?(docId: DocId): boolean;
  onDocUpdate(listener: (docId: DocId, update: Uint8Array, origin: unknown) => void): () => void;
}

/** How the loader paces itself and whom it tells. */
export interface EntryTextLoaderOptions {
  /** Longest wait between a change and the texts showing it. */
  debounceMs: number;
  /** Entry documents read per turn of the background load. */
  batchSize: number;
  /** Gives the page a turn between batches (and before the first). */
  pause: () => Promise<void>;
  /** False for an entry that should no longer be read (withdrawn, or gone). */
  shouldRead: (entryId: EntryId) => boolean;
  /**
   * Called after a batch of entries was read and after each burst of changes was
   * applied; `indexChanged` says the index document changed in that burst.
   */
  onRead: (indexChanged: boolean) => void;
}

/** Reads and follows the texts of a circle's entries for search. */
export class EntryTextLoader {
  private readonly texts = new Map<EntryId, FoldedText>();
  private readonly loaded = new Map<EntryId, Y.Doc>();
  private readonly unreadable = new Set<EntryId>();
  /** Entries whose document has not reached this laptop yet: read when it does. */
  private readonly absent = new Set<EntryId>();
  private readonly queue: EntryId[] = [];
  private readonly queued = new Set<EntryId>();
  private readonly changedEntries = new Set<EntryId>();
  private readonly stopListening: () => void;
  private indexChanged = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private loading = false;
  private disposed = false;

  constructor(
    private readonly session: EntryTextSession,
    private readonly options: EntryTextLoaderOptions,
  ) {
    this.stopListening = session.onDocUpdate((docId) => this.noteChange(docId));
  }

  /** An entry's folded words, once read. */
  text(entryId: EntryId): FoldedText | undefined {
    return this.texts.get(entryId);
  }

  /** True once the entry's words are read, could not be read, or wait for its document. */
  isSettled(entryId: EntryId): boolean {
    return this.texts.has(entryId) || this.unreadable.has(entryId) || this.absent.has(entryId);
  }

  /**
   * Says which entries are live, oldest first: those not read yet are queued newest
   * first (the likeliest to be looked for), and the words of all others are forgotten.
   * Reading starts at the next `load()` or change.
   */
  track(liveOldestFirst: readonly EntryId[]): void {
    const live = new Set(liveOldestFirst);
    for (let i = liveOldestFirst.length - 1; i >= 0; i--) {
      const entryId = liveOldestFirst[i]!;
      if (this.isSettled(entryId) || this.queued.has(entryId)) continue;
      this.queued.add(entryId);
      this.queue.push(entryId);
    }
    for (const entryId of this.absent) if (!live.has(entryId)) this.absent.delete(entryId);
    for (const entryId of [...this.texts.keys()]) {
      if (live.has(entryId)) continue;
      // Withdrawn or gone: its words leave this laptop's memory too.
      this.texts.delete(entryId);
      this.loaded.delete(entryId);
      this.changedEntries.delete(entryId);
    }
  }

  /** Reads the queued entries in the background, a batch per turn. */
  async load(): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    try {
      while (!this.disposed && this.queue.length > 0) {
        await this.options.pause();
        if (this.isDisposed()) return;
        const batch: EntryId[] = [];
        for (const entryId of this.queue.splice(0, this.options.batchSize)) {
          this.queued.delete(entryId);
          if (!this.options.shouldRead(entryId)) continue;
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
        // The caller's rebuild also forgets an entry withdrawn while it was being read.
        this.options.onRead(false);
      }
    } finally {
      this.loading = false;
    }
  }

  /** Resolves once every entry queued now has been read and no change is pending. */
  async settled(): Promise<void> {
    while (!this.disposed && (this.loading || this.queue.length > 0 || this.timer !== null)) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Stops following changes and loading, and forgets every word read. */
  dispose(): void {
    this.disposed = true;
    this.stopListening();
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.texts.clear();
    this.loaded.clear();
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
    this.timer ??= setTimeout(() => this.applyChanges(), this.options.debounceMs);
  }

  private applyChanges(): void {
    this.timer = null;
    if (this.disposed) return;
    const indexChanged = this.indexChanged;
    this.indexChanged = false;
    for (const entryId of this.changedEntries) {
      const ydoc = this.loaded.get(entryId);
      if (ydoc !== undefined) this.readText(entryId, ydoc);
    }
    this.changedEntries.clear();
    this.options.onRead(indexChanged);
    void this.load();
  }

  private readText(entryId: EntryId, ydoc: Y.Doc): void {
    this.texts.set(entryId, foldText(entryTextFromDoc(ydoc)));
  }

  // A method, not the field: TypeScript would keep the field's value across an await.
  private isDisposed(): boolean {
    return this.disposed;
  }
}
