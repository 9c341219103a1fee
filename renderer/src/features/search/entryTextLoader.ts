/**
 * The words of a circle's entries for search, kept current as they change. Which entries
 * to read is the caller's to say (`track`); this module only reads, waits and follows.
 *
 * Where an entry's words come from:
 * - its live document, when this page holds it loaded (an editor, a peer's change): the
 *   page's copy is the truth, and its latest changes may not have reached the store yet;
 * - otherwise main's store (`storedTexts`), which then holds all of it. The page never
 *   loads an entry's document only to search it.
 *
 * - Entries are read in the background, in the order `track` queues them (newest first),
 *   a batch per turn with a pause between turns, so opening a circle and typing never
 *   wait for search. The stored ones of one turn are asked for in one request.
 * - An entry whose document this laptop does not hold yet (a laptop joining the circle) is
 *   read when it arrives.
 * - Changes arrive from `session.onDocUpdate` (local typing, peers, the store). They are
 *   gathered and applied at most once per `debounceMs`, whatever the typing rate: only
 *   entries already read (or being read) are read again, and the caller is told which.
 *   An answer from the store about an entry that changed while it was asked for is
 *   dropped: the change is read again, from the live document.
 */
import type * as Y from 'yjs';
import type { StoredEntryText } from '../../../../shared/ipc/contract';
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

/** The parts of a CircleSession (and of main) the loader reads; tests pass a small fake. */
export interface EntryTextSession {
  /** The document if this page holds it loaded; never loads it. */
  loadedDoc(docId: DocId): Y.Doc | undefined;
  /** True when this laptop holds `docId` (stored or live); absent ones are read on arrival. */
  holds?(docId: DocId): boolean;
  /** Entries' words from main's store, in the order asked. */
  storedTexts(entryIds: EntryId[]): Promise<StoredEntryText[]>;
  onDocUpdate(listener: (docId: DocId, update: Uint8Array, origin: unknown) => void): () => void;
}

/** How the loader paces itself and whom it tells. */
export interface EntryTextLoaderOptions {
  /** Longest wait between a change and the texts showing it. */
  debounceMs: number;
  /** Entries read per turn of the background load. */
  batchSize: number;
  /** Gives the page a turn between batches (and before the first). */
  pause: () => Promise<void>;
  /** False for an entry that should no longer be read (withdrawn, or gone). */
  shouldRead: (entryId: EntryId) => boolean;
  /**
   * Called after a batch of entries was read and after each burst of changes was
   * applied: `indexChanged` says the index document changed in that burst, `read` which
   * entries' words were read (or found unreadable) since the last call.
   */
  onRead: (indexChanged: boolean, read: ReadonlySet<EntryId>) => void;
}

