/**
 * One open circle on this laptop: its index document and entry documents (./liveDocs.ts)
 * and their link to the store. The renderer holds the live documents; main holds the
 * files.
 *
 * An entry its author withdrew is let go here as soon as the index says so — at open,
 * or the moment the withdrawal arrives from a peer — and its files are deleted; it is
 * never loaded or made again, whatever a peer sends later.
 */
import * as Y from 'yjs';
import type {
  CircleProfile,
  CircleSummary,
  HearthApi,
  StoredDiff,
  StoredDiffRequest,
  StoredStateVector,
} from '../../../shared/ipc/contract';
import { CircleIndex, type NewMeeting } from '../../../shared/notebook/circleIndex';
import {
  INDEX_DOC_ID,
  entryDocId,
  newId,
  type CircleId,
  type DocId,
  type EntryId,
  type MeetingId,
} from '../../../shared/notebook/ids';
import { LOCAL_ORIGIN, PEER_ORIGIN, STORE_ORIGIN } from '../../../shared/notebook/origins';
import { repairDanglingText } from '../../../shared/notebook/danglingText';
import { seedEntryBody } from '../../../shared/notebook/headlessEntry';
import { INDEX_ROOT } from '../../../shared/notebook/schema';
import { removeRefusedWords } from '../../../shared/notebook/refusedWords';
import { logger } from '../../../shared/log';
import type { DocUpdate } from '../../../shared/sync/peerProtocol';
import { LiveDocs, type DocUpdateListener } from './liveDocs';
import { SaveTracker } from './saveTracker';
import { settleGuessedColour } from './guessedColour';

export type { DocUpdateListener } from './liveDocs';

const log = logger('notebook');

/** Main's answers about stored documents of this circle (`CircleSession.storedDocs`). */
export interface StoredDocQuestions {
  stateVectors(docIds: DocId[]): Promise<StoredStateVector[]>;
  diffs(requests: StoredDiffRequest[]): Promise<StoredDiff[]>;
}

/** How a draft becomes an entry of the circle. */
export interface Publication {
  meetingId: MeetingId;
  /** The entry body (a fresh copy: see shared/notebook/entryCopy.ts). */
  body: Uint8Array;
  anonymous: boolean;
  contentNote: string | null;
  exportable: boolean;
}

/**
 * Repairs an entry body whenever a change leaves words without a text node, before any
 * editor sees them (shared/notebook/danglingText.ts). That happens when a peer's words
 * land after a node that was replaced here, or a node is replaced here while a peer's
 * words wait to reach the editor; so: after a peer's change, or any change that deleted
 * something. Editors receive outside changes a task later (entryProvider.ts), so they
 * get the words and their repair together.
 */
function keepConcurrentWords(ydoc: Y.Doc): void {
  repairDanglingText(ydoc, LOCAL_ORIGIN);
  ydoc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.origin === PEER_ORIGIN || transaction.deleteSet.clients.size > 0) {
      repairDanglingText(ydoc, LOCAL_ORIGIN);
    }
  });
}

/** A live, persisted circle. */
export class CircleSession {
  /** Whether saving is up to date, for the status line. */
  readonly saves = new SaveTracker();
  private readonly docs: LiveDocs;
  private closed = false;
  private readonly stopWatchingWithdrawals: () => void;
  private stopSettlingColour: () => void = () => undefined;
  private readonly profileListeners = new Set<() => void>();

  private constructor(
    private readonly api: HearthApi,
    private currentSummary: CircleSummary,
    private currentProfile: CircleProfile,
    readonly index: CircleIndex,
    storedDocIds: ReadonlySet<DocId>,
  ) {
    this.docs = new LiveDocs(api, currentSummary.id, this.saves, storedDocIds);
    this.docs.track(INDEX_DOC_ID, index.ydoc);
    this.docs.onAdded((docId) => {
      const ydoc = this.docs.peek(docId);
      if (docId === INDEX_DOC_ID || ydoc === undefined) return;
      keepConcurrentWords(ydoc);
      this.keepWritingRule(docId);
      // A change made here by someone the rule does not allow (an editor that had not yet
      // turned read-only) goes at once: peers refuse it anyway.
      ydoc.on('afterTransaction', () => this.keepWritingRule(docId));
    });
    this.stopWatchingWithdrawals = index.subscribe(() => {
      this.letGoOfWithdrawn();
      for (const docId of this.docs.ids()) if (docId !== INDEX_DOC_ID) this.keepWritingRule(docId);
    });
    this.letGoOfWithdrawn();
  }

