/**
 * Payloads of the `hearth:docs:stateVectors` and `hearth:docs:diffs` requests: questions
 * about many stored documents at once, answered by main from its own copy (the stored
 * Yjs update) so the renderer need not load a document to say what it holds. A link's
 * opening asks them for every document that is not live (shared/sync/circleOpening.ts).
 */
import type { DocId } from '../notebook/ids';

/** The most documents one request may name. */
export const MAX_STORED_DOCS_PER_REQUEST = 256;
/**
 * About the most update bytes one `diffs` answer carries: the documents after the one
 * that passes it are left out of the answer, and the renderer asks for them again.
 */
export const MAX_STORED_DIFF_BYTES = 8 * 1024 * 1024;
/** The largest state vector a `diffs` request may carry (as in the peer protocol). */
export const MAX_STATE_VECTOR_BYTES = 1024 * 1024;

/** One document's state vector as stored. */
export interface StoredStateVector {
  docId: DocId;
  /** Null when the store holds nothing of the document, or cannot read it. */
  stateVector: Uint8Array | null;
  /** True when the document's files could not be read (the renderer may load it itself). */
  unreadable: boolean;
}

/** What the renderer asks main to tell: everything stored beyond `stateVector`. */
export interface StoredDiffRequest {
  docId: DocId;
  stateVector: Uint8Array;
}

/** One document's stored state beyond the state vector asked with. */
export interface StoredDiff {
  docId: DocId;
  /** Yjs's `diffUpdate` of the stored state; null when nothing is stored or it cannot be read. */
  update: Uint8Array | null;
  /** True when the document's files could not be read. */
  unreadable: boolean;
}
