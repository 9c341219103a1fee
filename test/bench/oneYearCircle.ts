/**
 * A year of a circle, on disk, for the benchmarks: 52 weekly meetings of 12 entries of
 * about 400 words each (./benchProse.ts), every entry typed as keystroke-sized Lexical
 * edits (./typist.ts), and every resulting Yjs update handed to the real store through
 * the backend's `hearth:docs:append` handler, one call per update, as the renderer's
 * docPersistence does. Batching: a writer sends a window of WINDOW updates without
 * waiting, then waits for the store to confirm them (one group commit, like a fast
 * typist's), and the 12 entries of a meeting are written side by side; so each entry's
 * log takes several records and is compacted along the way and when the store closes.
 *
 * The folder is cached in node_modules/.cache/hearth-bench/<VERSION>: bump VERSION when
 * the generator, the schema or the store's format changes. The five-year circle is the
 * same generator at 260 meetings, cached beside it and made only by a bench that asks
 * for it (`fiveYearCircle`), so the one-year benches never wait for it.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as Y from 'yjs';
import {
  openHearthServices,
  type HearthServices,
} from '../../electron/main/services/hearthServices';
import { FileKeyVault } from '../../electron/main/services/keys/fileKeyVault';
import libraryJson from '../../resources/prompts/library.json';
import type { InvokeHandlers } from '../../shared/ipc/contract';
import { CircleIndex } from '../../shared/notebook/circleIndex';
import { entryPlainText } from '../../shared/notebook/headlessEntry';
import {
  INDEX_DOC_ID,
  entryDocId,
  type CircleId,
  type DocId,
  type EntryId,
  type MemberId,
} from '../../shared/notebook/ids';
import { STORE_ORIGIN } from '../../shared/notebook/origins';
import { readPromptLibrary } from '../../shared/notebook/promptLibrary';
import { MEMBER_COLOURS } from '../../shared/notebook/schema';
import { seededId } from '../helpers/circleReplicas';
import { seededRandom } from '../helpers/seededRandom';
import { proseEntry, wordCount } from './benchProse';
import { typeEntry } from './typist';

/** Names the cached folder; bump it whenever what is generated changes. */
export const ONE_YEAR_CIRCLE_VERSION = 'one-year-circle-v2';
/** The five-year circle's cached folder: the same generator, 260 meetings. */
export const FIVE_YEAR_CIRCLE_VERSION = 'five-year-circle-v1';

const MEETINGS = 52;
const FIVE_YEARS_OF_MEETINGS = 5 * MEETINGS;
const ENTRIES_PER_MEETING = 12;
const WORDS_PER_ENTRY = 400;
const WINDOW = 100;
const SEED = 0x4ea27;
const FIRST_MEETING = Date.UTC(2024, 8, 5, 18, 30); // a Thursday evening
const WEEK_MS = 7 * 24 * 3600 * 1000;
const MEMBER_NAMES = [
  'Sam',
  'Robin',
  'Alex',
  'Jordan',
  'Priya',
  'Tomás',
  'Mei',
  'Kwame',
  'Ines',
  'Lars',
  'Noor',
  'Dana',
];

/** What the generated folder holds, as recorded when it was made. */
export interface OneYearCircle {
  version: string;
  /** The data folder: settings.json, keys/, circles/<circleId>/. */
  dataDir: string;
  circleId: CircleId;
  meetings: number;
  entries: number;
  words: number;
  /** Yjs updates written, each in its own append call. */
  updates: number;
  /** UTF-8 bytes of every entry's text. */
  textBytes: number;
  /** Bytes of every entry's Yjs state as typed, before the store's framing and encryption. */
  yjsBytes: number;
  generationMs: number;
  /** The entry the app shows first: the latest meeting's first, written by this laptop's member. */
  firstEntry: { authorName: string; text: string };
  /** True when this run read the folder from the cache. */
  cached: boolean;
}

/** Where generated circles are cached ($HEARTH_BENCH_CACHE for a fresh, separate cache). */
export const BENCH_CACHE = resolve(
  process.env.HEARTH_BENCH_CACHE ??
    join(import.meta.dirname, '../../node_modules/.cache/hearth-bench'),
);

