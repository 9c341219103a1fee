/**
 * Keystroke latency from one laptop to others: the sender types a run of one letter in a
 * new paragraph of its own entry, key by key; every page (the sender's included) notes,
 * with its own clock, when the run first reaches each length. All pages run on this one
 * machine, so their clocks agree; latency is the receiver's time minus the sender's.
 */
import { expect, type Page } from '@playwright/test';
import type { Laptop } from '../laptop';
import { caretToEnd, entryEditor } from '../typing';

/** A benchmark line: p50 and p95 of one path. */
export interface LatencyLine {
  line: string;
  p50: number;
  p95: number;
  samples: number;
}

const KEYS = 40;
const KEY_DELAY_MS = 80;
const ARRIVAL_TIMEOUT_MS = 60_000;

declare global {
  interface Window {
    __hearthKeys?: number[];
  }
}

// Runs in each page: watches the author's entry and stamps each new run length. No
// named inner functions: tsx keeps names with a helper the page does not have.
function watch(author: string): void {
  const times: number[] = [];
  window.__hearthKeys = times;
  new MutationObserver(() => {
    const editor = document.querySelector<HTMLElement>(`[aria-label="Entry by ${author}"]`);
    const run = /q+$/.exec((editor?.innerText ?? '').trimEnd())?.[0].length ?? 0;
    const now = performance.timeOrigin + performance.now();
    for (let length = 1; length <= run; length++) times[length] ??= now;
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) /
    10
  );
}

/**
 * Types KEYS keys on `sender` and measures when each reaches each receiver; returns once
 * every receiver and every one of `others` shows them all.
 */
export async function keystrokeLatency(
  sender: Laptop,
  receivers: { laptop: Laptop; line: string }[],
  others: Laptop[] = [],
): Promise<LatencyLine[]> {
  const pages = [sender.page, ...receivers.map((receiver) => receiver.laptop.page)];
  for (const page of pages) await page.evaluate(watch, sender.name);
  await caretToEnd(sender.page, entryEditor(sender.page, sender.name));
  await sender.page.keyboard.press('Enter');
  for (let key = 0; key < KEYS; key++) {
    await sender.page.keyboard.type('q');
    await sender.page.waitForTimeout(KEY_DELAY_MS);
  }
  // Every key must reach every page before the figures are read (a key still on its way
  // would drop out of the figures) and before the run ends (the stored notebooks are
  // compared then): `others` are laptops that are not measured but must hold the run too.
  const lengthOn = (page: Page): Promise<number> =>
    page.evaluate((author) => {
      const editor = document.querySelector<HTMLElement>(`[aria-label="Entry by ${author}"]`);
      return /q+$/.exec((editor?.innerText ?? '').trimEnd())?.[0].length ?? 0;
    }, sender.name);
  for (const page of [...pages, ...others.map((laptop) => laptop.page)]) {
    await expect.poll(() => lengthOn(page), { timeout: ARRIVAL_TIMEOUT_MS }).toBe(KEYS);
  }
  const sent = await sender.page.evaluate(() => window.__hearthKeys ?? []);
  const lines: LatencyLine[] = [];
  for (const receiver of receivers) {
    const seen = await receiver.laptop.page.evaluate(() => window.__hearthKeys ?? []);
    const delays: number[] = [];
    for (let length = 1; length <= KEYS; length++) {
      if (sent[length] !== undefined && seen[length] !== undefined)
        delays.push(seen[length]! - sent[length]!);
    }
    if (delays.length === 0) throw new Error(`no keystroke reached ${receiver.laptop.label}`);
    lines.push({
      line: receiver.line,
      p50: percentile(delays, 50),
      p95: percentile(delays, 95),
      samples: delays.length,
    });
  }
  return lines;
}
