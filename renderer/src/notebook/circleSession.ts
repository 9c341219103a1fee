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

/** A live, persisted circle. */
export class CircleSession {
  /** Whether saving is up to date, for the status line. */
  readonly saves = new SaveTracker();
  private readonly entryDocs = new Map<EntryId, Promise<Y.Doc>>();
  private readonly persistence = new Map<DocId, DocPersistence>();
  private closed = false;

  private constructor(
    private readonly api: HearthApi,
    readonly summary: CircleSummary,
    readonly profile: CircleProfile,
    readonly index: CircleIndex,
    /** Every document the store held when the circle opened. */
    readonly storedDocIds: ReadonlySet<DocId>,
  ) {
    this.persistence.set(
      INDEX_DOC_ID,
      persistDoc(api, this.circleId, INDEX_DOC_ID, index.ydoc, this.saves),
    );
  }

  /** Opens a circle: reads its profile and its index document from the store. */
  static async open(api: HearthApi, circleId: CircleId): Promise<CircleSession> {
    const opened = await api.circles.open(circleId);
    const ydoc = new Y.Doc();
    const state = await api.docs.load(circleId, INDEX_DOC_ID);
    if (state !== null) Y.applyUpdate(ydoc, state, STORE_ORIGIN);
    return new CircleSession(
      api,
      opened.summary,
      opened.profile,
      new CircleIndex(ydoc),
      new Set(opened.docIds),
    );
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
    this.track(entryId, ydoc);
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
    this.index.dispose();
    this.index.ydoc.destroy();
    for (const loading of this.entryDocs.values()) void loading.then((doc) => doc.destroy());
  }

  private async loadEntryDoc(entryId: EntryId): Promise<Y.Doc> {
    const ydoc = new Y.Doc();
    const state = await this.api.docs.load(this.circleId, entryDocId(entryId));
    if (state !== null) Y.applyUpdate(ydoc, state, STORE_ORIGIN);
    this.track(entryId, ydoc);
    return ydoc;
  }

  private track(entryId: EntryId, ydoc: Y.Doc): void {
    const docId = entryDocId(entryId);
    this.persistence.set(docId, persistDoc(this.api, this.circleId, docId, ydoc, this.saves));
  }
}
