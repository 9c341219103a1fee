/**
 * The private journal as a search source: each unshared draft or journal entry is one
 * document in the "Journal" group. Its words are read only in this renderer's memory,
 * like everything search holds, and never leave this laptop.
 */
import type { DraftRecord } from '../../../../shared/notebook/journal';
import { entryTextFromDoc } from '../../../../shared/notebook/entryText';
import type { EntryId } from '../../../../shared/notebook/ids';
import type { JournalSession } from '../../live-documents/journalSession';
import type { SearchDocument, SearchProgress, SearchSource } from './searchSource';
import { foldText } from './searchText';

// A burst of typing re-reads the journal once, not on every keystroke.
const REREAD_AFTER_MS = 250;

/** Keeps the journal's texts current for search. */
export class JournalSearchSource implements SearchSource {
  private readonly texts = new Map<EntryId, string>();
  private readonly listeners = new Set<() => void>();
  private current: SearchDocument[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  private readonly stops: (() => void)[];

  constructor(
    private readonly journal: JournalSession,
    private readonly formatWhen: (at: number) => string,
  ) {
    this.stops = [
      journal.index.subscribe(() => this.rereadSoon()),
      journal.onDocUpdate(() => this.rereadSoon()),
    ];
    this.rereadSoon();
  }

  /** The journal's documents now. */
  documents(): Iterable<SearchDocument> {
    return this.current;
  }

  /** Calls `listener` after the documents change. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** How many drafts have been read. */
  progress(): SearchProgress {
    const drafts = this.drafts();
    return {
      ready: drafts.filter((draft) => this.texts.has(draft.id)).length,
      total: drafts.length,
    };
  }

  /** Stops following the journal. */
  dispose(): void {
    this.disposed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    for (const stop of this.stops) stop();
    this.listeners.clear();
  }

  private drafts(): DraftRecord[] {
    return this.journal.index.read().filter((draft) => draft.sharedAs === null);
  }

  private rereadSoon(): void {
    if (this.disposed || this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.reread();
    }, REREAD_AFTER_MS);
  }

  private async reread(): Promise<void> {
    const drafts = this.drafts();
    for (const draft of drafts) {
      const ydoc = await this.journal.draftDoc(draft.id).catch(() => null);
      if (this.disposed) return;
      if (ydoc !== null) this.texts.set(draft.id, entryTextFromDoc(ydoc));
    }
    this.current = drafts.map((draft) => ({
      key: `journal:${draft.id}`,
      group: 'journal',
      target: { kind: 'journal', id: draft.id },
      heading: null,
      headingKind: 'author',
      context: this.formatWhen(draft.createdAt),
      body: foldText(this.texts.get(draft.id) ?? ''),
      veil: null,
      recency: draft.createdAt,
    }));
    for (const listener of [...this.listeners]) listener();
  }
}
