/**
 * Whole documents written straight to the store without being made live: what a peer
 * sends of entries this laptop did not hold (a laptop joining a circle), already checked
 * by sync (shared/sync/syncedDocs.ts `NewDocWriter`). Each `write` is one
 * `docs.appendMany` request, however many documents it holds, where making each one live
 * would cost a Y.Doc, its listeners and an append of its own.
 *
 * Until the store confirms a write, its documents' bytes stay here: loading one of them
 * meanwhile (`waiting`) gives its words, and the status line counts them as not yet
 * saved. A failed write is kept and tried again with backoff, as a live document's
 * appends are (./docPersistence.ts); a document let go meanwhile (withdrawn) is dropped.
 */
import type { HearthApi } from '../../../shared/ipc/contract';
import { HearthError } from '../../../shared/ipc/errors';
import type { CircleId, DocId } from '../../../shared/notebook/ids';
import type { DocUpdate } from '../../../shared/sync/peerProtocol';
import type { SaveTracker } from './saveTracker';

const RETRY_DELAYS_MS = [500, 1000, 2000, 5000, 10000];
/** The most documents, and bytes, one request carries (the wire allows 1,024 and 64 MiB). */
const MAX_DOCS_PER_REQUEST = 256;
const MAX_BYTES_PER_REQUEST = 8 * 1024 * 1024;

/** One folder's new documents on their way to the store. */
export class NewDocWrites {
  /** Bytes handed over and not yet confirmed on disk, per document. */
  private readonly waitingBytes = new Map<DocId, Uint8Array[]>();
  private readonly inFlight = new Set<Promise<void>>();
  private retryQueue: DocUpdate[] = [];
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private readonly dropped = new Set<DocId>();
  private readonly stopRetryingNow: () => void;

  constructor(
    private readonly api: HearthApi,
    private readonly folderId: CircleId,
    private readonly saves: SaveTracker,
    /** Told once a document's bytes are on disk (its words can be read from the store). */
    private readonly onStored: (docId: DocId, update: Uint8Array) => void,
  ) {
    // The host came back: what waits goes now, not after the backoff.
    this.stopRetryingNow = saves.onRetryNow(() => {
      if (this.retryTimer === null) return;
      clearTimeout(this.retryTimer);
      this.attempt = 0;
      this.retry();
    });
  }

  /** Hands `docs` to the store in one request; their bytes are kept here until it confirms. */
  write(docs: readonly DocUpdate[]): void {
    const kept = docs.filter(({ docId }) => !this.dropped.has(docId));
    if (kept.length === 0) return;
    for (const { docId, update } of kept) {
      const waiting = this.waitingBytes.get(docId);
      if (waiting === undefined) this.waitingBytes.set(docId, [update]);
      else waiting.push(update);
    }
    this.saves.started(kept.length);
    this.sendInParts(kept);
  }

  /** The bytes of `docId` handed over and not yet confirmed (empty when none wait). */
  waiting(docId: DocId): readonly Uint8Array[] {
    return this.waitingBytes.get(docId) ?? [];
  }

  /**
   * Forgets `docId` for good (its files are about to be deleted): nothing of it is written
   * any more, and this resolves once a write of it already on its way has landed.
   */
  async drop(docId: DocId): Promise<void> {
    this.dropped.add(docId);
    const retries = this.retryQueue.filter((write) => write.docId === docId).length;
    if (retries > 0) {
      this.retryQueue = this.retryQueue.filter((write) => write.docId !== docId);
      // Meant to be gone: no longer counted as unsaved.
      this.saves.saved(retries);
    }
    this.waitingBytes.delete(docId);
    await Promise.allSettled([...this.inFlight]);
  }

  /** Resolves when nothing is waiting to be written or retried. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0 || this.retryTimer !== null) {
      await Promise.allSettled([...this.inFlight]);
      if (this.retryTimer !== null) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Stops retrying (the folder is closing, after `settled`). */
  detach(): void {
    this.stopRetryingNow();
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private send(docs: readonly DocUpdate[]): void {
    const appends = docs.map(({ docId, update }) => ({ docId, update }));
    const write = this.api.docs.appendMany(this.folderId, appends).then(
      () => {
        this.attempt = 0;
        for (const { docId, update } of docs) this.confirmed(docId, update);
        this.saves.saved(docs.length);
        for (const { docId, update } of docs) {
          if (!this.dropped.has(docId)) this.onStored(docId, update);
        }
      },
      (error: unknown) => {
        this.saves.failed(describeFailure(error));
        const kept = docs.filter(({ docId }) => !this.dropped.has(docId));
        // Let go of while on the way: meant to be gone, no longer counted as unsaved.
        if (kept.length < docs.length) this.saves.saved(docs.length - kept.length);
        this.retryQueue.push(...kept);
        if (this.retryQueue.length > 0) this.scheduleRetry();
      },
    );
    this.inFlight.add(write);
    void write.finally(() => this.inFlight.delete(write));
  }

  private confirmed(docId: DocId, update: Uint8Array): void {
    const waiting = this.waitingBytes.get(docId);
    if (waiting === undefined) return;
    const left = waiting.filter((bytes) => bytes !== update);
    if (left.length === 0) this.waitingBytes.delete(docId);
    else this.waitingBytes.set(docId, left);
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== null) return;
    const delay = RETRY_DELAYS_MS[Math.min(this.attempt, RETRY_DELAYS_MS.length - 1)]!;
    this.attempt++;
    this.retryTimer = setTimeout(() => this.retry(), delay);
  }

  private retry(): void {
    this.retryTimer = null;
    const docs = this.retryQueue.filter(({ docId }) => !this.dropped.has(docId));
    this.retryQueue = [];
    if (docs.length > 0) this.sendInParts(docs);
  }

  private sendInParts(docs: readonly DocUpdate[]): void {
    let part: DocUpdate[] = [];
    let bytes = 0;
    for (const doc of docs) {
      if (
        part.length === MAX_DOCS_PER_REQUEST ||
        bytes + doc.update.length > MAX_BYTES_PER_REQUEST
      ) {
        if (part.length > 0) this.send(part);
        part = [];
        bytes = 0;
      }
      part.push(doc);
      bytes += doc.update.length;
    }
    if (part.length > 0) this.send(part);
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof HearthError) return error.kind;
  return 'storage-failed';
}
