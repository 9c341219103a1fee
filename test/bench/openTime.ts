/**
 * Benchmark: how long a member waits, from asking for the page until the latest
 * meeting's first entry is on screen with its text and can be typed in. Each run is a
 * fresh browser context (no cache, no storage) on the same running host; the first run
 * also pays for the host reading the circle's files.
 */
import type { Browser, Page } from 'playwright-core';
import { describePage } from './pageState';

/** Which editor to wait for, and text it must show. */
export interface EditorTarget {
  /** The editor's accessible name, e.g. "Entry by Sam". */
  label: string;
  /** Text the entry starts with. */
  text: string;
}

const READY_TIMEOUT_MS = 60_000;

/**
 * Resolves once the first editor named `target.label` shows its text and is editable; on
 * a timeout, the error says what the page showed instead.
 */
export async function waitForEditor(page: Page, target: EditorTarget): Promise<void> {
  await page
    .waitForFunction(
      ({ label, text }) => {
        const editor = document.querySelector(`[role="textbox"][aria-label="${label}"]`);
        return (
          editor !== null &&
          editor.getAttribute('contenteditable') === 'true' &&
          editor.textContent.replace(/\s+/g, '').startsWith(text)
        );
      },
      // The first words are enough: they come from the stored state, not a placeholder.
      // Blocks have no separator in textContent, so whitespace is left out of the match.
      { label: target.label, text: target.text.slice(0, 80).replace(/\s+/g, '') },
      { polling: 'raf', timeout: READY_TIMEOUT_MS },
    )
    .catch(async (error: unknown) => {
      throw new Error(`"${target.label}" never became editable: ${await describePage(page)}`, {
        cause: error,
      });
    });
}

/** Opens the app `runs` times, each in a fresh context; returns each wait in milliseconds. */
export async function measureOpenTimes(
  browser: Browser,
  url: string,
  target: EditorTarget,
  runs: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(url);
      await waitForEditor(page, target);
      times.push(performance.now() - started);
    } finally {
      await context.close();
    }
  }
  return times;
}
