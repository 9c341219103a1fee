/**
 * A new laptop joins the one-year circle of the foundation bench (../oneYearCircle.ts:
 * 52 meetings × 12 entries × ~400 words, typed as keystroke-sized edits into the real
 * store).
 *
 * Hearth: Sam's laptop holds a copy of that folder and has the circle open; Ada's
 * laptop, fresh, pastes the invite and clicks "Join the circle" (the bench then affirms
 * the circle's agreements at machine speed, inside the timed window). Time to the whole
 * notebook: from that click (stamped in Ada's page) to the first painted frame at
 * which Ada's status line reads "Connected to 1 person" — which the app shows only
 * once the session with Sam is in step: every document Sam announced (the index and
 * all 624 entries) has been asked for, answered and applied (shared/sync/peerSession.ts)
 * — and the meeting list shows all 52 meetings. Afterwards, outside the timed window,
 * both laptops are stopped and every entry's text in Ada's store is compared with
 * Sam's: the figure stands only if they are identical. Largest message: the largest
 * single `RTCDataChannel.send` on either page (probe), whatever its kind.
 *
 * Floor: stock y-webrtc holds a circle in one document, so as many characters as the
 * year's text go into one Y.Text; a second page joins the room and waits for them. Its
 * sync step 2 is one message far over Chromium's 256 KiB limit, which y-webrtc sends
 * inside a try/catch.
 */
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import type { Browser } from 'playwright-core';
import { storedEntryTexts } from '../../helpers/storedNotebook';
import { readInvite } from '../../helpers/member';
import type { OneYearCircle } from '../oneYearCircle';
import { measureHeap } from '../pageAfterOpen';
import { describePage } from '../pageState';
import { startProfiler } from './cpuProfile';
import type { FloorServer } from './floorServer';
import { floorRoom } from './floorRoom';
import {
  AGREE,
  affirmingAgreementsUntil,
  closeLaptop,
  describeScreen,
  openLaptop,
  startHost,
  type Laptop,
  type RoomPlace,
} from './hearthRoom';
import { sumTallies } from './keystrokeLatency';

/** What one join measured. */
export interface JoinResult {
  /** Click → whole notebook present, ms; null when it never arrived. */
  wholeNotebookMs: number | null;
  /** The largest single data-channel message, bytes. */
  largestMessage: number;
  /** Bytes sent over data channels by both pages. */
  bytesSent: number;
  /** Hearth: entries identical on both laptops' disks after the join. */
  verified: boolean | null;
  /** Characters (Hearth: UTF-8 bytes) of text in the notebook. */
  characters: number;
  /** Hearth: click → the joiner's data channel open, ms. */
  setupMs: number | null;
  /** Hearth: ms each page's main thread was busy during the join (holder, joiner). */
  busy: number[];
  /** Hearth: per page (holder, joiner), the functions with the most self time. */
  hottest: [name: string, ms: number][][];
  /** Hearth: messages sent by both pages, by kind. */
  messages: Record<string, number> | null;
  /** Hearth: the holder's JS heap after a forced GC, bytes: before the join, and once it is whole. */
  holderHeap: [before: number, after: number] | null;
}

// Long enough for the five-year circle on a busy machine.
const JOIN_TIMEOUT_MS = 300_000;
const FLOOR_JOIN_TIMEOUT_MS = 15_000;
const MEETING_TITLE = '.meeting-list__title';
// Coarse sampling: enough to tell busy from waiting, too little to slow the join down.
const JOIN_SAMPLING_US = 1000;

