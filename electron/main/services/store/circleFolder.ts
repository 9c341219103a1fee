/**
 * One circle's folder (layout in ./layout.ts): its unsealed data key, its profile and
 * its document logs, each opened on first use and kept open until the store closes.
 */
import { join } from 'node:path';
import * as Y from 'yjs';
import { HearthError } from '../../../../shared/ipc/errors';
import { INDEX_DOC_ID, isDocId, type CircleId, type DocId } from '../../../../shared/notebook/ids';
import { logger } from '../../../../shared/log';
import type { KeyVault } from '../keys/keyVault';
import { encodeProfileFile, decodeProfileFile, type StoredCircle } from './circleProfile';
import { DocLog, type DocLogTuning } from './docLog';
import { writeFileAtomically, type StoreFileSystem } from './fileSystem';
import { DOC_LOG_SUFFIX, type StoreLayout } from './layout';
import { makeNotice, noticeWords, type DamageReport, type NoticeSink } from './notices';
import { docBinding, recordCipher } from './recordCipher';
import { encodeHeader, encodeRecord, FILE_KIND, RECORD_KIND } from './recordFormat';
import { newSealedDataKey, openSealedDataKey } from './sealedKey';
import { storageError } from './storeErrors';

const log = logger('store');

/** What every circle folder shares with the store. */
export interface CircleContext {
  fs: StoreFileSystem;
  layout: StoreLayout;
  vault: KeyVault;
  tuning: DocLogTuning;
  now: () => number;
  onNotice: NoticeSink;
}

