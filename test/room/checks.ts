/**
 * What the room must show, checked from the screens and the disks:
 *
 * - after every heal, every laptop still in the room shows the same notebook, holding
 *   every phrase typed so far, within CONVERGE_LIMIT_MS of the room being linked again
 *   (every status line "Connected to n−1 people", and every one of the page's WebRTC
 *   connections really connected: the line alone goes on saying "Connected" through a
 *   short cut). Both times are measured from the moment the fault was undone;
 * - nothing a killed laptop's screen showed when its status line said "Saved on this
 *   laptop", or half a second before the kill, is missing from its disk;
 * - at the end, the index and every entry read from each disk are identical, and hold
 *   every phrase typed.
 */
import { writeFileSync } from 'node:fs';
import type { Laptop } from './laptop';
import { linkStates } from './linkProbe';
import {
  isEntryBy,
  notebookKey,
  readNotebook,
  saveLine,
  syncLine,
  type NotebookOnScreen,
  type SavedSnapshot,
} from './screen';
import type { StoredNotebook } from './storedNotebook';
import type { PhraseLedger } from './typing';

/** The bound: identical notebooks within 3 s of a heal. */
export const CONVERGE_LIMIT_MS = 3000;
const POLL_MS = 100;

/** How one heal went, from the moment the fault was undone. */
export interface HealMeasure {
  /** Undone → every status line in step with every other laptop. */
  healMs: number;
  /** In step → every screen identical and complete. */
  convergeMs: number;
  /** Undone → identical and complete. */
  totalMs: number;
  /** What the screens showed, each time it changed: ms since undone, then per laptop. */
  timeline: string[];
}

/** What the status line says when in step with `others` laptops. */
export function connectedLine(others: number): string {
  return `Connected to ${others} ${others === 1 ? 'person' : 'people'}`;
}

/** Phrases (by entry byline) missing from a notebook on screen. */
export function missingPhrases(notebook: NotebookOnScreen, ledger: PhraseLedger): string[] {
  return ledger.phrases
    .filter(({ phrase, entry }) => {
      const card = notebook.entries.find((candidate) => isEntryBy(candidate.byline, entry));
      return card === undefined || !card.text.includes(phrase);
    })
    .map(({ phrase, entry }) => `"${phrase}" in ${entry}'s entry`);
}

/**
 * Waits until every laptop in `room` is in step with all the others (and `alsoReady`
 * holds, e.g. the restarted laptop says "Saved"), and all show the same complete
 * notebook; measures both from `undoneAt`. Throws, saying what each screen shows, if
 * that takes longer than `timeoutMs`.
 */