  /** Opens a circle: reads its profile and its index document from the store. */
  static async open(api: HearthApi, circleId: CircleId): Promise<CircleSession> {
    const opened = await api.circles.open(circleId);
    const ydoc = new Y.Doc();
    if (opened.indexState !== null) Y.applyUpdate(ydoc, opened.indexState, STORE_ORIGIN);
    const session = new CircleSession(
      api,
      opened.summary,
      opened.profile,
      new CircleIndex(ydoc),
      new Set(opened.docIds),
    );
    session.ensureMember();
    session.settleColour();
    return session;
  }

  /** The circle as the switcher lists it. */
  get summary(): CircleSummary {
    return this.currentSummary;
  }

  /** Who this laptop is in the circle (its colour can settle once after joining). */
  get profile(): CircleProfile {
    return this.currentProfile;
  }

  /** Calls `listener` when this laptop's profile changes; returns its cleanup. */
  onProfileChange(listener: () => void): () => void {
    this.profileListeners.add(listener);
    return () => this.profileListeners.delete(listener);
  }

  /** The circle's id. */
  get circleId(): CircleId {
    return this.summary.id;
  }

  /** Every document this laptop holds for the circle. */
  docIds(): DocId[] {
    return this.docs.ids();
  }

  /** True when this laptop holds `docId` (as `docIds()` would say, without listing them all). */
  holds(docId: DocId): boolean {
    return this.docs.holds(docId);
  }

  /** A loaded document, if it is loaded. */
  loadedDoc(docId: DocId): Y.Doc | undefined {
    return this.docs.peek(docId);
  }

  /**
   * Questions main answers from its stored copy of this circle's documents, without
   * loading them here (a peer link's opening, renderer/src/sync/sessionDocs.ts).
   */
  storedDocs(): StoredDocQuestions {
    return {
      stateVectors: (docIds) => this.api.docs.stateVectors(this.circleId, docIds),
      diffs: (requests) => this.api.docs.diffs(this.circleId, requests),
    };
  }

  /** True for an entry whose author withdrew it (or one this laptop let go). */
  isWithdrawn(entryId: EntryId): boolean {
    return (
      this.docs.isRemoved(entryDocId(entryId)) ||
      this.index.read().entries.get(entryId)?.withdrawn === true
    );
  }

  /**
   * True when a peer's whole `docId` may go straight to the store (`writeNewDocs`): an
   * entry this laptop holds neither stored nor live, and not one its author withdrew.
   */
  takesNewDoc(docId: DocId): boolean {
    if (docId === INDEX_DOC_ID) return false;
    return !this.isWithdrawn(docId as string as EntryId) && this.docs.takesNew(docId);
  }

  /**
   * Writes a peer's whole entries, checked by sync, to the store in one request without
   * making them live (a laptop joining the circle); each is held from now on.
   */
  writeNewDocs(docs: readonly DocUpdate[]): void {
    this.docs.writeNew(docs);
  }

  /** The entry's body document, loaded from the store the first time it is asked for. */
  entryDoc(entryId: EntryId): Promise<Y.Doc> {
    if (this.isWithdrawn(entryId)) return Promise.reject(new Error('This entry was withdrawn.'));
    return this.docs.get(entryDocId(entryId));
  }

  /** Calls `listener` for every change to every document; returns its cleanup. */
  onDocUpdate(listener: DocUpdateListener): () => void {
    return this.docs.onUpdate(listener);
  }

  /** Calls `listener` when a document is loaded or made; returns its cleanup. */
  onDocAdded(listener: (docId: DocId) => void): () => void {
    return this.docs.onAdded(listener);
  }

  /** Adds a meeting to the notebook. */
  addMeeting(meeting: Omit<NewMeeting, 'createdBy'>): MeetingId {
    return this.index.addMeeting({ ...meeting, createdBy: this.profile.memberId });
  }