/** One circle on disk. */
export class CircleFolder {
  private readonly logs = new Map<DocId, Promise<DocLog>>();
  /** Documents deleted while open: a late append must not bring them back. */
  private readonly removed = new Set<DocId>();
  // Profile writes share one temporary file name, so they must not overlap.
  private profileChain: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly context: CircleContext,
    private readonly dir: string,
    private readonly dataKey: Uint8Array,
    private stored: StoredCircle,
  ) {}

  /**
   * Makes a circle's folder whole, with its first index state, then moves it into place.
   * A circle joined from an invite has no index state yet (`null`): its notebook arrives
   * from peers.
   */
  static async create(
    context: CircleContext,
    circle: StoredCircle,
    indexState: Uint8Array | null,
    // A restored backup brings every entry document too, written before the folder appears.
    otherDocs: ReadonlyMap<DocId, Uint8Array> = new Map(),
  ): Promise<CircleFolder> {
    const { fs, layout } = context;
    const circleId = circle.profile.circleId;
    const building = layout.newCircle(circleId);
    const { dataKey, file: sealedKeyFile } = await newSealedDataKey(context.vault);
    try {
      await fs.mkdir(layout.docs(building));
      await writeFileAtomically(fs, layout.sealedKey(building), sealedKeyFile);
      await writeFileAtomically(fs, layout.profile(building), encodeProfileFile(circle, dataKey));
      const firstStates = new Map(otherDocs);
      if (indexState !== null) firstStates.set('index' as DocId, indexState);
      for (const [docId, state] of firstStates) {
        const cipher = recordCipher(dataKey, docBinding(circleId, docId));
        const sealed = cipher.seal(RECORD_KIND.snapshot, state);
        const docFile = Buffer.concat([
          encodeHeader(FILE_KIND.docLog),
          encodeRecord(RECORD_KIND.snapshot, sealed.flags, sealed.body),
        ]);
        await writeFileAtomically(fs, layout.docLog(building, docId), docFile);
      }
      await fs.rename(building, layout.circle(circleId));
      await fs.syncDir(layout.circles);
    } catch (error) {
      await fs.removeTree(building).catch(() => undefined);
      throw storageError(error, 'save the new circle');
    }
    return new CircleFolder(context, layout.circle(circleId), dataKey, circle);
  }

  /** Unlocks an existing circle folder; throws `not-found` when there is none. */
  static async open(context: CircleContext, circleId: CircleId): Promise<CircleFolder> {
    const { fs, layout } = context;
    const dir = layout.circle(circleId);
    let sealedKeyFile: Uint8Array;
    let profileFile: Uint8Array;
    try {
      sealedKeyFile = await fs.readFile(layout.sealedKey(dir));
      profileFile = await fs.readFile(layout.profile(dir));
    } catch (error) {
      if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
        throw new HearthError('not-found', 'There is no such circle on this laptop.');
      }
      throw storageError(error, "read a circle's files");
    }
    const dataKey = await openSealedDataKey(context.vault, sealedKeyFile);
    const stored = decodeProfileFile(profileFile, dataKey, circleId);
    return new CircleFolder(context, dir, dataKey, stored);
  }

  /** The circle as stored. */
  get circle(): StoredCircle {
    return this.stored;
  }

  /** The circle as stored once every profile write begun so far has landed or failed. */
  async settledCircle(): Promise<StoredCircle> {
    await this.profileChain;
    return this.stored;
  }

  /** Replaces the stored circle (name, last opened) on disk, one change at a time. */
  update(change: (current: StoredCircle) => StoredCircle): Promise<StoredCircle> {
    const { fs, layout } = this.context;
    const updating = this.profileChain.then(async () => {
      const next = change(this.stored);
      try {
        const file = encodeProfileFile(next, this.dataKey);
        await writeFileAtomically(fs, layout.profile(this.dir), file);
      } catch (error) {
        throw storageError(error, "save the circle's profile");
      }
      this.stored = next;
      return next;
    });
    this.profileChain = updating.catch(() => undefined);
    return updating;
  }

  /** Every document stored for the circle. */
  async docIds(): Promise<DocId[]> {
    const names = await this.context.fs.readdir(this.context.layout.docs(this.dir));
    const ids = new Set<DocId>();
    for (const name of names) {
      if (!name.endsWith(DOC_LOG_SUFFIX)) continue;
      const id = name.slice(0, -DOC_LOG_SUFFIX.length);
      if (isDocId(id)) ids.add(id);
    }
    for (const [id, opening] of this.logs) {
      const docLog = await opening.catch(() => null);
      if (docLog !== null && !docLog.isEmpty()) ids.add(id);
    }
    return [...ids].sort();
  }

  /** A document's stored state as one update, or null if it has none. */
  async load(docId: DocId): Promise<Uint8Array | null> {
    return (await this.docLog(docId)).load();
  }

  /** Appends an update to a document; resolves once it is on disk. */
  async append(docId: DocId, update: Uint8Array): Promise<void> {
    if (this.removed.has(docId)) {
      throw new HearthError('not-found', 'That entry was withdrawn; nothing more of it is kept.');
    }
    try {
      Y.decodeUpdate(update);
    } catch {
      throw new HearthError('invalid-argument', 'The change to save is not a Yjs update.');
    }
    await (await this.docLog(docId)).append(update);
  }

  /**
   * Deletes a document's files — its log, any unfinished compaction and any damaged copy
   * set aside — so none of its words stay on this laptop's disk (an entry withdrawn by
   * its author). Later appends to it are refused while this store is open.
   */
  async remove(docId: DocId): Promise<void> {
    if (!isDocId(docId) || docId === INDEX_DOC_ID) {
      throw new HearthError('invalid-argument', 'That document cannot be removed.');
    }
    this.removed.add(docId);
    const opening = this.logs.get(docId);
    this.logs.delete(docId);
    const docLog = await opening?.catch(() => null);
    // Closed without compacting: its words are about to be deleted anyway.
    await docLog?.discard();
    const { fs, layout } = this.context;
    const path = layout.docLog(this.dir, docId);
    const folder = layout.docs(this.dir);
    const prefix = `${docId}${DOC_LOG_SUFFIX}`;
    try {
      for (const name of await fs.readdir(folder)) {
        if (name === prefix || name.startsWith(`${prefix}.`)) await fs.unlink(join(folder, name));
      }
      await fs.unlink(path).catch(() => undefined);
      await fs.syncDir(folder);
    } catch (error) {
      throw storageError(error, `delete a withdrawn entry of "${this.stored.name}"`);
    }
  }

  /**
   * Rewrites a document as one snapshot in the current format: one with a tail, or one
   * an older Hearth wrote (which is otherwise rewritten only when next written to).
   */
  async compact(docId: DocId): Promise<void> {
    await (await this.docLog(docId)).compact();
  }

  /** Writes everything appended so far, and compacts what has grown. */
  async flush(): Promise<void> {
    await Promise.all([...this.logs.values()].map(async (opening) => (await opening).flush()));
  }

  /** Flushes, compacts and closes every open document. */
  async close(): Promise<void> {
    const results = await Promise.allSettled([
      ...[...this.logs.values()].map(async (opening) => (await opening).close()),
      // A profile write made after its request was answered (./openedCircle.ts) lands too.
      this.profileChain,
    ]);
    this.logs.clear();
    const failed = results.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }

  private docLog(docId: DocId): Promise<DocLog> {
    // The id becomes a file name: nothing but a real doc id may get that far.
    if (!isDocId(docId)) {
      return Promise.reject(new HearthError('invalid-argument', 'That is not a document id.'));
    }
    let opening = this.logs.get(docId);
    if (opening === undefined) {
      opening = this.openDocLog(docId);
      // A failed open is not remembered: the next call tries again.
      void opening.catch(() => this.logs.delete(docId));
      this.logs.set(docId, opening);
    }
    return opening;
  }

  private async openDocLog(docId: DocId): Promise<DocLog> {
    const { fs, layout, tuning, now } = this.context;
    const circleId = this.stored.profile.circleId;
    try {
      const { log: docLog, damage } = await DocLog.open({
        fs,
        path: layout.docLog(this.dir, docId),
        cipher: recordCipher(this.dataKey, docBinding(circleId, docId)),
        tuning,
        now,
        v1Snapshots: docId === INDEX_DOC_ID,
      });
      if (damage !== null) this.report(docId, damage);
      return docLog;
    } catch (error) {
      throw storageError(error, `open a document of "${this.stored.name}"`);
    }
  }

  private report(docId: DocId, damage: DamageReport): void {
    const notice = makeNotice({
      ...damage,
      circleId: this.stored.profile.circleId,
      circleName: this.stored.name,
      docId,
      at: this.context.now(),
    });
    log.warn(noticeWords(notice), { path: join(this.dir, 'docs'), kind: notice.kind });
    this.context.onNotice(notice);
  }
}
