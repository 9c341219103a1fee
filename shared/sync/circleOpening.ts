/**
 * Join by circle (./PEER_PROTOCOL.md, Session 1–2 for version 2): a session opens with one
 * CIRCLE_STATE naming the state vector of every document the sender holds, and the other
 * side answers with everything the sender lacks, every document in one stream of
 * CIRCLE_UPDATES batches: the index first (so the entries after it are named when they
 * arrive), then every other document the answerer holds and its index names, each as the
 * difference from the state the sender named (or whole, for one it did not name). A
 * document with nothing to add is left out; the batch marked `last` ends the answer.
 *
 * Both sides work in slices (./workSlices.ts): building the answer and applying it yield
 * to the editor every few milliseconds, so a member typing while a laptop joins is not
 * kept waiting for a whole notebook.
 */
import * as Y from 'yjs';
import { INDEX_DOC_ID, type DocId } from '../notebook/ids';
import type { DocState, DocUpdate } from './peerProtocol';

/** Bytes of updates per CIRCLE_UPDATES batch (the batch is then sent as 64 KiB frames). */
export const CIRCLE_BATCH_BYTES = 128 * 1024;
const EMPTY_STATE_VECTOR = new Uint8Array([0]);

/** What building an answer needs from the session. */
export interface CircleAnswerSource {
  /** Documents this laptop holds that its index names, the index first if held. */
  heldNamedDocIds(): DocId[];
  /** The live document, or null when it cannot be served. */
  load(docId: DocId): Promise<Y.Doc | null>;
  /** Sends one batch. */
  send(updates: DocUpdate[], last: boolean): void;
  /** Lets the editor run when this slice of work is used up. */
  pause(): Promise<void>;
  /** False once the session stopped. */
  isOpen(): boolean;
}

/**
 * Answers a peer's CIRCLE_STATE: what each held document has beyond the state the peer
 * named, in batches of about {@link CIRCLE_BATCH_BYTES}; returns the bytes sent. The
 * answer never depends on the size of the peer's list, only on this laptop's notebook.
 */
export async function answerCircleState(
  states: readonly DocState[],
  source: CircleAnswerSource,
): Promise<number> {
  const peerStates = new Map(states.map(({ docId, stateVector }) => [docId, stateVector]));
  const order = source.heldNamedDocIds();
  // The index leads: a laptop writes only what its index names.
  order.sort((a, b) => Number(b === INDEX_DOC_ID) - Number(a === INDEX_DOC_ID));
  let batch: DocUpdate[] = [];
  let batchBytes = 0;
  let sent = 0;
  for (const docId of order) {
    const ydoc = await source.load(docId);
    if (!source.isOpen()) return sent;
    if (ydoc !== null) {
      const update = Y.encodeStateAsUpdate(ydoc, peerStates.get(docId) ?? EMPTY_STATE_VECTOR);
      if (!isEmptyUpdate(update)) {
        batch.push({ docId, update });
        batchBytes += update.length;
        sent += update.length;
      }
    }
    if (batchBytes >= CIRCLE_BATCH_BYTES) {
      source.send(batch, false);
      batch = [];
      batchBytes = 0;
    }
    await source.pause();
    if (!source.isOpen()) return sent;
  }
  source.send(batch, true);
  return sent;
}

/** The state vector of every document in `docIds` that loads, for a CIRCLE_STATE. */
export async function circleStates(
  docIds: readonly DocId[],
  load: (docId: DocId) => Promise<Y.Doc | null>,
): Promise<DocState[]> {
  const docs = await Promise.all(docIds.map(async (docId) => ({ docId, ydoc: await load(docId) })));
  return docs.map(({ docId, ydoc }) => ({
    docId,
    stateVector: ydoc === null ? EMPTY_STATE_VECTOR : Y.encodeStateVector(ydoc),
  }));
}

/** True for Yjs's empty update (no structs, no deletions). */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}
