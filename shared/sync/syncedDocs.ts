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
import type { DocState, DocUpdate } from './peerProtocol';

/**
 * Reads documents that are not live from the store's own copy (main's, on the desktop),
 * so a link's opening is answered without loading every entry body into the editor's
 * process (./circleOpening.ts). Every answer is per document; a document missing from
 * an answer, or answered null, is loaded live instead, as without these readers.
 */
export interface StoredDocReaders {
  /** The document if it is live now (never loads it): the live copy is the truth. */
  live(docId: DocId): Y.Doc | null;
  /**
   * False for a document that must not be served now (an entry its author withdrew);
   * asked again just before a stored answer is sent, since one may be withdrawn while
   * its answer is on the way.
   */
  serves(docId: DocId): boolean;
  /** The state vector of each document as stored (null: not stored, or unreadable). */
  states(docIds: readonly DocId[]): Promise<ReadonlyMap<DocId, Uint8Array | null>>;
  /**
   * What each stored document holds beyond the state vector asked with (Yjs's
   * `diffUpdate`). Null for a document that must not be served from the store (one the
   * author withdrew: loading it is then refused too) or that cannot be read.
   */
  diffs(requests: readonly DocState[]): Promise<ReadonlyMap<DocId, Uint8Array | null>>;
}

/**
 * Writes whole documents this laptop did not hold straight to its store, without making
 * them live: a laptop joining a circle receives hundreds of entries it has no editor
 * open on. The session checks each one first (./updateGuard.ts `checkNewDocument`) and
 * hands over a CIRCLE_UPDATES batch's worth at once (./peerSession.ts).
 */
export interface NewDocWriter {
  /**
   * True when `docId` may be written this way now: held neither stored nor live, and not
   * refused (an entry its author withdrew). Asked in the same turn as `write`.
   */
  takes(docId: DocId): boolean;
  /**
   * Writes checked whole documents. From this call on each is held (`holds`), and loading
   * one gives its words even before the store has them; a failed write is retried, so
   * nothing handed over is lost while the app runs.
   */
  write(docs: readonly DocUpdate[]): void;
}

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
  /**
   * Reads of documents that are not live; absent, every document a link's opening needs
   * is loaded with `doc()`.
   */
  storeReaders?: StoredDocReaders;
  /** Writes new whole documents without loading them; absent, each is made live. */
  newDocs?: NewDocWriter;
}
