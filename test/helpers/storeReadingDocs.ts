/**
 * In-memory documents that also offer the stored readers (shared/sync/syncedDocs.ts,
 * `StoredDocReaders`), as the renderer's session does over main's store: documents that
 * are not live are read from their stored bytes with Yjs's update functions, and every
 * `doc()` call is recorded, so a test can tell which documents sync loaded. With
 * `writesNew`, a peer's whole documents it did not hold are written to its "store"
 * without being made live, as the renderer's session writes them to main's
 * (`NewDocWriter`), and each write is recorded.
 */
import * as Y from 'yjs';
import type { DocId } from '../../shared/notebook/ids';
import type { DocState } from '../../shared/sync/peerProtocol';
import type { NewDocWriter, StoredDocReaders } from '../../shared/sync/syncedDocs';
import { MemorySyncedDocs } from './memorySyncedDocs';

/** A laptop's documents whose store answers questions without loading them. */
export class StoreReadingDocs extends MemorySyncedDocs {
  /** Every `doc()` call, in order. */
  readonly loads: DocId[] = [];
  /** How many `diffs` questions were asked, and of how many documents. */
  readonly asked = { states: 0, diffs: 0, docs: 0 };
  /** Runs after a `diffs` answer is read and before it is handed back (a test's race). */
  beforeAnswer: (() => Promise<void>) | null = null;
  /** When true, the readers fail (a store that cannot be reached). */
  failing = false;

  readonly storeReaders: StoredDocReaders = {
    live: (docId) => (this.isLive(docId) ? this.docNow(docId) : null),
    serves: (docId) => this.servable(docId),
    states: (docIds) => {
      this.asked.states++;
      this.asked.docs += docIds.length;
      if (this.failing) return Promise.reject(new Error('the store is out of reach'));
      const found = new Map<DocId, Uint8Array | null>();
      for (const docId of docIds) {
        const stored = this.servable(docId) ? this.storedState(docId) : undefined;
        found.set(docId, stored === undefined ? null : Y.encodeStateVectorFromUpdate(stored));
      }
      return Promise.resolve(found);
    },
    diffs: async (requests: readonly DocState[]) => {
      this.asked.diffs++;
      this.asked.docs += requests.length;
      if (this.failing) throw new Error('the store is out of reach');
      const found = new Map<DocId, Uint8Array | null>();
      for (const { docId, stateVector } of requests) {
        const stored = this.servable(docId) ? this.storedState(docId) : undefined;
        found.set(docId, stored === undefined ? null : Y.diffUpdate(stored, stateVector));
      }
      await this.beforeAnswer?.();
      return found;
    },
  };

  /** Each write of new documents, the documents it held, in order. */
  readonly newWrites: DocId[][] = [];
  readonly newDocs: NewDocWriter | undefined;

  /** `refused` names documents never served (an entry its author withdrew). */
  constructor(
    private readonly refused: (docId: DocId) => boolean = () => false,
    options: { writesNew?: boolean } = {},
  ) {
    super(refused);
    this.newDocs =
      options.writesNew === true
        ? {
            takes: (docId) => !this.holds(docId) && !this.refused(docId),
            write: (docs) => {
              this.newWrites.push(docs.map(({ docId }) => docId));
              for (const { docId, update } of docs) {
                const stored = this.storedState(docId);
                this.store(docId, stored === undefined ? update : Y.mergeUpdates([stored, update]));
              }
            },
          }
        : undefined;
  }

  override doc(docId: DocId): Promise<Y.Doc | null> {
    this.loads.push(docId);
    return super.doc(docId);
  }

  private servable(docId: DocId): boolean {
    return !this.refused(docId);
  }
}
