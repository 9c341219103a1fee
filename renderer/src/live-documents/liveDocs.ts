/**
 * The live documents of one store folder (a circle, or the private journal): loaded on
 * demand, once, and streamed back to the store as they change. An editor, a search and
 * a peer all share the one copy. Withdrawn or discarded documents are let go and their
 * files deleted, and from then on are never loaded or made again while open.
 *
 * A peer's whole document that this folder did not hold is written to the store without
 * being made live (`writeNew`, ./newDocWrites.ts): it is held from then on, and loaded
 * like any stored document when something asks for it.
 */
import * as Y from 'yjs';
import type { HearthApi } from '../../../shared/ipc/contract';
import type { CircleId, DocId } from '../../../shared/notebook/ids';
import { PEER_ORIGIN, STORE_ORIGIN } from '../../../shared/notebook/origins';
import type { DocUpdate } from '../../../shared/sync/peerProtocol';
import { AppendBatches } from './appendBatches';
import { persistDoc, type DocPersistence } from './docPersistence';
import { NewDocWrites } from './newDocWrites';
import type { SaveTracker } from './saveTracker';

/** Hears every change to any document, with the change's origin. */
export type DocUpdateListener = (docId: DocId, update: Uint8Array, origin: unknown) => void;

/** One store folder's documents, live. */
export class LiveDocs {
  private readonly loading = new Map<DocId, Promise<Y.Doc>>();
  private readonly loaded = new Map<DocId, Y.Doc>();
  private readonly persistence = new Map<DocId, DocPersistence>();
  private readonly removed = new Set<DocId>();
  private readonly updateListeners = new Set<DocUpdateListener>();
  private readonly addedListeners = new Set<(docId: DocId) => void>();
  /** The API as persistence sees it: appends gathered per turn (./appendBatches.ts). */
  private readonly storeApi: HearthApi;
  /** Every document the store held when the folder was opened, and those written new since. */
  private readonly stored: Set<DocId>;
  private readonly newDocs: NewDocWrites;

  constructor(
    private readonly api: HearthApi,
    private readonly folderId: CircleId,
    private readonly saves: SaveTracker,
    /** Every document the store held when the folder was opened. */
    storedAtOpen: ReadonlySet<DocId>,
  ) {
    this.stored = new Set(storedAtOpen);
    // Told once on disk, as a peer's change: search then reads its words from the store.
    this.newDocs = new NewDocWrites(api, folderId, saves, (docId, update) => {
      for (const listener of [...this.updateListeners]) listener(docId, update, PEER_ORIGIN);
    });
    const batches = new AppendBatches(api, folderId);
    this.storeApi = {
      ...api,
      docs: { ...api.docs, append: (_folder, docId, update) => batches.append(docId, update) },
    };
  }

  /** Every document held: stored, loaded or just made (never a removed one). */
  ids(): DocId[] {
    return [...new Set([...this.stored, ...this.loaded.keys()])].filter(
      (id) => !this.removed.has(id),
    );
  }

  /** True when `ids()` includes `docId`. */
  holds(docId: DocId): boolean {
    return !this.removed.has(docId) && (this.stored.has(docId) || this.loaded.has(docId));
  }

  /** True once `docId` was removed in this session. */
  isRemoved(docId: DocId): boolean {
    return this.removed.has(docId);
  }

  /** The loaded document, if it is loaded. */
  peek(docId: DocId): Y.Doc | undefined {
    return this.loaded.get(docId);
  }

  /** The document, loaded from the store the first time (empty if the store has none). */
  get(docId: DocId): Promise<Y.Doc> {
    if (this.removed.has(docId)) return Promise.reject(new Error('That document was removed.'));
    let pending = this.loading.get(docId);
    if (pending === undefined) {
      // Kept before loading starts: a document the store does not hold is made at once,
      // and those told it was added (sync asking peers about it) ask for it again within
      // this call. They must be given this document, not make a second one.
      let load!: (loaded: Promise<Y.Doc>) => void;
      pending = new Promise<Y.Doc>((resolve) => (load = resolve));
      this.loading.set(docId, pending);
      load(this.load(docId));
      void pending.catch(() => this.loading.delete(docId));
    }
    return pending;
  }

  /**
   * True when `docId` may be written by `writeNew`: this folder holds it neither stored
   * nor live (nor loading), and never let it go.
   */
  takesNew(docId: DocId): boolean {
    return (
      !this.removed.has(docId) &&
      !this.stored.has(docId) &&
      !this.loaded.has(docId) &&
      !this.loading.has(docId)
    );
  }

