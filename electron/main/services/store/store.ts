/**
 * The store: everything Hearth keeps on this laptop under one data folder (layout in
 * ./layout.ts). Circles are unlocked on first use and stay open until `close`, which
 * flushes and compacts every open document.
 */
import { join } from 'node:path';
import type { Settings } from '../../../../shared/ipc/contract';
import { HearthError } from '../../../../shared/ipc/errors';
import { INDEX_DOC_ID, isId, type CircleId, type DocId } from '../../../../shared/notebook/ids';
import { logger } from '../../../../shared/log';
import type { KeyVault } from '../keys/keyVault';
import { CircleFolder, type CircleContext } from './circleFolder';
import type { StoredCircle } from './circleProfile';
import { DEFAULT_DOC_LOG_TUNING, type DocLogTuning } from './docLog';
import { nodeFileSystem, type StoreFileSystem } from './fileSystem';
import { NEW_CIRCLE_PREFIX, storeLayout } from './layout';
import { makeNotice, type NoticeSink } from './notices';
import { readSettings, writeSettings } from './settingsFile';
import { storageError } from './storeErrors';

const log = logger('store');

/** What opening a store needs; `fs`, `tuning` and `now` are for tests. */
export interface StoreOptions {
  dataDir: string;
  keyVault: KeyVault;
  onNotice: NoticeSink;
  fs?: StoreFileSystem;
  tuning?: Partial<DocLogTuning>;
  now?: () => number;
}

/** Hearth's files on this laptop. */
export class Store {
  private readonly folders = new Map<CircleId, Promise<CircleFolder>>();
  private readonly lockedReported = new Set<CircleId>();
  private settingsChain: Promise<Settings>;
  private joinChain: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(private readonly context: CircleContext) {
    this.settingsChain = readSettings(context.fs, context.layout.settings);
  }

  /** Opens the data folder at `options.dataDir`, making it if needed. */
  static async open(options: StoreOptions): Promise<Store> {
    const context: CircleContext = {
      fs: options.fs ?? nodeFileSystem,
      layout: storeLayout(options.dataDir),
      vault: options.keyVault,
      tuning: { ...DEFAULT_DOC_LOG_TUNING, ...options.tuning },
      now: options.now ?? Date.now,
      onNotice: options.onNotice,
    };
    const { fs, layout } = context;
    try {
      await fs.mkdir(layout.circles);
      for (const name of await fs.readdir(layout.circles)) {
        // A circle whose making never finished was never handed to anyone.
        if (!name.startsWith(NEW_CIRCLE_PREFIX)) continue;
        log.info('removing a circle folder that was never finished', { name });
        await fs.removeTree(join(layout.circles, name));
      }
    } catch (error) {
      throw storageError(error, 'open its data folder');
    }
    return new Store(context);
  }

  /**
   * Every circle on this laptop that can be unlocked. One that cannot (a key sealed by
   * another key store, a damaged profile) is left untouched and reported once, so it
   * does not hide the member's other circles.
   */
  async circles(): Promise<StoredCircle[]> {
    this.assertOpen();
    const names = await this.context.fs
      .readdir(this.context.layout.circles)
      .catch((error: unknown) => Promise.reject(storageError(error, 'list your circles')));
    const ids = names.filter((name): name is CircleId => isId(name));
    // Settled: a circle just opened is listed with that opening (kept after its answer).
    const opened = await Promise.allSettled(
      ids.map(async (id) => (await this.circle(id)).settledCircle()),
    );
    const circles: StoredCircle[] = [];
    opened.forEach((result, index) => {
      if (result.status === 'fulfilled') {
        circles.push(result.value);
        return;
      }
      const circleId = ids[index]!;
      log.warn('a circle could not be unlocked and is not listed', {
        circleId,
        reason: String(result.reason),
      });
      if (this.lockedReported.has(circleId)) return;
      this.lockedReported.add(circleId);
      this.context.onNotice(
        makeNotice({
          kind: 'circle-locked',
          circleId,
          circleName: null,
          docId: null,
          savedCopyPath: null,
          bytesLost: 0,
          at: this.context.now(),
        }),
      );
    });
    return circles;
  }