export async function waitForHeal(
  room: readonly Laptop[],
  ledger: PhraseLedger,
  undoneAt: number,
  options: { timeoutMs: number; alsoReady?: () => Promise<boolean>; dumpFile?: string },
): Promise<HealMeasure> {
  // Every screen as last read, kept on disk to tell afterwards what changed between heals.
  const dump = (notebooks: NotebookOnScreen[]): void => {
    if (options.dumpFile === undefined) return;
    const screens = Object.fromEntries(room.map((laptop, i) => [laptop.label, notebooks[i]]));
    writeFileSync(
      options.dumpFile,
      `${JSON.stringify({ screens, ledger: ledger.phrases }, null, 2)}\n`,
    );
  };
  const wanted = connectedLine(room.length - 1);
  let linkedAt: number | null = null;
  let last: { lines: string[]; notebooks: NotebookOnScreen[] } = { lines: [], notebooks: [] };
  const timeline: string[] = [];
  let shown = '';
  while (Date.now() - undoneAt < options.timeoutMs) {
    const [lines, saving, notebooks, links, ready] = await Promise.all([
      Promise.all(
        room.map((laptop) => syncLine(laptop.page).catch((error: unknown) => String(error))),
      ),
      Promise.all(
        room.map((laptop) => saveLine(laptop.page).catch((error: unknown) => String(error))),
      ),
      Promise.all(room.map((laptop) => readNotebook(laptop.page))),
      Promise.all(room.map((laptop) => linkStates(laptop.page))),
      options.alsoReady?.() ?? Promise.resolve(true),
    ]);
    const now = Date.now();
    last = { lines, notebooks };
    // In step means the status line says so and the links really are up: the line goes on
    // saying "Connected" through a short cut while the connections are disconnected.
    const linked =
      ready &&
      lines.every((line) => line === wanted) &&
      links.every((states) => states.connected === room.length - 1 && states.notConnected === 0);
    if (linked) linkedAt ??= now;
    else linkedAt = null;
    const keys = new Set(notebooks.map(notebookKey));
    const missing = notebooks.map((notebook) => missingPhrases(notebook, ledger).length);
    const state = room
      .map(
        (laptop, i) =>
          `${laptop.options.seat.index}: ${lines[i] ?? '?'} [${links[i]?.summary ?? '?'}], ${saving[i] ?? '?'}, ${missing[i]} missing`,
      )
      .join(' | ');
    if (state !== shown)
      timeline.push(`+${now - undoneAt} ms ${state}${ready ? '' : ' (not ready)'}`);
    shown = state;
    if (linkedAt !== null && keys.size === 1 && missing.every((count) => count === 0)) {
      dump(notebooks);
      return {
        healMs: linkedAt - undoneAt,
        convergeMs: now - linkedAt,
        totalMs: now - undoneAt,
        timeline,
      };
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  dump(last.notebooks);
  const report = room.map((laptop, i) => {
    const notebook = last.notebooks[i];
    const missing = notebook === undefined ? [] : missingPhrases(notebook, ledger);
    const lines = [
      `  ${laptop.label}: "${last.lines[i] ?? '?'}", missing ${missing.length ? missing.join('; ') : 'nothing'}`,
    ];
    // What the entries lacking a phrase do hold, to tell a lost phrase from a mangled one.
    for (const phrase of ledger.phrases) {
      const card = notebook?.entries.find((entry) => isEntryBy(entry.byline, phrase.entry));
      if (card !== undefined && !card.text.includes(phrase.phrase)) {
        lines.push(`    ${phrase.entry}'s entry reads: ${JSON.stringify(card.text.slice(-400))}`);
        break;
      }
    }
    return lines.join('\n');
  });
  throw new Error(
    `the room did not heal within ${options.timeoutMs} ms (wanted "${wanted}" everywhere and identical notebooks):\n${report.join('\n')}\n  timeline:\n    ${timeline.join('\n    ')}`,
  );
}

/** What the status lines told the members during a cut. */
export interface CutSeen {
  /** Cut → the first status line that said the room had lost touch with someone, ms. */
  lostTouchAfterMs: number | null;
}

/** The status line's words for a link whose network stopped answering. */
export const LOST_TOUCH = /^Lost touch with/;

/**
 * Logs, every half second until stopped, what the status lines and links show whenever
 * that changes: the story of a cut, for the log. Returns the stop function, which says
 * when a status line first told its member that the room had lost touch.
 */
export function watchRoom(
  room: readonly Laptop[],
  log: (line: string) => void,
): () => Promise<CutSeen> {
  const watch = { stopped: false };
  let shown = '';
  let lostTouchAfterMs: number | null = null;
  const started = Date.now();
  const watching = (async () => {
    while (!watch.stopped) {
      const states = await Promise.all(
        room.map(async (laptop) => {
          const [line, links, saving] = await Promise.all([
            syncLine(laptop.page),
            linkStates(laptop.page),
            saveLine(laptop.page),
          ]);
          if (LOST_TOUCH.test(line)) lostTouchAfterMs ??= Date.now() - started;
          return `${laptop.options.seat.index}: ${line} [${links.summary}], ${saving}`;
        }),
      ).catch((error: unknown) => [String(error)]);
      const state = states.join(' | ');
      if (state !== shown) log(`    +${Date.now() - started} ms ${state}`);
      shown = state;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  })();
  return async () => {
    watch.stopped = true;
    await watching;
    return { lostTouchAfterMs };
  };
}

/**
 * Characters of `saved` that `stored` does not hold in order: the length of `saved`
 * less their longest common subsequence. The meeting only ever adds text, so whatever
 * was saved must still be there, in order, with later text around it.
 */
export function lostCharacters(saved: string, stored: string): number {
  if (stored.includes(saved)) return 0;
  // By code point, so an accented letter counts as one character.
  const a = Array.from(saved);
  const b = Array.from(stored);
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (const char of a) {
    for (let j = 1; j <= b.length; j++) {
      current[j] =
        b[j - 1] === char ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return a.length - previous[b.length]!;
}

/** What a killed laptop's disk held, against what its screen had shown. */
export interface SavedVersusStored {
  /** Characters on screen when "Saved" last showed, missing from the disk: must be 0. */
  lostSaved: number;
  /** Characters on screen 500 ms before the kill, missing from the disk: must be 0. */
  lostBeyondWindow: number;
  /** Characters on screen at the kill that were not yet shown as saved (may be lost). */
  unsavedAtKill: number;
  /** Characters on screen at the kill missing from the disk (allowed: the last 500 ms). */
  lostInWindow: number;
}

/** How long a killed host may lose: DESIGN.md's "short group-commit window". */
export const LOSS_WINDOW_MS = 500;

type Texts = readonly { id: string; text: string }[];

function lostFrom(screen: Texts, stored: StoredNotebook): number {
  return screen.reduce(
    (sum, entry) => sum + lostCharacters(entry.text, stored.entries[entry.id] ?? ''),
    0,
  );
}

/** Compares what the screen showed (as saved, 500 ms before, at the kill) with the disk. */
export function savedVersusStored(
  shown: { saved: SavedSnapshot; beforeWindow: Texts | null; atKill: NotebookOnScreen },
  stored: StoredNotebook,
): SavedVersusStored {
  let unsavedAtKill = 0;
  for (const entry of shown.atKill.entries) {
    const before = shown.saved.entries.find((candidate) => candidate.id === entry.id)?.text ?? '';
    unsavedAtKill += Math.max(0, entry.text.length - before.length);
  }
  return {
    lostSaved: lostFrom(shown.saved.entries, stored),
    lostBeyondWindow: shown.beforeWindow === null ? 0 : lostFrom(shown.beforeWindow, stored),
    unsavedAtKill,
    lostInWindow: lostFrom(shown.atKill.entries, stored),
  };
}

/** Differences between laptops' stored notebooks (empty when all are identical). */
export function storedDifferences(stored: { label: string; notebook: StoredNotebook }[]): string[] {
  const [first, ...rest] = stored;
  if (first === undefined) return [];
  const problems: string[] = [];
  for (const other of rest) {
    if (other.notebook.circleId !== first.notebook.circleId) {
      problems.push(`${other.label} holds another circle`);
    }
    if (other.notebook.index !== first.notebook.index) {
      problems.push(`${other.label}'s stored index differs from ${first.label}'s`);
    }
    const ids = new Set([
      ...Object.keys(first.notebook.entries),
      ...Object.keys(other.notebook.entries),
    ]);
    for (const id of ids) {
      if (first.notebook.entries[id] !== other.notebook.entries[id]) {
        problems.push(`entry ${id} differs on disk between ${first.label} and ${other.label}`);
      }
    }
  }
  return problems;
}

/** Phrases missing from a stored notebook, with entry bylines taken from a screen. */
export function phrasesMissingOnDisk(
  stored: StoredNotebook,
  bylines: ReadonlyMap<string, string>,
  ledger: PhraseLedger,
  typedBefore = Number.POSITIVE_INFINITY,
): string[] {
  const entryOf = (author: string): string =>
    [...bylines].find(([, byline]) => isEntryBy(byline, author))?.[0] ?? '';
  return ledger.phrases
    .filter(({ endedAt }) => endedAt < typedBefore)
    .filter(({ phrase, entry }) => !(stored.entries[entryOf(entry)] ?? '').includes(phrase))
    .map(({ phrase, entry }) => `"${phrase}" in ${entry}'s entry`);
}
