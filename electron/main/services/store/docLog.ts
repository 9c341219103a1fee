/**
 * One stored Yjs document: an append-only log of updates behind a snapshot, in one
 * record file (format in ./recordFormat.ts, encryption in ./recordCipher.ts).
 *
 * - Group commit: `append` queues an update; within `commitWindowMs` everything queued
 *   is merged into one record, written at the end of the file and fsync'd, and only
 *   then do the `append` promises resolve. A failed write is cut off again, rejects
 *   its appends with a clear error, and keeps the updates queued for a retry.
 * - Compaction: all updates are applied to a Y.Doc (gc on) and its state is written as
 *   one snapshot record, in Yjs's update format v2 when that seals smaller than v1 (for
 *   text typed a key at a time, v2's columns of clients, clocks and lengths deflate to
 *   about 0.7 of v1's interleaved structs; for a few large items v1 is smaller), to
 *   a new file that is fsync'd and renamed over the old one. It runs when the tail
 *   outgrows the snapshot, when the document has been left alone for a moment, on
 *   flush, on close, and on demand (`compact()`, which also rewrites a file written by
 *   an older Hearth). In memory every update stays in v1, the format the rest reads.
 * - Every file operation runs one at a time, in order.
 */
import * as Y from 'yjs';
import { HearthError } from '../../../../shared/ipc/errors';
import { logger } from '../../../../shared/log';
import { writeFileAtomically, type StoreFileHandle, type StoreFileSystem } from './fileSystem';
import { recoverDocLog } from './logRecovery';
import type { DamageReport } from './notices';
import type { RecordCipher } from './recordCipher';
import {
  encodeHeader,
  encodeRecord,
  FILE_KIND,
  FORMAT_VERSION,
  HEADER_BYTES,
  RECORD_KIND,
} from './recordFormat';
import { storageError } from './storeErrors';

const log = logger('store');

/** How a document log batches and compacts. */
export interface DocLogTuning {
  /** How long an append waits for others to share its write and fsync. */
  commitWindowMs: number;
  /** How long to wait before writing again after a failed write. */
  retryMs: number;
  /** The tail may grow to this many bytes (or the snapshot's size, if larger) before compaction. */
  compactTailBytes: number;
  /** A document left alone this long is compacted, so only the one being typed in has a tail. */
  idleCompactMs: number;
}

/** Settings that keep every append on disk well within half a second. */
export const DEFAULT_DOC_LOG_TUNING: DocLogTuning = {
  commitWindowMs: 100,
  retryMs: 1000,
  compactTailBytes: 1024,
  idleCompactMs: 2000,
};

/** What opening a document log needs. */
export interface DocLogOptions {
  fs: StoreFileSystem;
  path: string;
  cipher: RecordCipher;
  tuning: DocLogTuning;
  now: () => number;
  /**
   * Snapshots only in v1, for a document read whole at every opening (the circle's
   * index): reading a v2 snapshot means converting it, which costs the opening more
   * than its smaller file saves.
   */
  v1Snapshots?: boolean;
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/** One document's log on disk. */
export class DocLog {
  private handle: StoreFileHandle | null = null;
  private queued: Uint8Array[] = [];
  private waiters: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private timerDue = 0;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly options: DocLogOptions,
    /** Every update stored so far, snapshot first; merged in memory on load. */
    private updates: Uint8Array[],
    private fileBytes: number | null,
    private snapshotEnd: number,
    private tailRecords: number,
    /** False while the file was written by an older Hearth: `compact()` rewrites it. */
    private currentSnapshot: boolean,
  ) {}

