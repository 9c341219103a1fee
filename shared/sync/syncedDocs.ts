/**
 * What a circle's documents present to sync. The renderer's CircleSession implements it
 * over its open notebook; tests use an in-memory version (test/helpers/memorySyncedDocs.ts).
 *
 * Sync applies every remote update itself, through ./updateGuard.ts, with PEER_ORIGIN
 * (shared/notebook/origins.ts); so `onLocalUpdate` must report only changes made on this
 * laptop — neither PEER_ORIGIN (received, never re-sent) nor STORE_ORIGIN (read back
 * from disk, which the peers' anti-entropy covers).
 */
import type * as Y from 'yjs';
import type { EntryWriting } from '../notebook/bodyWriting';
import type { DocId } from '../notebook/ids';

/** A circle's documents as the sync layer sees them. */
export interface SyncedDocs {
  /** Every doc this laptop holds, loaded or only stored. */
  docIds(): DocId[];
  /** True when `docIds()` would include `docId` (asked once per message: keep it cheap). */
  holds(docId: DocId): boolean;
  /** The live doc, loading or creating it; null = refuse this id. */
  doc(docId: DocId): Promise<Y.Doc | null>;
  /**
   * True when a peer may write `docId`: the index, or an entry body the index names
   * (an index update received earlier in the same session counts). Anything else a peer
   * writes is a ghost document: a protocol error, never a new file.
   */
  isNamed(docId: DocId): boolean;
  /** Updates made on this laptop (not from PEER_ORIGIN, not from STORE_ORIGIN); returns its cleanup. */
  onLocalUpdate(listener: (docId: DocId, update: Uint8Array) => void): () => void;
  /** A doc newly created or loaded on this laptop; returns its cleanup. */
  onDocAdded(listener: (docId: DocId) => void): () => void;
  /** An awareness update from peer `peerId` (size-bounded and decodable; states still unchecked). */
  applyRemoteAwareness(docId: DocId, update: Uint8Array, peerId: string): void;
  /**
   * Who may write `docId`'s body, when it follows the writing rule
   * (shared/notebook/WRITING.md); null for the index and for bodies open to everyone.
   */
  writing?(docId: DocId): EntryWriting | null;
  /** Awareness updates of this laptop's own states; returns its cleanup. */
  onLocalAwareness(listener: (docId: DocId, update: Uint8Array) => void): () => void;
}