/** The cached one-year circle, generated first if there is none. */
export function oneYearCircle(say: (line: string) => void): Promise<OneYearCircle> {
  return cachedCircle(ONE_YEAR_CIRCLE_VERSION, MEETINGS, say);
}

/**
 * The cached five-year circle (260 meetings, 3,120 entries), generated first if there is
 * none: only the benches that name it pay for making it, once.
 */
export function fiveYearCircle(say: (line: string) => void): Promise<OneYearCircle> {
  return cachedCircle(FIVE_YEAR_CIRCLE_VERSION, FIVE_YEARS_OF_MEETINGS, say);
}

async function cachedCircle(
  version: string,
  meetings: number,
  say: (line: string) => void,
): Promise<OneYearCircle> {
  const folder = join(BENCH_CACHE, version);
  const manifestPath = join(folder, 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as OneYearCircle;
    return { ...manifest, dataDir: join(folder, 'data'), cached: true };
  }
  // Made aside and renamed into place, so an interrupted run leaves no half a year behind.
  const building = `${folder}.building-${process.pid}`;
  await rm(building, { recursive: true, force: true });
  await mkdir(building, { recursive: true });
  const made = await generate(join(building, 'data'), version, meetings, say);
  await writeFile(join(building, 'manifest.json'), JSON.stringify(made, null, 2));
  await rm(folder, { recursive: true, force: true });
  await rename(building, folder);
  return { ...made, dataDir: join(folder, 'data'), cached: false };
}

// Appends every update of `updates` in windows, each window confirmed before the next.
async function writeInWindows(
  handlers: InvokeHandlers,
  circleId: CircleId,
  docId: DocId,
  updates: readonly Uint8Array[],
): Promise<void> {
  for (let start = 0; start < updates.length; start += WINDOW) {
    const window = updates.slice(start, start + WINDOW);
    await Promise.all(
      window.map((update) => handlers['hearth:docs:append'](circleId, docId, update)),
    );
  }
}

