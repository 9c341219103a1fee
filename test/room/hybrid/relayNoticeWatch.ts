/**
 * What a page showed of the relay's refusal, and when, noted by the page itself as it
 * happens (a poll from outside could miss a notice that went within half a second):
 * the notice's texts, when it was first shown, when it went, and when the connection
 * details first listed a link through the relay. The notice must stay until the relay
 * takes this laptop's credentials while such a link runs, or the member dismisses it.
 */
import type { Page } from '@playwright/test';

/** What the page noted, in ms of its own clock (performance.now()). */
export interface RelayNoticeTimes {
  texts: string[];
  shownAt: number | null;
  /** When the notice last went; null while it is shown (or was never shown). */
  goneAt: number | null;
  relayLinkAt: number | null;
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
    relayLinkAt: null,
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
    const relayLink = document.querySelector('[data-testid="peer-links"] li[data-path="relay"]');
    if (relayLink !== null) noted.relayLinkAt ??= now;
  }).observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['data-candidates'],
  });
}

/** From now on, `page` notes the relay notice and its links through the relay. */
export async function watchRelayNotice(page: Page): Promise<void> {
  await page.evaluate(watch);
}

/** What `page` noted since watchRelayNotice. */
export async function relayNoticeTimes(page: Page): Promise<RelayNoticeTimes> {
  return page.evaluate(
    () =>
      window.__hearthRelayNotice ?? { texts: [], shownAt: null, goneAt: null, relayLinkAt: null },
  );
}
