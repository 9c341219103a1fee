/**
 * One open circle on this laptop: its index document, the entry documents loaded so
 * far, and their link to the store. The renderer holds the live documents; main holds
 * the files. Entry documents load on demand, once, and stay loaded while the circle is
 * open, so an editor, a search and (later) a peer all share one copy.
 */
import * as Y from 'yjs';
import type { CircleProfile, CircleSummary, HearthApi } from '../../../shared/ipc/contract';
import { CircleIndex, type NewMeeting } from '../../../shared/notebook/circleIndex';
import { seedEntryBody } from '../../../shared/notebook/headlessEntry';
import {
  INDEX_DOC_ID,
  entryDocId,
  newId,
  type CircleId,
  type DocId,
  type EntryId,
  type MeetingId,
} from '../../../shared/notebook/ids';
import { STORE_ORIGIN } from '../../../shared/notebook/origins';
import type { EntryVisibility } from '../../../shared/notebook/schema';
import { persistDoc, type DocPersistence } from './docPersistence';
import { SaveTracker } from './saveTracker';

/** Hears every change to any of the circle's documents, with the change's origin. */
export type DocUpdateListener = (docId: DocId, update: Uint8Array, origin: unknown) => void;

/** A live, persisted circle. */
export class CircleSession {
  /** Whether saving is up to date, for the status line. */
  readonly saves = new SaveTracker();
  private readonly entryDocs = new Map<EntryId, Promise<Y.Doc>>();
  private readonly loadedDocs = new Map<DocId, Y.Doc>();
  private readonly persistence = new Map<DocId, DocPersistence>();
  private readonly updateListeners = new Set<DocUpdateListener>();
  private readonly addedListeners = new Set<(docId: DocId) => void>();
  private closed = false;

  private constructor(
    private readonly api: HearthApi,
    readonly summary: CircleSummary,
    readonly profile: CircleProfile,
    readonly index: CircleIndex,
    /** Every document the store held when the circle opened. */
    readonly storedDocIds: ReadonlySet<DocId>,
  ) {
    this.track(INDEX_DOC_ID, index.ydoc);
  }

  /** Opens a circle: reads its profile and its index document from the store. */
  static async open(api: HearthApi, circleId: CircleId): Promise<CircleSession> {
    const opened = await api.circles.open(circleId);
    const ydoc = new Y.Doc();
    const state = await api.docs.load(circleId, INDEX_DOC_ID);
    if (state !== null) Y.applyUpdate(ydoc, state, STORE_ORIGIN);
    const session = new CircleSession(
      api,
      opened.summary,
      opened.profile,
      new CircleIndex(ydoc),
      new Set(opened.docIds),
    );
    session.ensureMember();
    return session;
  }

  /**
   * Writes this laptop's member into the index if it is not there: a laptop that joined
   * from an invite introduces itself this way, and the record merges with the notebook
   * when it arrives from the others.
   */
  private ensureMember(): void {
    const { profile } = this;
    this.index.registerClient(profile.memberId);
    if (this.index.read().members.has(profile.memberId)) return;
    this.index.upsertMember({
      id: profile.memberId,
      name: profile.memberName,
      colour: profile.colour,
      joinedAt: Date.now(),
      agreedAt: null,
      agreedVersion: null,
    });
  }

  /** The circle's id. */
  get circleId(): CircleId {
    return this.summary.id;
  }

  /** The entry's body document, loaded from the store the first time it is asked for. */
  entryDoc(entryId: EntryId): Promise<Y.Doc> {
    let loading = this.entryDocs.get(entryId);
    if (loading === undefined) {
      loading = this.loadEntryDoc(entryId);
      this.entryDocs.set(entryId, loading);
    }
    return loading;
  }

  /** Every document this laptop holds for the circle: stored, loaded or just made. */
  docIds(): DocId[] {
    return [...new Set([...this.storedDocIds, ...this.loadedDocs.keys()])];
  }

  /** A loaded document, if it is loaded. */
  loadedDoc(docId: DocId): Y.Doc | undefined {
    return this.loadedDocs.get(docId);
  }

  /** Calls `listener` for every change to every document; returns its cleanup. */
  onDocUpdate(listener: DocUpdateListener): () => void {
    this.updateListeners.add(listener);
    return () => this.updateListeners.delete(listener);
  }

  /** Calls `listener` when a document is loaded or made; returns its cleanup. */
  onDocAdded(listener: (docId: DocId) => void): () => void {
    this.addedListeners.add(listener);
    return () => this.addedListeners.delete(listener);
  }

  /** Adds a meeting to the notebook. */
  addMeeting(meeting: Omit<NewMeeting, 'createdBy'>): MeetingId {
    return this.index.addMeeting({ ...meeting, createdBy: this.profile.memberId });
  }

  /**
   * Creates an entry in a meeting: its body is seeded with one empty paragraph here,
   * once, before any editor sees it, then its record is added to the index.
   */
  createEntry(meetingId: MeetingId, visibility: EntryVisibility = 'circle'): EntryId {
    const entryId = newId<EntryId>();
    const ydoc = new Y.Doc();
    this.track(entryDocId(entryId), ydoc);
    seedEntryBody(ydoc);
    this.entryDocs.set(entryId, Promise.resolve(ydoc));
    this.index.addEntry(
      {
        meetingId,
        authorId: visibility === 'anonymous' ? null : this.profile.memberId,
        visibility,
      },
      Date.now(),
      entryId,
    );
    return entryId;
  }

  /** Resolves once every change made so far is on this laptop's disk. */
  async settle(): Promise<void> {
    await Promise.all([...this.persistence.values()].map((p) => p.settled()));
    await this.api.docs.flush();
  }

  /** Saves what is pending, then lets go of the documents. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.settle();
    for (const persistence of this.persistence.values()) persistence.detach();
    this.updateListeners.clear();
    this.addedListeners.clear();
    this.index.dispose();
    this.index.ydoc.destroy();
    for (const loading of this.entryDocs.values()) void loading.then((doc) => doc.destroy());
  }

  private async loadEntryDoc(entryId: EntryId): Promise<Y.Doc> {
    const ydoc = new Y.Doc();
    const state = await this.api.docs.load(this.circleId, entryDocId(entryId));
    if (state !== null) Y.applyUpdate(ydoc, state, STORE_ORIGIN);
    this.track(entryDocId(entryId), ydoc);
    return ydoc;
  }

  private track(docId: DocId, ydoc: Y.Doc): void {
    this.loadedDocs.set(docId, ydoc);
    this.persistence.set(docId, persistDoc(this.api, this.circleId, docId, ydoc, this.saves));
    ydoc.on('update', (update: Uint8Array, origin: unknown) => {
      for (const listener of [...this.updateListeners]) listener(docId, update, origin);
    });
    for (const listener of [...this.addedListeners]) listener(docId);
  }
}
