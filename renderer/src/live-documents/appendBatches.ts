/**
 * The store's appends, gathered: every update handed to `append` during one turn of the
 * event loop leaves in one `docs.appendMany` request. Typing still sends one update per
 * request (a turn holds one keystroke); a laptop applying a circle's notebook in slices
 * sends each slice's hundreds of new documents in one request instead of one each.
 * Each caller's promise settles with its request, so a failed write is retried by its
 * document as before (./docPersistence.ts).
 */
import type { HearthApi } from '../../../shared/ipc/contract';
import type { CircleId, DocId } from '../../../shared/notebook/ids';

/** The most updates one request carries (the contract allows more; this keeps them small). */
const MAX_BATCH = 256;

interface Waiting {
  docId: DocId;
  update: Uint8Array;
  settle: (error: Error | null) => void;
}

/** Gathers one folder's appends into batches. */
export class AppendBatches {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(
    private readonly api: HearthApi,
    private readonly folderId: CircleId,
  ) {}

  /** Appends `update` to `docId` with the others of this turn; resolves once it is on disk. */
  append(docId: DocId, update: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({
        docId,
        update,
        settle: (error) => (error === null ? resolve() : reject(error)),
      });
      if (this.scheduled) return;
      this.scheduled = true;
      setTimeout(() => this.send(), 0);
    });
  }

  private send(): void {
    this.scheduled = false;
    const waiting = this.waiting;
    this.waiting = [];
    for (let start = 0; start < waiting.length; start += MAX_BATCH) {
      const batch = waiting.slice(start, start + MAX_BATCH);
      const request =
        batch.length === 1
          ? this.api.docs.append(this.folderId, batch[0]!.docId, batch[0]!.update)
          : this.api.docs.appendMany(
              this.folderId,
              batch.map(({ docId, update }) => ({ docId, update })),
            );
      request.then(
        () => batch.forEach(({ settle }) => settle(null)),
        (error: unknown) => {
          const failure = error instanceof Error ? error : new Error('the store refused a write');
          batch.forEach(({ settle }) => settle(failure));
        },
      );
    }
  }
}
