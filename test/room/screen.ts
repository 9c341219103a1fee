/**
 * What a laptop's screen shows, read the way a member would see it: every entry of the
 * open meeting (its byline, its text, its reaction counts), the round's speaker line, and
 * the status line. Also a probe, installed before the app loads, that remembers what the
 * entries showed each time the status line turned to "Saved on this laptop" (the store
 * has fsync'd everything by then, so that text must survive a crash), and a clock skew.
 */
import type { Page } from '@playwright/test';

/** The status line's words when everything is on this laptop's disk. */
export const SAVED_TEXT = 'Saved on this laptop';

/** One entry as the screen shows it. */
export interface EntryOnScreen {
  /** The entry's id (from its element id, `entry-<id>`). */
  id: string;
  byline: string;
  /** The editor's text, one line per paragraph, blank lines dropped. */
  text: string;
  /** Reaction label → count shown. */
  reactions: Record<string, number>;
}

/** The open meeting as one laptop shows it. */
export interface NotebookOnScreen {
  meeting: string;
  entries: EntryOnScreen[];
  speaker: string | null;
}

/** What the entries showed the last time the status line turned to "Saved". */
export interface SavedSnapshot {
  /** The page's Date.now() then (skewed on a skewed laptop; only compared on one laptop). */
  at: number;
  /** How many times "Saved" has appeared since the page loaded. */
  times: number;
  entries: { id: string; text: string }[];
}

/**
 * True when an entry card's byline is `author`'s entry: the author alone, or "Ana with
 * Ben" once others have written in it (shared/notebook/WRITING.md).
 */
export function isEntryBy(byline: string, author: string): boolean {
  return byline === author || byline.startsWith(`${author} with `);
}

/** Lexical paragraphs read as lines: the same on screen and from a stored entry. */
export function normaliseText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** Reads the open meeting off the page. */
export async function readNotebook(page: Page): Promise<NotebookOnScreen> {
  const raw = await page.evaluate(() => {
    const entries = [...document.querySelectorAll<HTMLElement>('section.entry-card')].map(
      (card) => {
        const reactions: Record<string, number> = {};
        for (const button of card.querySelectorAll('.reactions button')) {
          const label = button.querySelector('span')?.textContent ?? '';
          const count = button.querySelector('.reaction__count [aria-hidden]')?.textContent;
          reactions[label] = Number(count ?? 0);
        }
        return {
          id: card.id.replace(/^entry-/, ''),
          byline: card.querySelector('.entry-card__author')?.textContent ?? '',
          text: card.querySelector<HTMLElement>('[contenteditable]')?.innerText ?? '',
          reactions,
        };
      },
    );
    return {
      meeting: document.querySelector('#meeting-title')?.textContent ?? '',
      entries,
      speaker: document.querySelector('[data-testid="round-speaker"]')?.textContent ?? null,
    };
  });
  return {
    ...raw,
    entries: raw.entries.map((entry) => ({ ...entry, text: normaliseText(entry.text) })),
  };
}

/**
 * The speaker line differs by design ("Your turn to speak" on the speaker's laptop), so
 * the notebook is compared without it; rounds are compared by the script itself.
 */
export function notebookKey(notebook: NotebookOnScreen): string {
  return JSON.stringify({ meeting: notebook.meeting, entries: notebook.entries });
}

/** The sync part of the status line ("Connected to 2 people", …). */
export async function syncLine(page: Page): Promise<string> {
  return (await page.getByTestId('sync-status').textContent({ timeout: 2000 })) ?? '';
}

/** The saving part of the status line ("Saved on this laptop", "Saving…", …). */
export async function saveLine(page: Page): Promise<string> {
  return (await page.getByTestId('save-status').textContent({ timeout: 2000 })) ?? '';
}

/**
 * An init script for the page: watches the status line and, each time it turns to
 * "Saved", keeps a copy of every entry's text then, on `window.__hearthRoomSaved`.
 * Only the turn itself is recorded (not every change while "Saved" shows), because the
 * text may move ahead of the status line by a keystroke before React repaints it (the
 * line is also looked at every 100 ms, in case a change escapes the observer). It
 * also samples the entries every 100 ms (the last few seconds are kept), so the text
 * on screen half a second before a kill can be looked up afterwards.
 */
export function savedProbeScript(): string {
  return `(() => {
  const record = { at: 0, times: 0, entries: [], samples: [] };
  Object.defineProperty(globalThis, '__hearthRoomSaved', { value: record });
  const entries = () => [...document.querySelectorAll('section.entry-card')].map((card) => ({
    id: card.id.replace(/^entry-/, ''),
    text: card.querySelector('[contenteditable]')?.innerText ?? '',
  }));
  let shown = '';
  const look = () => {
    const status = document.querySelector('[data-testid="save-status"]');
    const now = status === null ? '' : status.textContent;
    if (now === ${JSON.stringify(SAVED_TEXT)} && shown !== now) {
      record.at = Date.now();
      record.times += 1;
      record.entries = entries();
    }
    shown = now;
  };
  const start = () => {
    new MutationObserver(look).observe(document.body, {
      subtree: true, childList: true, characterData: true,
    });
    setInterval(() => {
      look();
      record.samples.push({ at: Date.now(), entries: entries() });
      if (record.samples.length > 50) record.samples.shift();
    }, 100);
  };
  if (document.body) start(); else addEventListener('DOMContentLoaded', start);
})();`;
}

/** The entries on screen at one moment (page clock). */
export interface ScreenSample {
  at: number;
  entries: { id: string; text: string }[];
}

/**
 * The page's last "Saved" snapshot, and its latest sample taken at least `windowMs`
 * before `pageTime` (null if none is that old); entry texts normalised.
 */
export async function savedProbe(
  page: Page,
  pageTime: number,
  windowMs: number,
): Promise<{ saved: SavedSnapshot; beforeWindow: ScreenSample | null }> {
  const raw = await page.evaluate(
    () =>
      (globalThis as unknown as { __hearthRoomSaved: SavedSnapshot & { samples: ScreenSample[] } })
        .__hearthRoomSaved,
  );
  const normalise = (entries: { id: string; text: string }[]) =>
    entries.map((entry) => ({ ...entry, text: normaliseText(entry.text) }));
  const old = raw.samples.filter((sample) => sample.at <= pageTime - windowMs).at(-1);
  return {
    saved: { at: raw.at, times: raw.times, entries: normalise(raw.entries) },
    beforeWindow: old === undefined ? null : { at: old.at, entries: normalise(old.entries) },
  };
}

/**
 * An init script that runs the page's clock `skewMs` ahead (or behind): `Date.now()` and
 * `new Date()` read the skewed time, so everything the app stamps or times does too.
 */
export function skewedClockScript(skewMs: number): string {
  return `(() => {
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  class SkewedDate extends RealDate {
    constructor(...args) { if (args.length === 0) super(realNow() + ${skewMs}); else super(...args); }
    static now() { return realNow() + ${skewMs}; }
  }
  globalThis.Date = SkewedDate;
})();`;
}
