/**
 * What a page showed of the relay's refusal, and when, noted by the page itself as it
 * happens (a poll from outside could miss a notice that went within half a second):
 * the notice's texts, when it was first shown, when it went, and when the connection
 * details first listed a link through this laptop's own relay allocation (a selected pair
 * whose local candidate is a relay: the relay took this laptop's credentials). The
 * notice must stay until such a link works or the member dismisses it.
 */
import type { Page } from '@playwright/test';

/** What the page noted, in ms of its own clock (performance.now()). */
export interface RelayNoticeTimes {
  texts: string[];
  shownAt: number | null;
  /** When the notice last went; null while it is shown (or was never shown). */
  goneAt: number | null;
  ownRelayAt: number | null;
}

declare global {
  interface Window {
    __hearthRelayNotice?: RelayNoticeTimes;
  }
}

// Runs in the page. No named inner functions: tsx keeps names with a helper the page
// does not have.
function watch(): void {
  const noted: RelayNoticeTimes = (window.__hearthRelayNotice ??= {
    texts: [],
    shownAt: null,
    goneAt: null,
    ownRelayAt: null,
  });
  new MutationObserver(() => {
    const now = performance.now();
    const notice = document.querySelector('[data-testid="relay-problem"]');
    if (notice !== null) {
      const text = notice.textContent;
      if (text !== '' && !noted.texts.includes(text)) noted.texts.push(text);
      noted.shownAt ??= now;
      noted.goneAt = null;
    } else if (noted.shownAt !== null && noted.goneAt === null) {
      noted.goneAt = now;
    }
    const ownRelay = document.querySelector(
      '[data-testid="peer-links"] li[data-candidates^="relay/"]',
    );
    if (ownRelay !== null) noted.ownRelayAt ??= now;
  }).observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['data-candidates'],
  });
}

/** From now on, `page` notes the relay notice and its own relay links. */
export async function watchRelayNotice(page: Page): Promise<void> {
  await page.evaluate(watch);
}

/** What `page` noted since watchRelayNotice. */
export async function relayNoticeTimes(page: Page): Promise<RelayNoticeTimes> {
  return page.evaluate(
    () =>
      window.__hearthRelayNotice ?? { texts: [], shownAt: null, goneAt: null, ownRelayAt: null },
  );
}