  /** Stores a new circle with the first state of its index document (none for a joined one). */
  async createCircle(
    circle: StoredCircle,
    indexState: Uint8Array | null,
    otherDocs?: ReadonlyMap<DocId, Uint8Array>,
  ): Promise<CircleFolder> {
    this.assertOpen();
    const creating = CircleFolder.create(this.context, circle, indexState, otherDocs);
    this.folders.set(circle.profile.circleId, creating);
    void creating.catch(() => this.folders.delete(circle.profile.circleId));
    return creating;
  }

  /**
   * Stores a circle restored from a backup with every document's state; the folder
   * appears whole or not at all. Refuses (`invalid-argument`) a circle already here.
   */
  async restoreCircle(
    circle: StoredCircle,
    docs: ReadonlyMap<DocId, Uint8Array>,
  ): Promise<CircleFolder> {
    this.assertOpen();
    const restoring = this.joinChain.then(async () => {
      const existing = await this.circle(circle.profile.circleId).catch(() => null);
      const onDisk = await this.context.fs.readdir(this.context.layout.circles);
      if (existing !== null || onDisk.includes(circle.profile.circleId)) {
        throw new HearthError('invalid-argument', 'This laptop already has this circle.');
      }
      const others = new Map([...docs].filter(([docId]) => docId !== INDEX_DOC_ID));
      return this.createCircle(circle, docs.get(INDEX_DOC_ID) ?? null, others);
    });
    this.joinChain = restoring.catch(() => undefined);
    return restoring;
  }

  /**
   * Stores a circle joined from an invite, with no notebook yet; or, when this laptop
   * already has the circle, hands over that one untouched (`joined: false`). Joins run
   * one at a time, so one invite opened twice at once cannot make two folders.
   */
  joinCircle(circle: StoredCircle): Promise<{ folder: CircleFolder; joined: boolean }> {
    this.assertOpen();
    const joining = this.joinChain.then(async () => {
      const existing = await this.circle(circle.profile.circleId).catch((error: unknown) => {
        if (error instanceof HearthError && error.kind === 'not-found') return null;
        throw error;
      });
      if (existing !== null) return { folder: existing, joined: false };
      return { folder: await this.createCircle(circle, null), joined: true };
    });
    this.joinChain = joining.catch(() => undefined);
    return joining;
  }

  /** An unlocked circle; throws `not-found` for a circle this laptop does not have. */
  circle(circleId: CircleId): Promise<CircleFolder> {
    if (this.closed) return Promise.reject(closedError());
    if (!isId(circleId)) {
      return Promise.reject(new HearthError('not-found', 'There is no such circle.'));
    }
    let opening = this.folders.get(circleId);
    if (opening === undefined) {
      opening = CircleFolder.open(this.context, circleId);
      // Not remembered when it fails: the key or the files may be fixed and tried again.
      void opening.catch(() => this.folders.delete(circleId));
      this.folders.set(circleId, opening);
    }
    return opening;
  }

  /** The member's settings. */
  settings(): Promise<Settings> {
    return this.settingsChain;
  }

  /** Changes some settings and saves them; updates are applied one after another. */
  updateSettings(patch: Partial<Settings>): Promise<Settings> {
    this.assertOpen();
    const next = this.settingsChain.then(async (current) => {
      const updated: Settings = { ...current, ...patch };
      try {
        await writeSettings(this.context.fs, this.context.layout.settings, updated);
      } catch (error) {
        throw storageError(error, 'save your settings');
      }
      return updated;
    });
    // A failed save leaves the settings as they were for the next update.
    const previous = this.settingsChain;
    this.settingsChain = next.catch(() => previous);
    return next;
  }

  /** Writes everything appended so far in every open circle. */
  async flush(): Promise<void> {
    this.assertOpen();
    await Promise.all([...this.folders.values()].map(async (f) => (await f).flush()));
  }

  /** Flushes, compacts and closes everything; the store refuses work afterwards. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const results = await Promise.allSettled(
      [...this.folders.values()].map(async (opening) => {
        const folder = await opening.catch(() => null);
        await folder?.close();
      }),
    );
    this.folders.clear();
    const failed = results.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }

  private assertOpen(): void {
    if (this.closed) throw closedError();
  }
}

function closedError(): HearthError {
  return new HearthError('internal', 'Hearth is closing; try again in a moment.');
}