  /** Writes whole documents this folder did not hold to the store, in one request. */
  writeNew(docs: readonly DocUpdate[]): void {
    for (const { docId } of docs) this.stored.add(docId);
    this.newDocs.write(docs);
  }

  /** Starts keeping a document made here (its first changes are saved like any other). */
  adopt(docId: DocId, ydoc: Y.Doc): void {
    this.loading.set(docId, Promise.resolve(ydoc));
    this.track(docId, ydoc);
  }

  /** Lets a document go and deletes its files: nothing of it stays on this laptop. */
  async remove(docId: DocId): Promise<void> {
    if (this.removed.has(docId)) return;
    this.removed.add(docId);
    const persistence = this.persistence.get(docId);
    persistence?.abandon();
    this.persistence.delete(docId);
    const ydoc = await this.loading.get(docId)?.catch(() => null);
    await this.newDocs.drop(docId);
    this.loading.delete(docId);
    this.loaded.delete(docId);
    ydoc?.destroy();
    // Writes already handed over (gathered for the next turn) land before the removal,
    // else one written in the same turn as the withdrawal would make the files again.
    await persistence?.settled();
    await this.api.docs.remove(this.folderId, docId);
  }

  /** Calls `listener` for every change to every document; returns its cleanup. */
  onUpdate(listener: DocUpdateListener): () => void {
    this.updateListeners.add(listener);
    return () => this.updateListeners.delete(listener);
  }

  /** Calls `listener` when a document is loaded or made; returns its cleanup. */
  onAdded(listener: (docId: DocId) => void): () => void {
    this.addedListeners.add(listener);
    return () => this.addedListeners.delete(listener);
  }

  /** Resolves once every change made so far is on this laptop's disk. */
  async settle(): Promise<void> {
    await Promise.all([...this.persistence.values()].map((p) => p.settled()));
    await this.newDocs.settled();
    await this.api.docs.flush();
  }

  /** Saves what is pending, then lets go of every document. */
  async close(): Promise<void> {
    await this.settle();
    for (const persistence of this.persistence.values()) persistence.detach();
    this.newDocs.detach();
    this.updateListeners.clear();
    this.addedListeners.clear();
    for (const ydoc of this.loaded.values()) ydoc.destroy();
  }

  /** Keeps `ydoc` (already holding its stored state, if any) under `docId`. */
  track(docId: DocId, ydoc: Y.Doc): void {
    const held = this.loaded.get(docId);
    // Two live copies of one document would split it: the editor writing one, sync and
    // saving following the other.
    if (held !== undefined && held !== ydoc) throw new Error(`${docId} is already held`);
    this.loaded.set(docId, ydoc);
    this.persistence.set(docId, persistDoc(this.storeApi, this.folderId, docId, ydoc, this.saves));
    ydoc.on('update', (update: Uint8Array, origin: unknown) => {
      for (const listener of [...this.updateListeners]) listener(docId, update, origin);
    });
    for (const listener of [...this.addedListeners]) listener(docId);
  }

  private async load(docId: DocId): Promise<Y.Doc> {
    // Named by its id: an unnamed document draws a random uuid a digit at a time
    // (shared/notebook/scratchDoc.ts), and a joining laptop makes thousands.
    const ydoc = new Y.Doc({ guid: docId });
    // Only this session writes the folder, and it has not written this document yet: a
    // document the store did not hold at open needs no round trip to ask (a laptop
    // joining a circle makes hundreds of them, one after another).
    // A document written new whose write is not confirmed yet: its bytes are here, and
    // the store may answer without them. Those waiting before the question are kept too,
    // in case the store confirms them while it answers.
    const waitingBefore = this.newDocs.waiting(docId);
    const state = this.stored.has(docId) ? await this.api.docs.load(this.folderId, docId) : null;
    if (state !== null) Y.applyUpdate(ydoc, state, STORE_ORIGIN);
    for (const update of new Set([...waitingBefore, ...this.newDocs.waiting(docId)])) {
      Y.applyUpdate(ydoc, update, STORE_ORIGIN);
    }
    if (this.removed.has(docId)) {
      ydoc.destroy();
      throw new Error('That document was removed.');
    }
    this.track(docId, ydoc);
    return ydoc;
  }
}
