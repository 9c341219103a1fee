/**
 * Checks a peer's new documents in a worker (./newDocChecks.worker.ts), so a laptop
 * joining a circle renders and takes keystrokes while hundreds of entries are checked
 * (shared/sync/syncedDocs.ts `NewDocWriter.check`). The worker runs the very check the
 * session would run itself; where there is no worker (a page without Worker, or one
 * that failed to start or broke), `check` rejects and the session checks on its own
 * thread instead.
 */
import type { NewDocumentQuestion } from '../../../shared/sync/newDocumentCheck';
import type { NewDocumentCheck } from '../../../shared/sync/updateGuard';
import { logger } from '../../../shared/log';
import { resultOf, type CheckAnswer, type CheckRequest } from './newDocCheckMessages';

const log = logger('sync');

interface Waiting {
  sent: Uint8Array;
  resolve(result: NewDocumentCheck): void;
  reject(error: Error): void;
}

/** One worker, made on the first check and ended with `close`. */
export class NewDocChecks {
  private worker: Worker | null = null;
  private broken = typeof Worker === 'undefined';
  private nextId = 0;
  private readonly waiting = new Map<number, Waiting>();

  /** False where this page cannot have the worker (then the session checks itself). */
  get available(): boolean {
    return !this.broken;
  }

  /** Checks `question` in the worker; rejects when there is none (check it here then). */
  check(question: NewDocumentQuestion): Promise<NewDocumentCheck> {
    const worker = this.started();
    if (worker === null) return Promise.reject(new Error('no worker to check new documents'));
    const id = this.nextId++;
    // A copy of just these bytes, handed over: the update is a view into a whole batch.
    const bytes = question.update.slice();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { sent: question.update, resolve, reject });
      const request: CheckRequest = { id, question: { ...question, update: bytes } };
      worker.postMessage(request, [bytes.buffer]);
    });
  }

  /** Ends the worker; checks still waiting are done by the session itself. */
  close(): void {
    this.worker?.terminate();
    this.worker = null;
    this.broken = true;
    this.failAll(new Error('the new-document worker was closed'));
  }

  private started(): Worker | null {
    if (this.broken) return null;
    if (this.worker !== null) return this.worker;
    try {
      const worker = new Worker(new URL('./newDocChecks.worker.ts', import.meta.url), {
        type: 'module',
        name: 'hearth-new-documents',
      });
      worker.onmessage = (event: MessageEvent<CheckAnswer>) => {
        const waiting = this.waiting.get(event.data.id);
        if (waiting === undefined) return;
        this.waiting.delete(event.data.id);
        waiting.resolve(resultOf(event.data, waiting.sent));
      };
      worker.onerror = (event) => {
        event.preventDefault();
        log.warn('the new-document worker failed; documents are checked in the page', {
          error: event.message,
        });
        this.close();
      };
      this.worker = worker;
      return worker;
    } catch (error) {
      log.warn('no worker for new documents; they are checked in the page', {
        error: String(error),
      });
      this.broken = true;
      return null;
    }
  }

  private failAll(error: Error): void {
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
