/**
 * One laptop's circle documents in memory, presenting the SyncedDocs interface the way
 * the renderer's CircleSession does: documents can be live or only "stored" (loaded on
 * first use, with STORE_ORIGIN), a document is created when sync asks for an unknown id,
 * and local updates are those with neither PEER_ORIGIN nor STORE_ORIGIN.
 */
import * as Y from 'yjs';
import type { EntryWriting } from '../../shared/notebook/bodyWriting';
import { CircleIndex } from '../../shared/notebook/circleIndex';
import { INDEX_DOC_ID, isDocId, type DocId, type EntryId } from '../../shared/notebook/ids';
import { LOCAL_ORIGIN } from '../../shared/notebook/origins';
import { removeRefusedWords } from '../../shared/notebook/refusedWords';
import { PEER_ORIGIN, STORE_ORIGIN } from '../../shared/notebook/origins';
import { ENTRY_BODY_ROOT, INDEX_ROOT } from '../../shared/notebook/schema';
import type { SyncedDocs } from '../../shared/sync/syncedDocs';

type Listener<A extends unknown[]> = (...args: A) => void;

/** In-memory documents of one laptop. */
export class MemorySyncedDocs implements SyncedDocs {
  /** Awareness updates received from peers, in order. */
  readonly remoteAwareness: { docId: DocId; update: Uint8Array; peerId: string }[] = [];
  private readonly live = new Map<DocId, Y.Doc>();
  private readonly stored = new Map<DocId, Uint8Array>();
  private readonly updateListeners = new Set<Listener<[DocId, Uint8Array]>>();
  private readonly addedListeners = new Set<Listener<[DocId]>>();
  private readonly awarenessListeners = new Set<Listener<[DocId, Uint8Array]>>();
  private index: CircleIndex | null = null;

  /**
   * `refuse` names ids `doc()` answers null for; `everyDocNamed` lets peers write any
   * document (for tests of sync that hold no index), else only those the index names.
   */
  constructor(
    private readonly refuse: (docId: DocId) => boolean = () => false,
    private readonly everyDocNamed = false,
  ) {}

  docIds(): DocId[] {
    return [...new Set([...this.live.keys(), ...this.stored.keys()])].sort();
  }

  holds(docId: DocId): boolean {
    return this.live.has(docId) || this.stored.has(docId);
  }

  doc(docId: DocId): Promise<Y.Doc | null> {
    // Resolve on a later microtask, as loading from a store would.
    return Promise.resolve().then(() => this.docNow(docId));
  }

