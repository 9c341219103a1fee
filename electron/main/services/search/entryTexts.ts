/**
 * Entries' plain texts for search, read from main's own copy of the notebook (the store),
 * so the renderer never loads an entry's document only to search it.
 *
 * - Each text is read once (`entryTextFromState`, the reader export uses) and kept; the
 *   folder's change notice (an update queued, the document removed) drops it, and a text
 *   read while such a change landed is answered but not kept.
 * - The kept texts are bounded ({@link MAX_KEPT_CHARS}); the least recently asked for go
 *   first. They are words the store already holds in memory, never written anywhere.
 * - A reply stays within what the browser-mode wire carries ({@link REPLY_BUDGET_BYTES}):
 *   entries past it are answered `later`, and one longer than {@link MAX_TEXT_CHARS}
 *   comes cut. A document that cannot be read fails alone (`unreadable`).
 */
import { Buffer } from 'node:buffer';
import type { InvokeHandlers, StoredEntryText } from '../../../../shared/ipc/contract';
import { logger } from '../../../../shared/log';
import { entryTextFromState } from '../../../../shared/notebook/entryText';
import {
  entryDocId,
  type CircleId,
  type DocId,
  type EntryId,
} from '../../../../shared/notebook/ids';

const log = logger('search');

/** Characters of text kept across all circles (about 50 MB of strings at most). */
export const MAX_KEPT_CHARS = 24_000_000;
/** JSON bytes of text one reply may carry: the wire's JSON part holds 4 MB. */
export const REPLY_BUDGET_BYTES = 2_000_000;
/** The longest text answered; even at 6 JSON bytes a character it fits one reply. */
export const MAX_TEXT_CHARS = 300_000;

/** The parts of a circle's folder the texts are read from. */
export interface EntryTextFolder {
  load(docId: DocId): Promise<Uint8Array | null>;
  onDocChanged(listener: (docId: DocId) => void): () => void;
}

/** Kept texts per folder, with a change count per document. */
interface FolderTexts {
  readonly key: number;
  readonly texts: Map<DocId, string>;
  readonly changes: Map<DocId, number>;
}

/** Reads and keeps entries' texts from the store's folders. */
export class EntryTexts {
  private readonly folders = new WeakMap<EntryTextFolder, FolderTexts>();
  /** Every kept text, least recently asked for first, with its folder. */
  private readonly order = new Map<string, { kept: FolderTexts; docId: DocId; chars: number }>();
  private keptChars = 0;
  private nextFolderKey = 0;

  constructor(private readonly maxKeptChars = MAX_KEPT_CHARS) {}

  /** The texts of `entryIds` in `folder`, in the order asked (duplicates answered once). */
  async read(folder: EntryTextFolder, entryIds: readonly EntryId[]): Promise<StoredEntryText[]> {
    const kept = this.keptFor(folder);
    const answers: StoredEntryText[] = [];
    let budget = REPLY_BUDGET_BYTES;
    for (const entryId of new Set(entryIds)) {
      if (budget <= 0) {
        answers.push({ entryId, kind: 'later' });
        continue;
      }
      const answer = await this.readOne(folder, kept, entryId);
      if (answer.kind === 'text') {
        const bytes = Buffer.byteLength(JSON.stringify(answer.text));
        if (bytes > budget && answers.some((a) => a.kind === 'text')) {
          answers.push({ entryId, kind: 'later' });
          budget = 0;
          continue;
        }
        budget -= bytes;
      }
      answers.push(answer);
    }
    return answers;
  }

  /** How many characters are kept now (tests). */
  get keptCharacters(): number {
    return this.keptChars;
  }

  private async readOne(
    folder: EntryTextFolder,
    kept: FolderTexts,
    entryId: EntryId,
  ): Promise<StoredEntryText> {
    const docId = entryDocId(entryId);
    const known = kept.texts.get(docId);
    if (known !== undefined) {
      this.touch(kept, docId);
      return textAnswer(entryId, known);
    }
    const changesBefore = kept.changes.get(docId) ?? 0;
    let text: string;
    try {
      const state = await folder.load(docId);
      if (state === null) return { entryId, kind: 'absent' };
      text = entryTextFromState(state);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log.warn('an entry could not be read for search', { reason });
      return { entryId, kind: 'unreadable', reason };
    }
    // Kept only when no change landed meanwhile: the next request reads it again.
    if ((kept.changes.get(docId) ?? 0) === changesBefore) this.keep(kept, docId, text);
    return textAnswer(entryId, text);
  }

  private keptFor(folder: EntryTextFolder): FolderTexts {
    let kept = this.folders.get(folder);
    if (kept === undefined) {
      const made: FolderTexts = { key: this.nextFolderKey++, texts: new Map(), changes: new Map() };
      kept = made;
      this.folders.set(folder, made);
      folder.onDocChanged((docId) => {
        made.changes.set(docId, (made.changes.get(docId) ?? 0) + 1);
        this.forget(made, docId);
      });
    }
    return kept;
  }

  private orderKey(kept: FolderTexts, docId: DocId): string {
    return `${String(kept.key)}/${docId}`;
  }

  private keep(kept: FolderTexts, docId: DocId, text: string): void {
    if (text.length > this.maxKeptChars) return;
    this.forget(kept, docId);
    kept.texts.set(docId, text);
    this.order.set(this.orderKey(kept, docId), { kept, docId, chars: text.length });
    this.keptChars += text.length;
    for (const [key, oldest] of this.order) {
      if (this.keptChars <= this.maxKeptChars) break;
      this.order.delete(key);
      oldest.kept.texts.delete(oldest.docId);
      this.keptChars -= oldest.chars;
    }
  }

  private touch(kept: FolderTexts, docId: DocId): void {
    const key = this.orderKey(kept, docId);
    const place = this.order.get(key);
    if (place === undefined) return;
    this.order.delete(key);
    this.order.set(key, place);
  }

  private forget(kept: FolderTexts, docId: DocId): void {
    if (!kept.texts.delete(docId)) return;
    const key = this.orderKey(kept, docId);
    const place = this.order.get(key);
    this.order.delete(key);
    this.keptChars -= place?.chars ?? 0;
  }
}

function textAnswer(entryId: EntryId, text: string): StoredEntryText {
  const cut = text.length > MAX_TEXT_CHARS;
  return { entryId, kind: 'text', text: cut ? text.slice(0, MAX_TEXT_CHARS) : text, cut };
}

/** The handler of `hearth:search:entryTexts`, over the folders `circle` opens. */
export function searchHandlers(
  circle: (circleId: CircleId) => Promise<EntryTextFolder>,
  texts = new EntryTexts(),
): Pick<InvokeHandlers, 'hearth:search:entryTexts'> {
  return {
    'hearth:search:entryTexts': async (circleId, entryIds) =>
      texts.read(await circle(circleId), entryIds),
  };
}
