/**
 * Reconnect after one offline meeting: two laptops go offline, each writes about 30,000
 * characters apart (in phrases, as a member types between pauses; a new paragraph every
 * 600 characters), then both come back at once.
 *
 * - Time to identical state: from the "Go back online" click (stamped in the page) to
 *   the first painted frame after which both pages show, and keep showing, the same
 *   texts (every entry editor's text, compared as a sorted list, hashed per frame).
 * - Connection setup: from the same click to the first data channel opening.
 * - Merge work: CPU time each page spends applying what the other sent, sampled by
 *   the profiler (./cpuProfile.ts) from the click until both agree. Hearth: inside
 *   `applyGuardedUpdate` (checks, Yjs apply, and the observers it runs: editor replicas,
 *   the store queue); of it, inside `applyToLive` is the apply to the live document.
 *   Stock: inside y-protocols' `readSyncStep2` (Y.applyUpdate and its observers).
 *
 * Hearth: the laptops write in a new meeting — both in one shared entry, and each in
 * two entries of its own. Floor: both append to the one Y.Text through the textarea.
 */
import { expect } from '@playwright/test';
import type { Page } from 'playwright-core';
import {
  addMeeting,
  setOffline,
  startEntry,
  syncStatus,
  waitUntilSaved,
} from '../../helpers/member';
import { startProfiler, type PageProfiler } from './cpuProfile';
import type { FloorPeer } from './floorRoom';
import { ANY_ENTRY_EDITOR, entryEditor, waitForMesh, type Laptop } from './hearthRoom';

/** Characters each laptop writes while offline. */
export const CHARACTERS_APART = 30_000;

const PHRASES = [
  'i kept thinking about what we said last time',
  'some days the quiet is a comfort and some days it is not',
  'my sister called and we talked for an hour',
  'the walk home felt shorter than usual',
  'i want to say thank you to whoever brought the bread',
];
const PARAGRAPH_CHARS = 600;
const CONVERGE_TIMEOUT_MS = 60_000;
/**
 * Stock y-webrtc can fail to reconnect when both pages come online at once: if each
 * hears the other's announce, both start as initiator, the crossed offers fail, and
 * nobody announces again (glare). The floor then retries; Hearth never does.
 */
const FLOOR_GLARE_TIMEOUT_MS = 10_000;
const FLOOR_RETRIES = 3;

/** What one reconnection measured. */
export interface ReconnectResult {
  charactersApart: number;
  /** Click → both pages show identical text, ms. */
  identicalMs: number;
  /** Click → first data channel open, ms. */
  setupMs: number;
  /** Per page, ms of CPU inside the merge functions. */
  mergeWork: number[];
  /** Per page, ms of that inside applying to the live document (Hearth only). */
  liveApply: number[];
  /** Per page, ms the main thread was busy in the same window. */
  busy: number[];
  /** Times both pages went offline and online again because the first try never met. */
  retries: number;
}

/** Writes about `characters` characters at the caret in phrases; returns how many. */
async function writeApart(page: Page, characters: number, seed: string): Promise<number> {
  let written = 0;
  let paragraph = 0;
  for (let i = 0; written < characters; i++) {
    const phrase = `${seed} ${PHRASES[i % PHRASES.length]!}, `;
    await page.keyboard.insertText(phrase);
    written += phrase.length;
    paragraph += phrase.length;
    if (paragraph >= PARAGRAPH_CHARS && written < characters) {
      await page.keyboard.press('Enter');
      written++;
      paragraph = 0;
    }
  }
  return written;
}