  /** Opens (and if damaged, repairs) the log at `options.path`; `damage` says what was lost. */
  static async open(options: DocLogOptions): Promise<{ log: DocLog; damage: DamageReport | null }> {
    const recovered = await recoverDocLog(options.fs, options.path, options.cipher, options.now());
    const docLog = new DocLog(
      options,
      recovered.updates,
      recovered.fileBytes,
      recovered.snapshotEnd,
      recovered.tailRecords,
      recovered.currentSnapshot,
    );
    if (recovered.damage !== null && recovered.fileBytes !== null) {
      // The damaged copy is safe beside it; rewrite the file from what could be read.
      await docLog.run(() => docLog.compactNow(true));
    }
    return { log: docLog, damage: recovered.damage };
  }

  /** Queues an update; resolves once it is fsync'd, rejects if it could not be written. */
  append(update: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new HearthError('internal', 'The store is closed.'));
    return new Promise<void>((resolve, reject) => {
      this.queued.push(update);
      this.waiters.push({ resolve, reject });
      this.schedule(this.options.tuning.commitWindowMs);
    });
  }

  /** Writes and fsyncs everything queued (rejecting if it cannot), then compacts if there is a tail. */
  async flush(): Promise<void> {
    this.cancelTimer();
    await this.run(() => this.commit());
    // Everything is on disk by now; a compaction that fails only leaves the log longer.
    this.compactSoon();
    await this.chain;
  }

  /**
   * Rewrites the file as one snapshot if anything was appended since the last one, or
   * the snapshot is in an older format.
   */
  async compact(): Promise<void> {
    try {
      await this.run(() => this.compactNow(!this.currentSnapshot && this.fileBytes !== null));
    } catch (error) {
      throw storageError(error, 'tidy up a document on disk');
    }
  }

  /** The stored state as one update (including updates still queued), or null if empty. */
  load(): Uint8Array | null {
    const all = [...this.updates, ...this.queued];
    if (all.length === 0) return null;
    const merged = Y.mergeUpdates(all);
    // Keep the merged form: later loads start from it instead of from every keystroke.
    if (this.queued.length === 0) this.updates = [merged];
    return merged;
  }

  /** Flushes, compacts and closes the file; later appends are refused. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.flush();
    } finally {
      this.cancelTimer();
      await this.run(async () => {
        await this.handle?.close();
        this.handle = null;
      });
    }
  }

  /**
   * Closes the file without writing or compacting anything more: the document is being
   * deleted, and its queued updates must not reach the disk first.
   */
  async discard(): Promise<void> {
    this.closed = true;
    this.cancelTimer();
    this.queued = [];
    // Nothing waiting to be saved matters any more: the document is gone by request.
    for (const waiter of this.waiters) waiter.resolve();
    this.waiters = [];
    await this.run(async () => {
      await this.handle?.close();
      this.handle = null;
    });
  }

  /** True when nothing was ever stored or queued. */
  isEmpty(): boolean {
    return this.updates.length === 0 && this.queued.length === 0;
  }

  private run<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.chain.then(operation);
    this.chain = result.catch(() => undefined);
    return result;
  }

  private schedule(delay: number): void {
    const due = Date.now() + delay;
    // A new append never waits for a later retry: it gets its commit window.
    if (this.timer !== null && this.timerDue <= due) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run(() => this.commit()).catch((error: unknown) => {
        log.warn('a write failed; it will be tried again', { error: String(error) });
      });
    }, delay);
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.timer = null;
    this.idleTimer = null;
  }

  private async commit(): Promise<void> {
    if (this.queued.length === 0) return;
    const updates = this.queued;
    const waiters = this.waiters;
    this.queued = [];
    this.waiters = [];
    try {
      const merged = Y.mergeUpdates(updates);
      const sealed = this.options.cipher.seal(RECORD_KIND.update, merged);
      await this.writeAtEnd(encodeRecord(RECORD_KIND.update, sealed.flags, sealed.body));
      this.updates.push(merged);
      this.tailRecords++;
      for (const waiter of waiters) waiter.resolve();
    } catch (error) {
      // Keep the writing: it goes out with the next write once the disk takes it again.
      this.queued = [...updates, ...this.queued];
      const failure = storageError(error, 'save your writing');
      for (const waiter of waiters) waiter.reject(failure);
      if (!this.closed) this.schedule(this.options.tuning.retryMs);
      throw failure;
    }
    if (this.tailOutgrown()) this.compactSoon();
    else this.compactWhenIdle();
  }

  private compactSoon(): void {
    this.run(() => this.compactNow(false)).catch((error: unknown) => {
      log.warn('compaction failed; the log stays as it is', { error: String(error) });
    });
  }

  private compactWhenIdle(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (!this.closed) this.compactSoon();
    }, this.options.tuning.idleCompactMs);
    // Only tidiness waits on this timer, never durability: it must not keep Node running.
    this.idleTimer.unref();
  }

  private tailOutgrown(): boolean {
    if (this.fileBytes === null) return false;
    const snapshotBytes = Math.max(this.snapshotEnd, HEADER_BYTES);
    const tailBytes = this.fileBytes - snapshotBytes;
    return tailBytes > Math.max(this.options.tuning.compactTailBytes, snapshotBytes);
  }

  private async writeAtEnd(record: Uint8Array): Promise<void> {
    const handle = await this.openHandle();
    const end = this.fileBytes ?? HEADER_BYTES;
    try {
      await handle.write(record, end);
      await handle.sync();
    } catch (error) {
      // Whatever part of the record reached the file is cut off again, so the next write
      // lands right after the last whole record. If even that fails, the torn bytes are a
      // damaged tail that the next open drops.
      await handle.truncate(end).catch(() => undefined);
      throw error;
    }
    this.fileBytes = end + record.length;
  }

  private async openHandle(): Promise<StoreFileHandle> {
    if (this.handle !== null) return this.handle;
    const { fs, path } = this.options;
    if (this.fileBytes === null) {
      await writeFileAtomically(fs, path, encodeHeader(FILE_KIND.docLog));
      this.fileBytes = HEADER_BYTES;
      this.snapshotEnd = 0;
    }
    this.handle = await fs.openExisting(path);
    return this.handle;
  }

  private async compactNow(force: boolean): Promise<void> {
    if (!force && this.tailRecords === 0) return;
    const { snapshot, snapshotV2 } = this.mergedState();
    const { cipher } = this.options;
    const asV1 = cipher.seal(RECORD_KIND.snapshot, snapshot);
    const asV2 = snapshotV2 === null ? null : cipher.seal(RECORD_KIND.snapshotV2, snapshotV2);
    const record =
      asV2 !== null && asV2.body.length < asV1.body.length
        ? encodeRecord(RECORD_KIND.snapshotV2, asV2.flags, asV2.body)
        : encodeRecord(RECORD_KIND.snapshot, asV1.flags, asV1.body);
    const header = encodeHeader(FILE_KIND.docLog, FORMAT_VERSION.snapshotV2);
    const file = Buffer.concat([header, record]);
    // Closed first: Windows cannot rename over an open file.
    await this.handle?.close();
    this.handle = null;
    await writeFileAtomically(this.options.fs, this.options.path, file);
    this.updates = [snapshot];
    this.fileBytes = file.length;
    this.snapshotEnd = file.length;
    this.tailRecords = 0;
    this.currentSnapshot = true;
  }

  /** The state of every update, in v1 (kept in memory) and, when it may be written, v2. */
  private mergedState(): { snapshot: Uint8Array; snapshotV2: Uint8Array | null } {
    const ydoc = new Y.Doc({ gc: true });
    try {
      for (const update of this.updates) {
        try {
          Y.applyUpdate(ydoc, update);
        } catch (error) {
          log.warn('skipped a stored update that Yjs could not apply', { error: String(error) });
        }
      }
      return {
        snapshot: Y.encodeStateAsUpdate(ydoc),
        snapshotV2: this.options.v1Snapshots === true ? null : Y.encodeStateAsUpdateV2(ydoc),
      };
    } finally {
      ydoc.destroy();
    }
  }
}
