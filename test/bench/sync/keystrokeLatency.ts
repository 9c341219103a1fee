/**
 * One typing run: the typist types a phrase one key at a time at a steady pace, and
 * every other page records when each character appeared on its screen.
 *
 * Clock: every page on this machine reads `performance.timeOrigin + performance.now()`,
 * one clock. The typist's page stamps each keydown (capture phase, before the editor
 * sees it). Each receiver watches the text element with a MutationObserver; at the first
 * mutation of a frame it stamps "DOM changed", and once the next frame is produced (a
 * task posted from the next animation frame callback) "painted", with the element's
 * text length then. Only the typist types, at the end of
 * the text, so keystroke i (from 0) is on a receiver's screen at the first painted frame
 * whose length is at least the length before the run + i + 1.
 *
 * Fan-out: every page's data-channel sends are counted during the run (the probe wraps
 * `RTCDataChannel.prototype.send`); the sums over the whole mesh are divided by the
 * number of keystrokes.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startProfiler } from './cpuProfile';
import type { SendTally } from './page/probeApi';

/** Keystrokes per second the typist keeps to. */
export const KEYS_PER_SECOND = 8;

/** What a member might type: over 100 characters, no Markdown shortcut in them. */
export const TYPED_PHRASE =
  'this week felt lighter than the last, and i am grateful to be here with all of you tonight. thank you all for listening. ';

/** Who types and who watches. */
export interface TypingRun {
  typist: Page;
  /** Puts the typist's caret at the end of the watched text. */
  focusTypist(): Promise<void>;
  receivers: readonly Page[];
  /** The element holding the text, on every page. */
  textSelector: string;
  /** The message kind that carries a document update (Hearth: UPDATE; y-webrtc: sync-update). */
  updateKind: string;
  text?: string;
}

/** What one run measured. */
export interface KeystrokeResult {
  keystrokes: number;
  /** Keydown on the typist → painted on a receiver, one per (receiver, keystroke), ms. */
  painted: number[];
  /** Keydown on the typist → DOM changed on a receiver, ms. */
  domChanged: number[];
  /** (receiver, keystroke) pairs never seen. */
  missing: number;
  /** Update messages sent by all pages together, per keystroke. */
  updatesPerKeystroke: number;
  /** Every data-channel message sent by all pages together, per keystroke. */
  messagesPerKeystroke: number;
  /** Messages by kind, summed over the pages. */
  byKind: Record<string, number>;
}

const SETTLE_MS = 300;
const ARRIVAL_TIMEOUT_MS = 15_000;

/** Types the phrase on the typist and measures it on every receiver. */
export async function measureKeystrokes(run: TypingRun): Promise<KeystrokeResult> {
  const text = run.text ?? TYPED_PHRASE;
  const pages = [run.typist, ...run.receivers];
  await run.focusTypist();
  await waitForSameLength(pages, run.textSelector);

  const before = await Promise.all(
    run.receivers.map((page) =>
      page.evaluate((s) => window.syncProbe.watchPaints(s), run.textSelector),
    ),
  );
  await Promise.all(pages.map((page) => page.evaluate(() => window.syncProbe.resetTally())));
  await run.typist.evaluate(() => window.syncProbe.startKeyLog());

  const interval = 1000 / KEYS_PER_SECOND;
  const start = performance.now();
  for (let i = 0; i < text.length; i++) {
    const wait = start + i * interval - performance.now();
    if (wait > 0) await new Promise((next) => setTimeout(next, wait));
    await run.typist.keyboard.type(text[i]!);
  }

  const deadline = performance.now() + ARRIVAL_TIMEOUT_MS;
  for (const [index, page] of run.receivers.entries()) {
    const wanted = before[index]! + text.length;
    while (performance.now() < deadline) {
      const paints = await page.evaluate(() => window.syncProbe.paints());
      if ((paints.at(-1)?.length ?? 0) >= wanted) break;
      await new Promise((next) => setTimeout(next, 100));
    }
  }
  await new Promise((next) => setTimeout(next, SETTLE_MS));

  const keys = await run.typist.evaluate(() => window.syncProbe.keyTimes());
  if (keys.length !== text.length) {
    throw new Error(`the typist's page saw ${keys.length} keydowns for ${text.length} keys`);
  }
  const result: KeystrokeResult = {
    keystrokes: keys.length,
    painted: [],
    domChanged: [],
    missing: 0,
    updatesPerKeystroke: 0,
    messagesPerKeystroke: 0,
    byKind: {},
  };
  for (const [index, page] of run.receivers.entries()) {
    const paints = await page.evaluate(() => window.syncProbe.paints());
    keys.forEach((keyTime, key) => {
      const paint = paints.find((candidate) => candidate.length >= before[index]! + key + 1);
      if (paint === undefined) {
        result.missing++;
        return;
      }
      result.painted.push(paint.painted - keyTime);
      result.domChanged.push(paint.mutated - keyTime);
    });
  }
  const tallies = await Promise.all(
    pages.map((page) => page.evaluate(() => window.syncProbe.tally())),
  );
  const sum = sumTallies(tallies);
  result.byKind = sum.byKind;
  result.updatesPerKeystroke = (sum.byKind[run.updateKind] ?? 0) / keys.length;
  result.messagesPerKeystroke = sum.messages / keys.length;
  return result;
}

