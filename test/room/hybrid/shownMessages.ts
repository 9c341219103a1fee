/**
 * Every text a page showed in one place, however briefly. A message that is true only
 * for a moment (the relay refused the invite's credentials, until the notebook's arrive
 * and replace them) can be gone before a poll from outside the page looks: the page
 * itself notes each text as it appears.
 */
import type { Page } from '@playwright/test';

declare global {
  interface Window {
    __hearthShown?: Record<string, string[]>;
  }
}

// Runs in the page: notes each new text of the elements with this test id. No named
// inner functions: tsx keeps names with a helper the page does not have.
function watch(testId: string): void {
  const shown: Record<string, string[]> = (window.__hearthShown ??= {});
  const texts: string[] = (shown[testId] ??= []);
  new MutationObserver(() => {
    for (const element of document.querySelectorAll(`[data-testid="${testId}"]`)) {
      const text = element.textContent;
      if (text !== '' && !texts.includes(text)) texts.push(text);
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
}

/** From now on, `page` notes every text shown by elements with `testId`. */
export async function noteShown(page: Page, testId: string): Promise<void> {
  await page.evaluate(watch, testId);
}

/** The texts `page` has shown for `testId` since noteShown, first shown first. */
export async function shownTexts(page: Page, testId: string): Promise<string[]> {
  return page.evaluate((id) => window.__hearthShown?.[id] ?? [], testId);
}
