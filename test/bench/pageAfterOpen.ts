/**
 * Benchmarks of an open circle's page, once it is open and idle:
 *
 * - heap: the renderer's JavaScript heap after a forced garbage collection (DevTools
 *   protocol `HeapProfiler.collectGarbage`, then `Runtime.getHeapUsage`), and the DOM
 *   nodes the page holds (`Memory.getDOMCounters`);
 * - search: query → results shown. The search field gets the whole query at once (as a
 *   paste would); the time runs from that input event to the first frame produced after
 *   the result list for that query is in the DOM (a task posted from the next animation
 *   frame, as ./keystrokeLatency.ts takes a paint). The field is emptied between queries,
 *   and the first query waits until search has read every entry (its "reading" line
 *   gone), so the figure is the index's answer, not its first build.
 */
import type { Browser, Page } from 'playwright-core';
import { waitForEditor, type EditorTarget } from './openTime';

/** The page's heap and DOM after open. */
export interface HeapAfterOpen {
  /** JavaScript heap in use after a forced GC, bytes. */
  usedBytes: number;
  /** DOM nodes in the page. */
  domNodes: number;
}

/** Queries a member might type: words the generated prose uses, and one it never does. */
export const SEARCH_QUERIES = [
  'kindness',
  'hospital',
  'walk home',
  'sister',
  'panic',
  'voice',
  'anger',
  'counsellor',
  'sleep',
  'lighthouse',
];
const READ_ALL_TIMEOUT_MS = 180_000;
const SETTLE_MS = 1000;

/** Opens the app in a fresh context and runs `measure` on the page once it is open. */
export async function withOpenPage<T>(
  browser: Browser,
  url: string,
  target: EditorTarget,
  measure: (page: Page) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await waitForEditor(page, target);
    return await measure(page);
  } finally {
    await context.close();
  }
}

/** The heap after a forced GC and the DOM nodes, a moment after the page opened. */
export async function measureHeap(page: Page): Promise<HeapAfterOpen> {
  await page.waitForTimeout(SETTLE_MS);
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const dom = (await cdp.send('Memory.getDOMCounters')) as { nodes: number };
    return { usedBytes: heap.usedSize, domNodes: dom.nodes };
  } finally {
    await cdp.detach();
  }
}

/** Each query's time to its results on screen, ms, after search has read every entry. */
export async function measureSearch(page: Page, queries: readonly string[]): Promise<number[]> {
  const field = page.getByRole('combobox', { name: 'Search this circle' });
  await field.click();
  // Search reads entries in the background: wait until it says it is done.
  await field.fill(queries[0]!);
  await page.waitForSelector('.search__panel', { timeout: READ_ALL_TIMEOUT_MS });
  await page.waitForFunction(() => document.querySelector('.search__progress') === null, null, {
    timeout: READ_ALL_TIMEOUT_MS,
    polling: 200,
  });
  const times: number[] = [];
  for (const query of queries) {
    await field.fill('');
    await page.waitForFunction(() => document.querySelector('.search__panel') === null);
    times.push(await page.evaluate(timeOneQuery, query));
  }
  return times;
}

// Runs in the page: sets the field to `query` and resolves with the ms until the frame
// after its results (or its "no results" line) are shown. No named inner functions: the
// bundler would wrap them in a helper the page does not have.
async function timeOneQuery(query: string): Promise<number> {
  const field = document.querySelector<HTMLInputElement>('input.search__field');
  if (field === null) throw new Error('no search field');
  // React watches the element's own value: the prototype's setter makes it see a change.
  const value = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;
  const started = performance.now();
  value.set?.call(field, query);
  field.dispatchEvent(new Event('input', { bubbles: true }));
  while (document.querySelector('.search__panel [role="listbox"], .search__empty') === null) {
    await new Promise((next) => requestAnimationFrame(next));
  }
  await new Promise((next) => requestAnimationFrame(next));
  await new Promise((next) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = next;
    channel.port2.postMessage(null);
  });
  return performance.now() - started;
}