  /**
   * Publishes an entry: its body document first, then its record — named, or written
   * by a nameless client (shared/notebook/anonymousWrite.ts) so nothing in the shared
   * documents points to its author. Returns the entry id and, for an anonymous entry,
   * the nameless client id its author keeps privately.
   */
  publish(publication: Publication): { entryId: EntryId; anonymousClient: number | null } {
    const entryId = newId<EntryId>();
    const ydoc = new Y.Doc();
    this.docs.adopt(entryDocId(entryId), ydoc);
    let anonymousClient: number | null = null;
    // The copy's writer is named the author's, so the entry follows the writing rule.
    const [bodyClient, ...others] = [
      ...Y.decodeStateVector(Y.encodeStateVectorFromUpdate(publication.body)).keys(),
    ];
    if (publication.anonymous) {
      anonymousClient = this.index.addAnonymousEntry(
        publication.meetingId,
        entryId,
        Date.now(),
        bodyClient ?? ydoc.clientID,
      );
    } else {
      this.index.addEntry(
        {
          meetingId: publication.meetingId,
          authorId: this.profile.memberId,
          visibility: 'circle',
          bodyClient: bodyClient ?? ydoc.clientID,
        },
        Date.now(),
        entryId,
      );
    }
    for (const client of others) {
      this.index.registerBodyWriter(
        entryId,
        client,
        this.profile.memberId,
        anonymousClient ?? undefined,
      );
    }
    if (publication.contentNote !== null || !publication.exportable) {
      this.index.setEntryFlags(
        entryId,
        { contentNote: publication.contentNote, exportable: publication.exportable },
        anonymousClient ?? undefined,
      );
    }
    // The words last: peers write only documents the index names, so the record must
    // reach them first (updates leave in the order they are made).
    Y.applyUpdate(ydoc, publication.body, LOCAL_ORIGIN);
    return { entryId, anonymousClient };
  }

  /**
   * Opens (or finds) a meeting's shared page, the one entry every member writes in
   * (shared/notebook/WRITING.md); returns its id.
   */
  openSharedPage(meetingId: MeetingId): EntryId {
    const entryId = meetingId as string as EntryId;
    if (this.index.ydoc.getMap(INDEX_ROOT.entries).has(entryId)) return entryId;
    const ydoc = new Y.Doc();
    this.docs.adopt(entryDocId(entryId), ydoc);
    this.index.addSharedPage(meetingId, this.profile.memberId, ydoc.clientID);
    // After the record: peers write only documents the index names.
    seedEntryBody(ydoc);
    return entryId;
  }

  /**
   * Names `client` (an editor's replica) as a writer of entry `entryId`'s body for this
   * laptop's member — or, with `anonymousClient`, for the anonymous entry's nameless author.
   */
  registerBodyWriter(entryId: EntryId, client: number, anonymousClient: number | null): void {
    this.index.registerBodyWriter(
      entryId,
      client,
      this.profile.memberId,
      anonymousClient ?? undefined,
    );
  }

  /** Saves what is pending, then lets go of the documents. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopWatchingWithdrawals();
    this.stopSettlingColour();
    await this.docs.close();
    this.index.dispose();
  }

  /**
   * Removes words the writing rule refuses from a loaded body (shared/notebook/
   * refusedWords.ts): words taken here while their writer was invited, past what the
   * author kept when taking the invitation back.
   */
  private keepWritingRule(docId: DocId): void {
    const ydoc = this.docs.peek(docId);
    const writing = this.index.read().writing.get(docId as string as EntryId);
    if (ydoc === undefined || writing === undefined) return;
    const removed = removeRefusedWords(ydoc, writing, LOCAL_ORIGIN);
    if (removed > 0)
      log.info('removed words an entry’s writing rule no longer allows', { removed });
  }

  private letGoOfWithdrawn(): void {
    for (const entry of this.index.read().entries.values()) {
      if (!entry.withdrawn) continue;
      const docId = entryDocId(entry.id);
      if (this.docs.isRemoved(docId)) continue;
      if (!this.docs.holds(docId)) continue;
      void this.docs.remove(docId).catch(() => undefined);
    }
  }

  /**
   * A colour the member did not choose when joining becomes one nobody in the circle has,
   * once the members are known (./guessedColour.ts), and this laptop keeps it.
   */
  private settleColour(): void {
    const { profile } = this;
    if (profile.colourByDefault !== true) return;
    this.stopSettlingColour = settleGuessedColour(
      this.index,
      profile.memberId,
      profile.colour,
      (colour) => {
        const { colourByDefault: _settled, ...settled } = this.currentProfile;
        this.currentProfile = { ...settled, colour };
        this.currentSummary = { ...this.currentSummary, colour };
        for (const listener of [...this.profileListeners]) listener();
        this.api.circles.settleColour(profile.circleId, colour).catch((error: unknown) => {
          // The member record holds the colour; the next opening settles it again.
          log.warn('the settled colour was not kept', { error: String(error) });
        });
      },
    );
  }

  /**
   * Registers this session's client for this laptop's member with its first write to the
   * index (an opening that only reads writes nothing) and, for a laptop that joined from
   * an invite, writes its member record: it merges with the notebook when that arrives
   * from the others.
   */
  private ensureMember(): void {
    const { profile } = this;
    this.index.registerClientOnWrite(profile.memberId);
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
}
