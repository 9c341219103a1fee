/**
 * This laptop's private journal, open: its index (shared/notebook/journal.ts) and the
 * draft bodies, kept like a circle's documents but never synced — nothing here is ever
 * handed to the sync layer. A draft leaves only by sharing it, which copies its words
 * into the circle and deletes the draft's own body document.
 */
import * as Y from 'yjs';
import type { HearthApi } from '../../../shared/ipc/contract';
import { copyEntryBody } from '../../../shared/notebook/entryCopy';
import { seedEntryBody } from '../../../shared/notebook/headlessEntry';
import {
  INDEX_DOC_ID,
  entryDocId,
  type CircleId,
  type DocId,
  type EntryId,
  type MeetingId,
} from '../../../shared/notebook/ids';
import { JournalIndex, type DraftRecord } from '../../../shared/notebook/journal';
import { STORE_ORIGIN } from '../../../shared/notebook/origins';
import type { CircleSession } from './circleSession';
import { LiveDocs } from './liveDocs';
import { SaveTracker } from './saveTracker';

/** The private journal, live. */
export class JournalSession {
  /** Whether saving is up to date. */
  readonly saves = new SaveTracker();
  private readonly docs: LiveDocs;

  private constructor(
    api: HearthApi,
    readonly journalId: CircleId,
    readonly index: JournalIndex,
    stored: ReadonlySet<DocId>,
  ) {
    this.docs = new LiveDocs(api, journalId, this.saves, stored);
    this.docs.track(INDEX_DOC_ID, index.ydoc);
  }

  /** Opens (making on first use) this laptop's journal. */
  static async open(api: HearthApi): Promise<JournalSession> {
    const { journalId } = await api.journal.open();
    const opened = await api.circles.open(journalId);
    const ydoc = new Y.Doc();
    if (opened.indexState !== null) Y.applyUpdate(ydoc, opened.indexState, STORE_ORIGIN);
    return new JournalSession(api, journalId, new JournalIndex(ydoc), new Set(opened.docIds));
  }

  /** Starts a draft, for a meeting or as a plain journal entry; returns its id. */
  startDraft(
    place: { circleId: CircleId; meetingId: MeetingId } | null,
    // An imported Markdown text writes its own first state instead of the empty paragraph.
    writeBody: (ydoc: Y.Doc) => void = seedEntryBody,
  ): EntryId {
    const draftId = this.index.addDraft(place);
    const ydoc = new Y.Doc();
    this.docs.adopt(entryDocId(draftId), ydoc);
    writeBody(ydoc);
    return draftId;
  }

  /** A draft's body document. */
  draftDoc(draftId: EntryId): Promise<Y.Doc> {
    return this.docs.get(entryDocId(draftId));
  }

  /** The draft's record, if it is still in the journal. */
  draft(draftId: EntryId): DraftRecord | undefined {
    return this.index.read().find((draft) => draft.id === draftId);
  }

  /**
   * Shares a draft with a circle (named or anonymous): a fresh copy of its words
   * becomes the circle's entry, and the draft's own body is deleted from the journal;
   * the journal keeps only a note of where it went. Returns the new entry's id.
   */
  async share(
    draftId: EntryId,
    circle: CircleSession,
    meetingId: MeetingId,
    anonymous: boolean,
  ): Promise<EntryId> {
    const draft = this.draft(draftId);
    const ydoc = await this.draftDoc(draftId);
    const body = await copyEntryBody(Y.encodeStateAsUpdate(ydoc));
    const { entryId, anonymousClient } = circle.publish({
      meetingId,
      body,
      anonymous,
      contentNote: draft?.contentNote ?? null,
      exportable: draft?.exportable ?? true,
    });
    this.index.update(draftId, {
      sharedAs: { circleId: circle.circleId, entryId, anonymousClient },
    });
    await this.docs.remove(entryDocId(draftId));
    return entryId;
  }

  /** Throws a draft away: its record and its words. */
  async discard(draftId: EntryId): Promise<void> {
    this.index.discard(draftId);
    await this.docs.remove(entryDocId(draftId));
  }

  /** Where this laptop shared an entry, if it did (how it knows its anonymous entries). */
  sharedEntry(circleId: CircleId, entryId: EntryId): DraftRecord | undefined {
    return this.index
      .read()
      .find((draft) => draft.sharedAs?.circleId === circleId && draft.sharedAs.entryId === entryId);
  }

  /** Calls `listener` after every change to any journal document; returns its cleanup. */
  onDocUpdate(listener: (docId: DocId) => void): () => void {
    return this.docs.onUpdate((docId) => listener(docId));
  }

  /** Saves what is pending and closes. */
  async close(): Promise<void> {
    await this.docs.close();
    this.index.dispose();
  }
}
