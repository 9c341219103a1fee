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
 *
 * Where the documents offer stored readers (./syncedDocs.ts, `StoredDocReaders`), a
 * document that is not live is answered from the store's copy — its state vector and its
 * difference read from the stored update, many documents a request — and only the live
 * ones from their Y.Doc: a laptop connecting no longer brings every entry body into the
 * editor's process. The protocol is the same; only the copy it is read from differs.
 */
import * as Y from 'yjs';
import { INDEX_DOC_ID, type DocId } from '../notebook/ids';
import type { DocState, DocUpdate } from './peerProtocol';
import { logger } from '../log';
import type { StoredDocReaders } from './syncedDocs';

const log = logger('sync');

/** A read of the store that failed: said once in the log, and answered as "load it instead". */
function noAnswer(error: unknown): Map<DocId, Uint8Array | null> {
  log.warn('the store could not answer for documents; they are loaded instead', {
    error: String(error),
  });
  return new Map();
}

/** Bytes of updates per CIRCLE_UPDATES batch (the batch is then sent as 64 KiB frames). */
export const CIRCLE_BATCH_BYTES = 128 * 1024;
/** Documents asked of the stored readers at once while answering (the next while one is sent). */
export const STORED_WINDOW_DOCS = 64;
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
  /** Reads documents that are not live from the store; without it each one is loaded. */
  stored?: StoredDocReaders;
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
  const answers = storedAnswers(order, peerStates, source.stored);
  for (const [position, docId] of order.entries()) {
    const update = await answerFor(docId, position, peerStates, answers, source);
    if (!source.isOpen()) return sent;
    if (update !== null && !isEmptyUpdate(update)) {
      batch.push({ docId, update });
      batchBytes += update.length;
      sent += update.length;
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

/** Stored answers asked for window by window, the next window asked while one is used. */
interface StoredAnswers {
  window(position: number): Promise<ReadonlyMap<DocId, Uint8Array | null>> | null;
}

function storedAnswers(
  order: readonly DocId[],
  peerStates: ReadonlyMap<DocId, Uint8Array>,
  stored: StoredDocReaders | undefined,
): StoredAnswers {
  const windows = new Map<number, Promise<ReadonlyMap<DocId, Uint8Array | null>>>();
  const ask = (start: number): Promise<ReadonlyMap<DocId, Uint8Array | null>> => {
    let asking = windows.get(start);
    if (asking === undefined && stored !== undefined) {
      const requests = order
        .slice(start, start + STORED_WINDOW_DOCS)
        .filter((docId) => stored.live(docId) === null)
        .map((docId) => ({ docId, stateVector: peerStates.get(docId) ?? EMPTY_STATE_VECTOR }));
      // A failed read is no answer: each of its documents is then loaded live.
      asking = (requests.length === 0 ? Promise.resolve(new Map()) : stored.diffs(requests)).catch(
        noAnswer,
      );
      windows.set(start, asking);
    }
    return asking ?? Promise.resolve(new Map());
  };
  return {
    window(position) {
      if (stored === undefined) return null;
      const start = position - (position % STORED_WINDOW_DOCS);
      windows.delete(start - STORED_WINDOW_DOCS);
      const current = ask(start);
      if (start + STORED_WINDOW_DOCS < order.length) void ask(start + STORED_WINDOW_DOCS);
      return current;
    },
  };
}

/**
 * One document's answer: from the live document if it is live when its turn comes, else
 * from the store's copy, else loaded (no readers, or the store could not say).
 */
async function answerFor(
  docId: DocId,
  position: number,
  peerStates: ReadonlyMap<DocId, Uint8Array>,
  answers: StoredAnswers,
  source: CircleAnswerSource,
): Promise<Uint8Array | null> {
  const stateVector = peerStates.get(docId) ?? EMPTY_STATE_VECTOR;
  const window = answers.window(position);
  if (window !== null) {
    const fromStore = (await window).get(docId) ?? null;
    // Looked at after the wait, with no wait between this look and the answer's sending:
    // a document that became live while its stored answer was on the way is answered
    // from the live copy, which holds everything stored and any change whose append is
    // still on its way to the store. A document not live now never was (live documents
    // stay live), so the store holds all of it: the stored answer loses no words. Were a
    // stored answer ever older than the truth, it would still be harmless: the peer then
    // holds less than it could, and later UPDATEs and SYNC_STEP_1 fill the gap.
    const live = source.stored?.live(docId) ?? null;
    if (live !== null) return Y.encodeStateAsUpdate(live, stateVector);
    if (fromStore !== null) return source.stored?.serves(docId) === true ? fromStore : null;
  }
  const ydoc = await source.load(docId);
  return ydoc === null ? null : Y.encodeStateAsUpdate(ydoc, stateVector);
}

/**
 * The state vector of every document in `docIds` that loads, for a CIRCLE_STATE. With
 * stored readers, a document that is not live is read from the store (one that the store
 * cannot say is loaded); a state vector that is older than the live one only makes the
 * peer send some words again, which Yjs ignores.
 */
export async function circleStates(
  docIds: readonly DocId[],
  load: (docId: DocId) => Promise<Y.Doc | null>,
  stored?: StoredDocReaders,
): Promise<DocState[]> {
  const fromStore =
    stored === undefined
      ? new Map<DocId, Uint8Array | null>()
      : await stored.states(docIds.filter((docId) => stored.live(docId) === null)).catch(noAnswer);
  const docs = await Promise.all(
    docIds.map(async (docId) => {
      const live = stored?.live(docId) ?? null;
      if (live !== null) return { docId, stateVector: Y.encodeStateVector(live) };
      const storedVector = fromStore.get(docId) ?? null;
      if (storedVector !== null) return { docId, stateVector: storedVector };
      const ydoc = await load(docId);
      return { docId, stateVector: ydoc === null ? EMPTY_STATE_VECTOR : Y.encodeStateVector(ydoc) };
    }),
  );
  return docs;
}

/** True for Yjs's empty update (no structs, no deletions). */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}