async function generate(
  dataDir: string,
  version: string,
  meetingCount: number,
  say: (line: string) => void,
): Promise<Omit<OneYearCircle, 'dataDir' | 'cached'>> {
  const started = performance.now();
  const random = seededRandom(SEED);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  let backend: HearthServices | null = await openHearthServices({
    dataDir,
    keyVault: FileKeyVault.inDataDir(dataDir),
    appInfo: { mode: 'browser', version: 'bench' },
    emit: () => undefined,
  });
  try {
    const { handlers } = backend;
    const summary = await handlers['hearth:circles:create']({
      name: 'Thursday Evening Circle',
      memberName: MEMBER_NAMES[0]!,
      colour: 'ember',
    });
    const circleId = summary.id;
    const { profile } = await handlers['hearth:circles:open'](circleId);
    await handlers['hearth:settings:update']({ lastCircleId: circleId });

    // The index, persisted as the renderer's session persists it.
    const indexDoc = new Y.Doc();
    const stored = await handlers['hearth:docs:load'](circleId, INDEX_DOC_ID);
    if (stored !== null) Y.applyUpdate(indexDoc, stored, STORE_ORIGIN);
    const indexWrites: Promise<void>[] = [];
    indexDoc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== STORE_ORIGIN)
        indexWrites.push(handlers['hearth:docs:append'](circleId, INDEX_DOC_ID, update));
    });
    const index = new CircleIndex(indexDoc);
    index.registerClient(profile.memberId);
    const others = MEMBER_NAMES.slice(1).map(() => seededId<MemberId>(random));
    const members = [profile.memberId, ...others];
    members.forEach((id, i) => {
      const joinedAt = FIRST_MEETING - WEEK_MS + i * 60_000;
      index.upsertMember({
        id,
        name: MEMBER_NAMES[i]!,
        colour: MEMBER_COLOURS[i % MEMBER_COLOURS.length]!,
        joinedAt,
        agreedAt: joinedAt,
        agreedVersion: null,
      });
    });
    // Everyone has affirmed the agreements the circle was founded with (else a gate shows).
    const agreements = index.read().governance.agreements;
    if (agreements !== null) {
      for (const id of members) {
        index.affirmAgreements(id, agreements.version, FIRST_MEETING - WEEK_MS);
      }
    }
    const themes = readPromptLibrary(libraryJson);

    let updates = 0;
    let words = 0;
    let textBytes = 0;
    let yjsBytes = 0;
    let firstEntry = { authorName: '', text: '' };
    let firstEntryId: EntryId | null = null;
    for (let week = 0; week < meetingCount; week++) {
      const at = FIRST_MEETING + week * WEEK_MS;
      const theme = themes[week % themes.length]!;
      const meetingId = index.addMeeting(
        {
          title: theme.title,
          date: new Date(at).toISOString().slice(0, 10),
          prompts: theme.prompts,
          createdBy: profile.memberId,
        },
        at,
      );
      const writes: Promise<void>[] = [];
      for (let slot = 0; slot < ENTRIES_PER_MEETING; slot++) {
        // This laptop's member writes first; everyone takes a turn; now and then, anonymously.
        const author = slot === 0 ? 0 : (week + slot) % members.length;
        const anonymous = slot !== 0 && random.chance(0.1);
        const entryId = seededId<EntryId>(random);
        const plan = proseEntry(random, WORDS_PER_ENTRY);
        const typed = typeEntry(plan, random);
        index.addEntry(
          {
            meetingId,
            authorId: anonymous ? null : members[author]!,
            visibility: anonymous ? 'anonymous' : 'circle',
          },
          at + 60_000 * (slot + 1),
          entryId,
        );
        writes.push(writeInWindows(handlers, circleId, entryDocId(entryId), typed.updates));
        updates += typed.updates.length;
        words += wordCount(plan);
        textBytes += Buffer.byteLength(typed.text, 'utf8');
        yjsBytes += typed.state.length;
        if (week === meetingCount - 1 && slot === 0) {
          firstEntry = { authorName: MEMBER_NAMES[0]!, text: typed.text };
          firstEntryId = entryId;
        }
      }
      await Promise.all([...writes, ...indexWrites.splice(0)]);
      if ((week + 1) % 4 === 0)
        say(
          `  generated ${week + 1}/${meetingCount} meetings (${((performance.now() - started) / 1000).toFixed(0)} s)`,
        );
    }
    await Promise.all(indexWrites.splice(0));
    index.dispose();
    await backend.close();
    backend = null;
    await checkReadsBack(dataDir, circleId, firstEntryId, firstEntry.text, meetingCount);
    return {
      version,
      circleId,
      meetings: meetingCount,
      entries: meetingCount * ENTRIES_PER_MEETING,
      words,
      updates,
      textBytes,
      yjsBytes,
      generationMs: performance.now() - started,
      firstEntry,
    };
  } finally {
    await backend?.close();
  }
}

// Opens the folder again, as the app will, and reads the first entry and the index back.
async function checkReadsBack(
  dataDir: string,
  circleId: CircleId,
  entryId: EntryId | null,
  text: string,
  meetingCount: number,
): Promise<void> {
  if (entryId === null) throw new Error('no first entry was written');
  const backend = await openHearthServices({
    dataDir,
    keyVault: FileKeyVault.inDataDir(dataDir),
    appInfo: { mode: 'browser', version: 'bench' },
    emit: () => undefined,
  });
  try {
    const body = await backend.handlers['hearth:docs:load'](circleId, entryDocId(entryId));
    if (body === null || (await entryPlainText(body)) !== text)
      throw new Error('the first entry does not read back as typed');
    const indexState = await backend.handlers['hearth:docs:load'](circleId, INDEX_DOC_ID);
    const indexDoc = new Y.Doc();
    if (indexState !== null) Y.applyUpdate(indexDoc, indexState);
    const snapshot = new CircleIndex(indexDoc).read();
    if (
      snapshot.meetings.length !== meetingCount ||
      snapshot.entries.size !== meetingCount * ENTRIES_PER_MEETING
    ) {
      throw new Error(
        `the index reads back ${snapshot.meetings.length} meetings and ${snapshot.entries.size} entries`,
      );
    }
  } finally {
    await backend.close();
  }
}