  /** The live document for `docId`, made or loaded now; null for refused ids. */
  docNow(docId: DocId): Y.Doc | null {
    if (!isDocId(docId) || this.refuse(docId)) return null;
    const existing = this.live.get(docId);
    if (existing !== undefined) return existing;
    const ydoc = new Y.Doc();
    const state = this.stored.get(docId);
    if (state !== undefined) Y.applyUpdate(ydoc, state, STORE_ORIGIN);
    this.stored.delete(docId);
    this.live.set(docId, ydoc);
    ydoc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === PEER_ORIGIN || origin === STORE_ORIGIN) return;
      for (const listener of [...this.updateListeners]) listener(docId, update);
    });
    if (docId === INDEX_DOC_ID) {
      // As the renderer's CircleSession does: a laptop removes words the writing rule
      // no longer allows (an invitation taken back) from the bodies it holds.
      this.index = new CircleIndex(ydoc);
      this.index.subscribe(() => {
        for (const id of this.live.keys()) if (id !== INDEX_DOC_ID) this.keepWritingRule(id);
      });
    } else {
      this.keepWritingRule(docId);
      ydoc.on('afterTransaction', () => this.keepWritingRule(docId));
    }
    for (const listener of [...this.addedListeners]) listener(docId);
    return ydoc;
  }

  /** Who may write `docId`'s body (shared/notebook/bodyWriting.ts), from the live index. */
  writing(docId: DocId): EntryWriting | null {
    if (docId === INDEX_DOC_ID) return null;
    if (this.index === null && this.stored.has(INDEX_DOC_ID)) this.docNow(INDEX_DOC_ID);
    return this.index?.read().writing.get(docId as string as EntryId) ?? null;
  }

  private keepWritingRule(docId: DocId): void {
    const ydoc = this.live.get(docId);
    const writing = this.writing(docId);
    if (ydoc !== undefined && writing !== null) removeRefusedWords(ydoc, writing, LOCAL_ORIGIN);
  }

  isNamed(docId: DocId): boolean {
    if (docId === INDEX_DOC_ID) return true;
    if (this.everyDocNamed) return true;
    const index =
      this.live.get(INDEX_DOC_ID) ??
      (this.stored.has(INDEX_DOC_ID) ? this.docNow(INDEX_DOC_ID) : null);
    return index?.getMap(INDEX_ROOT.entries).has(docId) ?? false;
  }

  /** Drops a document, live or stored, without a trace. */
  forget(docId: DocId): void {
    this.live.get(docId)?.destroy();
    this.live.delete(docId);
    this.stored.delete(docId);
  }

  /** Puts a document in the "store" without loading it. */
  store(docId: DocId, state: Uint8Array): void {
    this.stored.set(docId, state);
  }

  /** A stored document's bytes, read without loading it; undefined once live or never stored. */
  storedState(docId: DocId): Uint8Array | undefined {
    return this.stored.get(docId);
  }

  /** True when `docId` is live (loaded or created). */
  isLive(docId: DocId): boolean {
    return this.live.has(docId);
  }

  /** Every document's encoded state (stored ones as stored), by id. */
  snapshot(): Map<DocId, Uint8Array> {
    const out = new Map<DocId, Uint8Array>(this.stored);
    for (const [docId, ydoc] of this.live) out.set(docId, Y.encodeStateAsUpdate(ydoc));
    return out;
  }

  /**
   * Every document's content, for comparing laptops: the index document's maps as JSON,
   * an entry body as the XML string of its root, plus each document's state vector.
   */
  contents(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const docId of this.docIds()) {
      let ydoc = this.live.get(docId);
      if (ydoc === undefined) {
        // A stored document is read without loading it (loading would tell sync).
        ydoc = new Y.Doc();
        Y.applyUpdate(ydoc, this.stored.get(docId)!);
      }
      const vector = Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(ydoc)));
      if (docId === INDEX_DOC_ID) {
        const roots = Object.values(INDEX_ROOT).map((name) => [
          name,
          ydoc.getMap(name).toJSON() as unknown,
        ]);
        out[docId] = { vector, roots: Object.fromEntries(roots) as Record<string, unknown> };
      } else {
        out[docId] = { vector, body: ydoc.get(ENTRY_BODY_ROOT, Y.XmlText).toJSON() };
      }
    }
    return out;
  }

  /** Emits a local awareness update, as the presence layer would. */
  emitLocalAwareness(docId: DocId, update: Uint8Array): void {
    for (const listener of [...this.awarenessListeners]) listener(docId, update);
  }

  onLocalUpdate(listener: Listener<[DocId, Uint8Array]>): () => void {
    this.updateListeners.add(listener);
    return () => this.updateListeners.delete(listener);
  }

  onDocAdded(listener: Listener<[DocId]>): () => void {
    this.addedListeners.add(listener);
    return () => this.addedListeners.delete(listener);
  }

  applyRemoteAwareness(docId: DocId, update: Uint8Array, peerId: string): void {
    this.remoteAwareness.push({ docId, update, peerId });
  }

  onLocalAwareness(listener: Listener<[DocId, Uint8Array]>): () => void {
    this.awarenessListeners.add(listener);
    return () => this.awarenessListeners.delete(listener);
  }
}