/** Main-thread time per keystroke on the typist's page and on one receiver's, in ms. */
export interface KeystrokeCost {
  typist: number;
  /** Of it, outside JavaScript: style, layout, paint. */
  typistNative: number;
  receiver: number;
  receiverNative: number;
}

const COST_PHRASE = 'we stayed a little longer after the meeting and talked. ';

/**
 * What typing costs the pages: a short typing run, apart from the timed ones (the
 * profiler slows a page down), with the sampling profiler on the typist and the first
 * receiver; their busy time over the run, divided by the keystrokes.
 */
export async function measureKeystrokeCost(run: TypingRun): Promise<KeystrokeCost> {
  const receiver = run.receivers[0]!;
  const profilers = await Promise.all([startProfiler(run.typist), startProfiler(receiver)]);
  const { keystrokes } = await measureKeystrokes({
    ...run,
    receivers: [receiver],
    text: COST_PHRASE,
  });
  // HEARTH_BENCH_PROFILES=<dir> keeps both profiles (typist.cpuprofile, receiver.cpuprofile)
  // for DevTools: with an unminified renderer they name the source's functions.
  const keptIn = process.env.HEARTH_BENCH_PROFILES;
  const [typist, received] = await Promise.all(
    profilers.map((profiler, index) =>
      profiler.stop(
        {},
        keptIn === undefined
          ? undefined
          : join(keptIn, `${index === 0 ? 'typist' : 'receiver'}.cpuprofile`),
      ),
    ),
  );
  return {
    typist: typist!.busy / keystrokes,
    typistNative: typist!.native / keystrokes,
    receiver: received!.busy / keystrokes,
    receiverNative: received!.native / keystrokes,
  };
}

/** The tallies of several pages, added up. */
export function sumTallies(tallies: readonly SendTally[]): SendTally {
  const sum: SendTally = { messages: 0, bytes: 0, largest: 0, byKind: {} };
  for (const tally of tallies) {
    sum.messages += tally.messages;
    sum.bytes += tally.bytes;
    sum.largest = Math.max(sum.largest, tally.largest);
    for (const [kind, count] of Object.entries(tally.byKind)) {
      sum.byKind[kind] = (sum.byKind[kind] ?? 0) + count;
    }
  }
  return sum;
}

// A run starts only once every page shows the same text, so lengths line up.
async function waitForSameLength(pages: readonly Page[], selector: string): Promise<void> {
  const deadline = performance.now() + ARRIVAL_TIMEOUT_MS;
  for (;;) {
    const lengths = await Promise.all(
      pages.map((page) => page.evaluate((s) => window.syncProbe.textSignature(s), selector)),
    );
    if (new Set(lengths).size === 1) return;
    if (performance.now() > deadline) {
      throw new Error(`the pages do not show the same text before typing: ${lengths.join(', ')}`);
    }
    await new Promise((next) => setTimeout(next, 100));
  }
}