/** Hearth: a fresh laptop joins the one-year circle held by another. */
export async function hearthJoinOneYear(
  browser: Browser,
  place: RoomPlace,
  probeScript: string,
  made: OneYearCircle,
): Promise<JoinResult> {
  // The holder works on a copy: opening and syncing change the folder.
  const samHost = await startHost(place, 'sam', (dataDir) =>
    cp(made.dataDir, dataDir, { recursive: true }),
  );
  const laptops: Laptop[] = [];
  try {
    const sam = await openLaptop(browser, samHost, probeScript);
    laptops.push(sam);
    await affirmingAgreementsUntil(
      sam.page,
      async () => (await sam.page.locator(MEETING_TITLE).count()) === made.meetings,
    ).catch(async (error: unknown) => {
      throw new Error(
        `the holder never listed ${made.meetings} meetings: ${await describePage(sam.page)}`,
        { cause: error },
      );
    });
    const invite = await readInvite(sam.page);
    const heapBefore = (await measureHeap(sam.page)).usedBytes;

    const ada = await openLaptop(browser, await startHost(place, 'ada'), probeScript);
    laptops.push(ada);
    await ada.page.getByRole('button', { name: 'Join a circle…' }).click({ timeout: 30_000 });
    const dialog = ada.page.getByRole('dialog', { name: 'Join a circle' });
    await dialog.getByLabel('Invite').fill(invite.link);
    await expect(dialog.getByTestId('safety-code')).not.toBeEmpty();
    await dialog.getByLabel('Your name in this circle').fill('Ada');
    await Promise.all(
      laptops.map(({ page }) => page.evaluate(() => window.syncProbe.resetTally())),
    );
    await ada.page.evaluate(
      ({ count, title, agree }) => {
        window.syncProbe.clickWhenShown(agree);
        window.syncProbe.markClick('join', 'Join the circle');
        window.syncProbe.markWhen('whole notebook', [
          { selector: '[data-testid="sync-status"]', text: 'Connected to 1 person' },
          { selector: title, count },
        ]);
      },
      { count: made.meetings, title: MEETING_TITLE, agree: AGREE },
    );
    const profilers = await Promise.all(
      laptops.map(({ page }) => startProfiler(page, JOIN_SAMPLING_US)),
    );
    await dialog.getByRole('button', { name: 'Join the circle' }).click();
    // Inside the timed window, but at machine speed: a member would read them first.
    await affirmingAgreementsUntil(
      ada.page,
      async () => (await ada.page.evaluate(() => window.syncProbe.mark('whole notebook'))) !== null,
      JOIN_TIMEOUT_MS,
    ).catch(async (error: unknown) => {
      const meetings = await ada.page.locator(MEETING_TITLE).count();
      throw new Error(
        `the joiner never held the whole notebook (${meetings} meetings listed): ${await describeScreen(ada)}`,
        { cause: error },
      );
    });
    // HEARTH_PROFILE_DIR=<folder> keeps both pages' profiles there, to open in DevTools.
    const kept = process.env.HEARTH_PROFILE_DIR;
    const work = await Promise.all(
      profilers.map((profiler, i) =>
        profiler.stop(
          {},
          kept === undefined
            ? undefined
            : join(kept, `join-${i === 0 ? 'holder' : 'joiner'}.cpuprofile`),
        ),
      ),
    );
    // After the timed window: what answering the join left in the holder's page.
    const heapAfter = (await measureHeap(sam.page)).usedBytes;
    const [clicked, present, opens] = await ada.page.evaluate(
      () =>
        [
          window.syncProbe.mark('join')!,
          window.syncProbe.mark('whole notebook')!,
          window.syncProbe.channelOpens(),
        ] as const,
    );
    const tally = sumTallies(
      await Promise.all(laptops.map(({ page }) => page.evaluate(() => window.syncProbe.tally()))),
    );

    await expect(ada.page.getByTestId('save-status')).toHaveText('Saved on this laptop', {
      timeout: 60_000,
    });
    for (const laptop of laptops.splice(0)) await closeLaptop(laptop);
    const samTexts = await storedEntryTexts(sam.host.dataDir, made.circleId);
    const adaTexts = await storedEntryTexts(ada.host.dataDir, made.circleId);
    const verified =
      samTexts.length === made.entries &&
      JSON.stringify(samTexts.toSorted()) === JSON.stringify(adaTexts.toSorted());
    return {
      wholeNotebookMs: present - clicked,
      largestMessage: tally.largest,
      bytesSent: tally.bytes,
      verified,
      characters: made.textBytes,
      setupMs: Math.min(...opens.filter((at) => at >= clicked)) - clicked,
      busy: work.map((times) => times.busy),
      hottest: work.map((times) => times.hottest),
      messages: tally.byKind,
      holderHeap: [heapBefore, heapAfter],
    };
  } finally {
    for (const laptop of laptops) await closeLaptop(laptop);
  }
}

/** The floor: a stock y-webrtc page joins a room whose one document holds `characters`. */
export async function floorJoinOneYear(
  browser: Browser,
  server: FloorServer,
  probeScript: string,
  characters: number,
): Promise<JoinResult> {
  const room = floorRoom(browser, server, probeScript, `floor-year-${Date.now()}`);
  try {
    await room.grow(1);
    const holder = room.peers[0]!.page;
    const written = await holder.evaluate((n) => window.floor.fill(n, 'sam'), characters);
    await holder.evaluate(() => window.syncProbe.resetTally());
    await room.grow(1);
    const joiner = room.peers[1]!.page;
    const started = await joiner.evaluate(() => performance.timeOrigin);
    let arrived: number | null = null;
    try {
      await joiner.waitForFunction((n) => window.floor.length() >= n, written, {
        timeout: FLOOR_JOIN_TIMEOUT_MS,
      });
      arrived = await joiner.evaluate(() => window.syncProbe.now());
    } catch {
      arrived = null;
    }
    const tally = sumTallies(
      await Promise.all(
        room.peers.map(({ page }) => page.evaluate(() => window.syncProbe.tally())),
      ),
    );
    return {
      wholeNotebookMs: arrived === null ? null : arrived - started,
      largestMessage: tally.largest,
      bytesSent: tally.bytes,
      verified: null,
      characters: written,
      setupMs: null,
      busy: [],
      hottest: [],
      messages: null,
      holderHeap: null,
    };
  } finally {
    await room.close();
  }
}
