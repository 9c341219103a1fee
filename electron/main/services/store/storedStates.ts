/**
 * Answers questions about many stored documents at once from main's own copy — each
 * document's merged Yjs update (./docLog.ts `load`) — without building a Y.Doc:
 * `Y.encodeStateVectorFromUpdate` gives the state vector, `Y.diffUpdate` the difference
 * from a peer's. The renderer asks them while a peer link opens (shared/sync/circleOpening.ts),
 * so it need not load every entry body to say what the notebook holds.
 *
 * State vectors are kept per document and let go when the folder says the document
 * changed (appended to or removed, by whatever path). A kept one is used only while the stored update it came from is still the
 * one the store hands out (the log hands out the same bytes until something is added),
 * so a change arriving by any path, or while a question is being answered, never makes
 * an answer older than the store.
 *
 * A document whose files cannot be read, or whose stored update Yjs cannot read, is
 * answered as `unreadable`, on its own: the others in the same request are answered.
 */
import * as Y from 'yjs';
import {
  MAX_STORED_DIFF_BYTES,
  type StoredDiff,
  type StoredDiffRequest,
  type StoredStateVector,
} from '../../../../shared/ipc/storedDocs';
import { HearthError } from '../../../../shared/ipc/errors';
import type { CircleId, DocId } from '../../../../shared/notebook/ids';
import { logger } from '../../../../shared/log';

const log = logger('store');

/** What the answers read: one circle's stored documents (a CircleFolder). */
export interface StoredDocSource {
  /** The stored state as one update, or null if none; throws when it cannot be read. */
  load(docId: DocId): Promise<Uint8Array | null>;
  /** The folder's change notice, to let kept vectors go (CircleFolder's); absent in tests. */
  onDocChanged?(listener: (docId: DocId) => void): () => void;
}

interface KeptVector {
  /** The stored update the vector was read from. */
  stored: Uint8Array;
  stateVector: Uint8Array;
}

type Read = { stored: Uint8Array | null } | { unreadable: true };

/** State vectors and differences of stored documents, over the circles of one store. */
export class StoredStates {
  private readonly kept = new Map<string, KeptVector>();
  private readonly followed = new WeakSet<StoredDocSource>();

  constructor(
    private readonly circle: (circleId: CircleId) => Promise<StoredDocSource>,
    private readonly maxDiffBytes: number = MAX_STORED_DIFF_BYTES,
  ) {}

  /** Each named document's state vector as stored, in the order named. */
  async stateVectors(circleId: CircleId, docIds: readonly DocId[]): Promise<StoredStateVector[]> {
    const circle = await this.circle(circleId);
    this.follow(circleId, circle);
    const reads = await Promise.all(docIds.map((docId) => read(circle, docId)));
    return docIds.map((docId, i) => {
      const found = reads[i]!;
      if (!('stored' in found)) return { docId, stateVector: null, unreadable: true };
      if (found.stored === null) return { docId, stateVector: null, unreadable: false };
      const stateVector = this.vectorOf(circleId, docId, found.stored);
      return { docId, stateVector, unreadable: stateVector === null };
    });
  }

  /**
   * What each document stores beyond the state vector asked with, in the order asked.
   * Stops after the document that takes the answer past `maxDiffBytes` (at least one is
   * always answered): the caller asks again for the rest.
   */
  async diffs(circleId: CircleId, requests: readonly StoredDiffRequest[]): Promise<StoredDiff[]> {
    for (const { stateVector } of requests) {
      try {
        Y.decodeStateVector(stateVector);
      } catch {
        throw new HearthError('invalid-argument', 'A state vector to compare with is malformed.');
      }
    }
    const circle = await this.circle(circleId);
    const reads = await Promise.all(requests.map(({ docId }) => read(circle, docId)));
    const answers: StoredDiff[] = [];
    let bytes = 0;
    for (const [i, { docId, stateVector }] of requests.entries()) {
      if (bytes >= this.maxDiffBytes) break;
      const found = reads[i]!;
      if (!('stored' in found)) {
        answers.push({ docId, update: null, unreadable: true });
        continue;
      }
      if (found.stored === null) {
        answers.push({ docId, update: null, unreadable: false });
        continue;
      }
      try {
        const update = Y.diffUpdate(found.stored, stateVector);
        bytes += update.length;
        answers.push({ docId, update, unreadable: false });
      } catch (error) {
        log.warn('a stored document could not be compared for sync', {
          docId,
          error: String(error),
        });
        answers.push({ docId, update: null, unreadable: true });
      }
    }
    return answers;
  }

  /** Lets go of a document's kept vector once the folder says it changed. */
  private follow(circleId: CircleId, circle: StoredDocSource): void {
    if (this.followed.has(circle)) return;
    this.followed.add(circle);
    circle.onDocChanged?.((docId) => this.kept.delete(key(circleId, docId)));
  }

  private vectorOf(circleId: CircleId, docId: DocId, stored: Uint8Array): Uint8Array | null {
    const at = key(circleId, docId);
    const kept = this.kept.get(at);
    if (kept !== undefined && kept.stored === stored) return kept.stateVector;
    try {
      const stateVector = Y.encodeStateVectorFromUpdate(stored);
      this.kept.set(at, { stored, stateVector });
      return stateVector;
    } catch (error) {
      log.warn('a stored document could not be read for sync', { docId, error: String(error) });
      this.kept.delete(at);
      return null;
    }
  }
}

async function read(circle: StoredDocSource, docId: DocId): Promise<Read> {
  try {
    return { stored: await circle.load(docId) };
  } catch (error) {
    log.warn('a stored document could not be opened for sync', { docId, error: String(error) });
    return { unreadable: true };
  }
}

function key(circleId: CircleId, docId: DocId): string {
  return `${circleId}/${docId}`;
}