/** Hearth: `ana` and `ben` (already in one circle) write apart, then come back. */
export async function hearthOfflineMeeting(ana: Laptop, ben: Laptop): Promise<ReconnectResult> {
  await waitForMesh([ana, ben]);
  const title = 'An evening apart';
  await addMeeting(ana.page, { title });
  await startEntry(ana.page);
  await ana.page.keyboard.type('We begin together. ');
  await ben.page
    .getByRole('navigation', { name: 'Meetings' })
    .getByRole('button', { name: title })
    .click();
  await expect(ben.page.locator(entryEditor('Ana'))).toContainText('We begin together.');

  await Promise.all([ana, ben].map(({ page }) => setOffline(page, true)));
  const written = await Promise.all(
    [ana, ben].map(async ({ page, name }) => {
      const share = CHARACTERS_APART / 5;
      await page.locator(entryEditor('Ana')).click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      let total = await writeApart(page, share, name);
      for (const part of [1, 2]) {
        await startEntry(page);
        total += await writeApart(page, share * 2, `${name}${part}`);
      }
      await waitUntilSaved(page);
      return total;
    }),
  );

  const pages = [ana.page, ben.page];
  await Promise.all(
    pages.map((page) =>
      page.evaluate((selector) => {
        window.syncProbe.watchTexts(selector);
        window.syncProbe.markClick('online', 'Go back online');
      }, ANY_ENTRY_EDITOR),
    ),
  );
  const profilers = await Promise.all(pages.map((page) => startProfiler(page)));
  await Promise.all(pages.map((page) => setOffline(page, false)));
  await waitForSameTexts(pages, ANY_ENTRY_EDITOR);
  const work = await Promise.all(
    profilers.map((profiler) =>
      profiler.stop({ merge: ['applyGuardedUpdate'], live: ['applyToLive'] }),
    ),
  );
  await Promise.all(
    pages.map((page) => expect(syncStatus(page)).toHaveText('Connected to 1 person')),
  );
  const clicks = await Promise.all(
    pages.map((page) => page.evaluate(() => window.syncProbe.mark('online'))),
  );
  if (clicks.some((click) => click === null))
    throw new Error('a "Go back online" click went unseen');
  const timing = await timeline(pages, Math.min(...clicks.map(Number)));
  return {
    charactersApart: Math.min(...written),
    ...timing,
    mergeWork: work.map((times) => times.inside.merge),
    liveApply: work.map((times) => times.inside.live),
    busy: work.map((times) => times.busy),
    retries: 0,
  };
}

/** The floor: two stock y-webrtc pages (already meshed) write apart, then come back. */
export async function floorOfflineMeeting(peers: readonly FloorPeer[]): Promise<ReconnectResult> {
  const pages = peers.map(({ page }) => page);
  await Promise.all(pages.map((page) => page.evaluate(() => window.floor.goOffline())));
  const written = await Promise.all(
    pages.map(async (page, index) => {
      await page.focus('#input');
      await page.keyboard.press('Control+End');
      return writeApart(page, CHARACTERS_APART, `floor${index}`);
    }),
  );
  await Promise.all(pages.map((page) => page.evaluate(() => window.syncProbe.watchTexts('#view'))));
  let retries = 0;
  for (;;) {
    const profilers: PageProfiler[] = await Promise.all(pages.map((page) => startProfiler(page)));
    const clicks = await Promise.all(
      pages.map((page) =>
        page.evaluate(() => {
          const at = window.syncProbe.now();
          window.floor.goOnline();
          return at;
        }),
      ),
    );
    const timeout = retries < FLOOR_RETRIES ? FLOOR_GLARE_TIMEOUT_MS : CONVERGE_TIMEOUT_MS;
    const met = await waitForSameTexts(pages, '#view', timeout).then(
      () => true,
      (error: unknown) => {
        if (retries < FLOOR_RETRIES) return false;
        throw error;
      },
    );
    const work = await Promise.all(
      profilers.map((profiler) => profiler.stop({ merge: ['readSyncStep2'] })),
    );
    if (!met) {
      retries++;
      await Promise.all(pages.map((page) => page.evaluate(() => window.floor.goOffline())));
      continue;
    }
    const timing = await timeline(pages, Math.min(...clicks));
    return {
      charactersApart: Math.min(...written),
      ...timing,
      mergeWork: work.map((times) => times.inside.merge),
      liveApply: [],
      busy: work.map((times) => times.busy),
      retries,
    };
  }
}

async function waitForSameTexts(
  pages: readonly Page[],
  selector: string,
  timeoutMs = CONVERGE_TIMEOUT_MS,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const signatures = await Promise.all(
      pages.map((page) => page.evaluate((s) => window.syncProbe.textSignature(s), selector)),
    );
    if (new Set(signatures).size === 1) return;
    if (performance.now() > deadline) {
      throw new Error(`the two laptops never showed the same text: ${signatures.join(' ≠ ')}`);
    }
    await new Promise((next) => setTimeout(next, 50));
  }
}

// When each page last changed to the text both ended with, and when the link opened.
async function timeline(
  pages: readonly Page[],
  clicked: number,
): Promise<{ identicalMs: number; setupMs: number }> {
  let identical = clicked;
  let opened = Infinity;
  for (const page of pages) {
    const states = await page.evaluate(() => window.syncProbe.textStates());
    const final = states.at(-1);
    if (final === undefined) throw new Error('a page recorded no text');
    let first = states.length - 1;
    while (first > 0 && states[first - 1]!.signature === final.signature) first--;
    identical = Math.max(identical, states[first]!.painted);
    const opens = await page.evaluate(() => window.syncProbe.channelOpens());
    opened = Math.min(opened, ...opens.filter((at) => at >= clicked));
  }
  return { identicalMs: identical - clicked, setupMs: opened - clicked };
}
