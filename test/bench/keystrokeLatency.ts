/**
 * Benchmark: keystroke to paint in an open entry. The page records, for each key, the
 * keydown event's timeStamp (capture phase, before Lexical sees it), when the editor's
 * DOM changed (a MutationObserver), and the next animation frame after that change plus
 * one task (a MessageChannel message posted from requestAnimationFrame runs after the
 * frame is produced): that last mark is taken as the paint.
 */
import type { Browser, Page } from 'playwright-core';
import type { SeededRandom } from '../helpers/seededRandom';
import { waitForEditor, type EditorTarget } from './openTime';

/** One keystroke's timings, in milliseconds from its keydown. */
export interface KeystrokeSample {
  /** Until the editor's DOM changed. */
  dom: number;
  /** Until the frame after that change. */
  paint: number;
}

const PHRASES = [
  'Tonight I want to say thank you to everyone here. ',
  'It was a hard week, but I kept my promise to rest. ',
  'I noticed the old fear and let it pass, slowly. ',
  'Small steps still count, and I am counting them. ',
];

// Runs in the page: starts recording; samples collect in window.__hearthKeystrokes.
function instrument(label: string): void {
  const editor = document.querySelector(`[role="textbox"][aria-label="${label}"]`);
  if (editor === null) throw new Error(`no editor named ${label}`);
  const samples: { dom: number; paint: number }[] = [];
  (window as unknown as { __hearthKeystrokes: typeof samples }).__hearthKeystrokes = samples;
  let pending: number | null = null;
  document.addEventListener(
    'keydown',
    (event) => {
      pending = event.timeStamp;
    },
    { capture: true },
  );
  new MutationObserver(() => {
    if (pending === null) return;
    const start = pending;
    pending = null;
    const dom = performance.now() - start;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => samples.push({ dom, paint: performance.now() - start });
      channel.port2.postMessage(null);
    });
  }).observe(editor, { subtree: true, childList: true, characterData: true });
}

// Runs in the page: resolves with the time since navigation when the main thread has
// had no long task (over 50 ms) for `quietMs`, or when `capMs` have passed.
function quiet({ quietMs, capMs }: { quietMs: number; capMs: number }): Promise<number> {
  return new Promise((resolve) => {
    let last = performance.now();
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        last = Math.max(last, entry.startTime + entry.duration);
    });
    observer.observe({ type: 'longtask', buffered: true });
    const check = setInterval(() => {
      const now = performance.now();
      if (now - last >= quietMs || now >= capMs) {
        clearInterval(check);
        observer.disconnect();
        resolve(last);
      }
    }, 100);
  });
}

/**
 * Opens the app, waits until its work after opening is done (reading every entry for
 * search, say), puts the caret at the end of the target entry and types at least
 * `characters` characters at a person's pace. Returns one sample per keystroke that
 * changed the editor, and when the page became quiet (ms after navigation).
 */
export async function measureKeystrokes(
  browser: Browser,
  url: string,
  target: EditorTarget,
  characters: number,
  random: SeededRandom,
): Promise<{ samples: KeystrokeSample[]; typed: number; quietAfterMs: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await waitForEditor(page, target);
    const quietAfterMs = await page.evaluate(quiet, { quietMs: 3000, capMs: 180_000 });
    const typing = await typeIntoEditor(page, target.label, characters, random);
    return { ...typing, quietAfterMs };
  } finally {
    await context.close();
  }
}

/**
 * Puts the caret at the end of the editor named `label` on `page` and types at least
 * `characters` characters at a person's pace; one sample per keystroke that changed it.
 */
export async function typeIntoEditor(
  page: Page,
  label: string,
  characters: number,
  random: SeededRandom,
): Promise<{ samples: KeystrokeSample[]; typed: number }> {
  const editor = page.getByRole('textbox', { name: label, exact: true }).first();
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.evaluate(instrument, label);
  let text = '';
  while (text.length < characters) text += random.pick(PHRASES);
  for (const character of text) {
    await page.keyboard.type(character);
    // A person typing: 60–180 ms between keys, a little longer after a word.
    await page.waitForTimeout(random.int(60, 180) + (character === ' ' ? 60 : 0));
  }
  await page.waitForTimeout(500);
  const samples = await page.evaluate(
    () => (window as unknown as { __hearthKeystrokes: KeystrokeSample[] }).__hearthKeystrokes,
  );
  const shown = (await editor.textContent()) ?? '';
  if (!shown.includes(text.trim().slice(-40))) throw new Error('the typed text did not appear');
  return { samples, typed: text.length };
}

/** The value at quantile `q` (0..1) of `values`. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
