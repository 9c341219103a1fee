/**
 * What a benchmark's page shows, in one line, for the message of a wait that timed out:
 * a timeout alone cannot tell "the app showed nothing" from "the machine was too busy to
 * get there" (the five-year table once failed with no more than "Timeout 60000ms
 * exceeded", read as "no entry cards", on a machine at a load average of 14 on 2 cores).
 */
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';

/** Meetings listed, entry editors shown, the status line and the load average, as text. */
export async function describePage(page: Page): Promise<string> {
  const shown = await page
    .evaluate(() => ({
      meetings: document.querySelectorAll('.meeting-list__title').length,
      editors: document.querySelectorAll('[role="textbox"][aria-label^="Entry by"]').length,
      editable: document.querySelectorAll(
        '[role="textbox"][aria-label^="Entry by"][contenteditable="true"]',
      ).length,
      noEntries: document.querySelector('.entries__empty') !== null,
      heading: document.querySelector('h1')?.textContent ?? null,
      status: document.querySelector('[data-testid="sync-status"]')?.textContent ?? null,
    }))
    .then((state) => JSON.stringify(state))
    .catch((error: unknown) => `(page unreadable: ${String(error)})`);
  return `${shown}; load average ${loadavg()
    .map((load) => load.toFixed(1))
    .join(', ')}`;
}
