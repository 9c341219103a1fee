/**
 * Fuzz target: damaged store files. A data folder is made once through the real store
 * (a circle whose entry and index logs each hold {@link RECORDS} separate update
 * records, copied as a power cut would leave it: before compaction). Each case puts that
 * folder back, damages one of its files (./fileDamage.ts), then opens the store, lists
 * the circles, opens the circle and loads both documents — and does it all again, as the
 * next start of Hearth would.
 *
 * Crashes: anything thrown that is not a HearthError (a HearthError is a clear refusal:
 * a damaged key or profile). Violations, for a damaged document log: a record that lay
 * wholly before the first damaged byte is missing after opening; the second opening
 * differs from the first or reports the damage again; the copy put aside is not the
 * damaged file byte for byte. For any file: a HearthError where the document log's
 * damage should have been repaired.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as Y from 'yjs';
import { FileKeyVault } from '../../electron/main/services/keys/fileKeyVault';
import {
  nodeFileSystem,
  type StoreFileSystem,
} from '../../electron/main/services/store/fileSystem';
import { FILE_KIND, scanFile } from '../../electron/main/services/store/recordFormat';
import { Store } from '../../electron/main/services/store/store';
import type { StoreNotice } from '../../shared/ipc/contract';
import { HearthError } from '../../shared/ipc/errors';
import { setLogSink } from '../../shared/log';
import {
  INDEX_DOC_ID,
  newId,
  type CircleId,
  type DocId,
  type MemberId,
} from '../../shared/notebook/ids';
import { damageFile, firstDifference } from './fileDamage';
import { Tally, type FuzzTarget, type PreparedTarget } from './fuzzTarget';

const RECORDS = 12;
const ENTRY = 'fuzzEntryAAAAAAAAAAAAA' as DocId;

// Durability is not what is fuzzed here, and fsync would make each case slow.
const fastFileSystem: StoreFileSystem = {
  ...nodeFileSystem,
  syncDir: () => Promise.resolve(),
  openExisting: async (path) => ({
    ...(await nodeFileSystem.openExisting(path)),
    sync: () => Promise.resolve(),
  }),
};

function noteUpdate(key: string): Uint8Array {
  const ydoc = new Y.Doc();
  ydoc.getMap<string>('notes').set(key, `words of ${key}`);
  return Y.encodeStateAsUpdate(ydoc);
}

function noteKeys(state: Uint8Array | null): Set<string> {
  const ydoc = new Y.Doc();
  if (state !== null) Y.applyUpdate(ydoc, state);
  return new Set(ydoc.getMap('notes').keys());
}

interface Opened {
  keys: Map<DocId, Set<string>>;
  notices: StoreNotice[];
}

async function openAll(dataDir: string, circleId: CircleId): Promise<Opened> {
  const notices: StoreNotice[] = [];
  const store = await Store.open({
    dataDir,
    keyVault: FileKeyVault.inDataDir(dataDir),
    onNotice: (n) => notices.push(n),
    fs: fastFileSystem,
  });
  try {
    await store.circles();
    const folder = await store.circle(circleId);
    const keys = new Map<DocId, Set<string>>();
    for (const docId of [ENTRY, INDEX_DOC_ID]) keys.set(docId, noteKeys(await folder.load(docId)));
    return { keys, notices };
  } finally {
    await store.close();
  }
}

/** Damaged files in a store's data folder. */
export const storeFilesTarget: FuzzTarget = {
  name: 'store files',
  defaultCases: 3_000,
  smokeCases: 300,
  async prepare(): Promise<PreparedTarget> {
    const restoreLog = setLogSink(() => undefined);
    const work = await mkdtemp(join(tmpdir(), 'hearth-fuzz-store-'));
    const source = join(work, 'source');
    const base = join(work, 'base');
    const live = join(work, 'live');
    const circleId = newId<CircleId>();
    const store = await Store.open({
      dataDir: source,
      keyVault: FileKeyVault.inDataDir(source),
      onNotice: () => undefined,
      fs: fastFileSystem,
      tuning: { commitWindowMs: 1, compactTailBytes: 1e9, idleCompactMs: 1e9 },
    });
    const folder = await store.createCircle(
      {
        profile: {
          circleId,
          memberId: newId<MemberId>(),
          memberName: 'Robin',
          colour: 'lake',
          circleKey: 'A'.repeat(43),
          createdAt: 1_700_000_000_000,
          inviteEndpoints: [],
        },
        name: 'Fuzz circle',
        lastOpenedAt: 1_700_000_000_000,
      },
      Y.encodeStateAsUpdate(new Y.Doc()),
    );
    for (let i = 0; i < RECORDS; i++) {
      await folder.append(ENTRY, noteUpdate(`e${i}`));
      await folder.append(INDEX_DOC_ID, noteUpdate(`i${i}`));
    }
    await cp(source, base, { recursive: true });
    await store.close();
    const circleDir = join(base, 'circles', circleId);
    const files = {
      entry: join(circleDir, 'docs', `${ENTRY}.hlog`),
      index: join(circleDir, 'docs', `${INDEX_DOC_ID}.hlog`),
      profile: join(circleDir, 'profile.hrec'),
      key: join(circleDir, 'circle.key'),
      settings: join(base, 'settings.json'),
      master: join(base, 'keys', 'master.key'),
    };
    await writeFile(files.settings, JSON.stringify({ theme: 'dark' }));
    const originals = new Map<string, Buffer>();
    for (const path of Object.values(files)) originals.set(path, await readFile(path));
    // Each log's records: where each ends, and the key it adds.
    const recordEnds = new Map<DocId, { end: number; key: string }[]>();
    for (const [docId, path, prefix] of [
      [ENTRY, files.entry, 'e'],
      [INDEX_DOC_ID, files.index, 'i'],
    ] as const) {
      const scanned = scanFile(originals.get(path)!, FILE_KIND.docLog);
      // The index log opens with the circle's first (empty) snapshot.
      const updates = scanned.records.slice(scanned.records.length - RECORDS);
      recordEnds.set(
        docId,
        updates.map((record, i) => ({ end: record.end, key: `${prefix}${i}` })),
      );
    }
    const outcomes = new Tally();
    const damaged = new Tally();

    return {
      async runCase(caseRandom, index) {
        const which = caseRandom.weighted({
          entry: 50,
          index: 15,
          profile: 10,
          key: 8,
          settings: 10,
          master: 7,
        });
        const path = files[which];
        const original = originals.get(path)!;
        const damage = damageFile(caseRandom, original);
        damaged.add(damage.kind);
        await rm(live, { recursive: true, force: true });
        await cp(base, live, { recursive: true });
        const livePath = join(live, relative(base, path));
        await writeFile(livePath, damage.bytes);
        const where = `case ${index} (${damage.kind} in ${which})`;
        const t0 = performance.now();
        let first: Opened;
        try {
          first = await openAll(live, circleId);
        } catch (error) {
          if (!(error instanceof HearthError)) throw error;
          outcomes.add(`refused (${error.kind})`);
          const violations =
            which === 'entry' || which === 'index' || which === 'settings'
              ? [`${where}: refused: ${error.message}`]
              : [];
          return { violations, measuredMs: performance.now() - t0 };
        }
        const measuredMs = performance.now() - t0;
        outcomes.add(first.notices.length > 0 ? 'repaired' : 'opened');
        const violations: string[] = [];
        const docId = which === 'entry' ? ENTRY : which === 'index' ? INDEX_DOC_ID : null;
        if (docId !== null) {
          const from = firstDifference(original, damage.bytes);
          const kept = first.keys.get(docId)!;
          const lost = recordEnds.get(docId)!.filter((r) => r.end <= from && !kept.has(r.key));
          if (lost.length > 0)
            violations.push(
              `${where}: lost ${lost.map((r) => r.key).join(', ')} from before the damage at byte ${from}`,
            );
          for (const notice of first.notices) {
            if (
              notice.savedCopyPath !== null &&
              !(await readFile(notice.savedCopyPath)).equals(damage.bytes)
            ) {
              violations.push(`${where}: the copy put aside is not the damaged file`);
            }
          }
        }
        const second = await openAll(live, circleId);
        if (second.notices.length > 0)
          violations.push(`${where}: the damage is reported again on the next opening`);
        for (const [id, keys] of first.keys) {
          const again = second.keys.get(id)!;
          if (again.size !== keys.size || [...keys].some((key) => !again.has(key)))
            violations.push(`${where}: ${id} changed between two openings`);
        }
        return { violations, measuredMs };
      },
      summary: () => `damage: ${damaged.toString()}; outcome: ${outcomes.toString()}`,
      async dispose() {
        await rm(work, { recursive: true, force: true });
        restoreLog();
      },
    };
  },
};