/** Reads and follows the texts of a circle's entries for search. */
export class EntryTextLoader {
  private readonly texts = new Map<EntryId, FoldedText>();
  private readonly unreadable = new Set<EntryId>();
  /** Entries whose document has not reached this laptop yet: read when it does. */
  private readonly absent = new Set<EntryId>();
  private readonly queue: EntryId[] = [];
  private readonly queued = new Set<EntryId>();
  private readonly changedEntries = new Set<EntryId>();
  /** Entries asked of the store, with their change count when asked. */
  private readonly asked = new Map<EntryId, number>();
  /** Changes seen per entry, so a late answer from the store can be told stale. */
  private readonly changes = new Map<EntryId, number>();
  /** Entries read since the caller was last told. */
  private readonly read = new Set<EntryId>();
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
      if (this.isSettled(entryId) || this.queued.has(entryId) || this.asked.has(entryId)) {
        continue;
      }
      this.enqueue(entryId);
    }
    for (const entryId of this.absent) if (!live.has(entryId)) this.absent.delete(entryId);
    for (const entryId of [...this.texts.keys()]) {
      if (live.has(entryId)) continue;
      // Withdrawn or gone: its words leave this laptop's memory too.
      this.texts.delete(entryId);
      this.changedEntries.delete(entryId);
      this.changes.delete(entryId);
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
        const stored: EntryId[] = [];
        for (const entryId of this.queue.splice(0, this.options.batchSize)) {
          this.queued.delete(entryId);
          if (!this.options.shouldRead(entryId)) continue;
          const docId = entryDocId(entryId);
          const live = this.session.loadedDoc(docId);
          if (live !== undefined) this.readLive(entryId, live);
          else if (this.session.holds?.(docId) === false) {
            this.absent.add(entryId);
            this.read.add(entryId);
          } else stored.push(entryId);
        }
        if (stored.length > 0) await this.readStored(stored);
        if (this.isDisposed()) return;
        // The caller's rebuild also forgets an entry withdrawn while it was being read.
        this.tell(false);
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
    this.asked.clear();
    this.read.clear();
  }

  private async readStored(entryIds: EntryId[]): Promise<void> {
    for (const entryId of entryIds) this.asked.set(entryId, this.changes.get(entryId) ?? 0);
    let answers: StoredEntryText[];
    try {
      answers = await this.session.storedTexts(entryIds);
    } catch (error) {
      answers = entryIds.map((entryId) => ({ entryId, kind: 'unreadable', reason: String(error) }));
    }
    if (this.isDisposed()) return;
    const later: EntryId[] = [];
    for (const answer of answers) {
      const { entryId } = answer;
      const askedAt = this.asked.get(entryId);
      if (askedAt === undefined) continue;
      this.asked.delete(entryId);
      // Changed meanwhile: the change is already waiting to be read from the live document.
      if ((this.changes.get(entryId) ?? 0) !== askedAt) continue;
      switch (answer.kind) {
        case 'text':
          this.keep(entryId, answer.text);
          break;
        case 'absent':
          this.absent.add(entryId);
          this.read.add(entryId);
          break;
        case 'unreadable':
          this.unreadable.add(entryId);
          this.read.add(entryId);
          log.warn('an entry could not be read for search', { reason: answer.reason });
          break;
        case 'later':
          later.push(entryId);
          break;
      }
    }
    // Entries the store did not answer for (it never leaves one out, but a page must not
    // wait for ever on a wrong answer) are asked again later, like those it put off.
    for (const entryId of entryIds) {
      if (this.asked.delete(entryId)) later.push(entryId);
    }
    for (let i = later.length - 1; i >= 0; i--) this.enqueue(later[i]!, true);
  }

  private noteChange(docId: DocId): void {
    if (this.disposed) return;
    if (docId === INDEX_DOC_ID) {
      this.indexChanged = true;
    } else {
      const entryId = docId as string as EntryId;
      this.changes.set(entryId, (this.changes.get(entryId) ?? 0) + 1);
      if (this.absent.delete(entryId)) this.enqueue(entryId);
      else if (this.texts.has(entryId) || this.asked.has(entryId) || this.unreadable.has(entryId))
        this.changedEntries.add(entryId);
      // An entry not read yet is read when its turn comes; only read ones go stale.
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
      const live = this.session.loadedDoc(entryDocId(entryId));
      if (live !== undefined) this.readLive(entryId, live);
      // Let go of by the page since: the store has every change it made.
      else if (!this.queued.has(entryId)) this.enqueue(entryId, true);
    }
    this.changedEntries.clear();
    this.tell(indexChanged);
    void this.load();
  }

  private readLive(entryId: EntryId, ydoc: Y.Doc): void {
    this.keep(entryId, entryTextFromDoc(ydoc));
  }

  private keep(entryId: EntryId, text: string): void {
    this.texts.set(entryId, foldText(text));
    this.unreadable.delete(entryId);
    this.read.add(entryId);
  }

  private enqueue(entryId: EntryId, first = false): void {
    this.queued.add(entryId);
    if (first) this.queue.unshift(entryId);
    else this.queue.push(entryId);
  }

  private tell(indexChanged: boolean): void {
    const read = new Set(this.read);
    this.read.clear();
    this.options.onRead(indexChanged, read);
  }

  // A method, not the field: TypeScript would keep the field's value across an await.
  private isDisposed(): boolean {
    return this.disposed;
  }
}
