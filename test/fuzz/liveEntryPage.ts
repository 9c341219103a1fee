/**
 * Fuzz target: a hostile peer against a live page. The app's entry editor runs in
 * Chromium on a live entry document (./livePage/entryPage.tsx); each case sends it, through
 * the real PeerSession and update guard, either the next real update of a peer writing
 * that entry with Lexical, or one of the real updates near it with 1–4 bytes changed (as
 * UPDATE or SYNC_STEP_2); now and then the member types at the end of the entry.
 *
 * Invariants, each its own violation:
 * - "editor and document disagree": the editor's text is not the text the document
 *   holds, and still is not once the app's binding watch has had its moment to rebuild
 *   the editor (what issue 11 saw: the screen showing one thing for good, the saved and
 *   synced words another). A disagreement the watch repaired is counted in the notes
 *   ("editor rebuilt"), as is any error the editor reported;
 * - the guard logged that a live document ended in another state than its scratch copy;
 * - a refused frame changed the document.
 * The run stops at its case count; a driver hunting for the first disagreement reads
 * the problems, which keep the case number and seed for replaying.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import * as Y from 'yjs';
import { bindHeadlessEntry, seedEntryBody } from '../../shared/notebook/headlessEntry';
import { LOCAL_ORIGIN } from '../../shared/notebook/origins';
import type { DocId } from '../../shared/notebook/ids';
import { MESSAGE_KIND, encodePeerMessage } from '../../shared/sync/peerProtocol';
import { chromiumLaunchOptions } from '../helpers/chromium';
import { randomEntryEdit } from '../helpers/randomEntryEdits';
import type { SeededRandom } from '../helpers/seededRandom';
import { Tally, type FuzzTarget, type PreparedTarget } from './fuzzTarget';
import { bundleLivePage } from './livePage/pageBundle';
import type { CaseReport, LivePageApi } from './livePage/pageApi';

const ENTRY = 'EEEEEEEEEEEEEEEEEEEEEE' as DocId;
const PEER_EDITS = 3000;
const WORDS = [' steady', ' MEMBERWORD', ' again.', ' Z', ' é', ' 🌱'];

/** A peer's entry written with Lexical: the page holds the start, the rest is its stream. */
async function writePeerEntry(
  random: SeededRandom,
): Promise<{ start: Uint8Array; stream: Uint8Array[] }> {
  const peer = new Y.Doc();
  peer.clientID = 6_000;
  const seed = new Y.Doc();
  seed.clientID = 7_000;
  seedEntryBody(seed);
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(seed), LOCAL_ORIGIN);
  const writer = bindHeadlessEntry(peer);
  await Promise.resolve();
  for (let i = 0; i < 60; i++) randomEntryEdit(writer.editor, random);
  const start = Y.encodeStateAsUpdate(peer);
  const stream: Uint8Array[] = [];
  peer.on('update', (update: Uint8Array) => stream.push(update));
  for (let i = 0; i < PEER_EDITS; i++) {
    try {
      randomEntryEdit(writer.editor, random);
    } catch {
      // A random edit Lexical refuses (a selection it cannot make) is no update: skip it.
    }
  }
  writer.dispose();
  return { start, stream };
}

/** Changes 1–4 bytes of `update` (flips, overwrites, insertions, deletions). */
function mutate(random: SeededRandom, update: Uint8Array): Uint8Array {
  const bytes = Array.from(update);
  for (let edits = random.int(1, 4); edits > 0; edits--) {
    const at = random.int(0, bytes.length - 1);
    const roll = random.next();
    if (roll < 0.45) bytes[at] = bytes[at]! ^ (1 << random.int(0, 7));
    else if (roll < 0.8) bytes[at] = random.pick([0, 1, 2, 0x7f, 0x80, 0xff, random.int(0, 255)]);
    else if (roll < 0.9) bytes.splice(at, 0, random.int(0, 255));
    else if (bytes.length > 2) bytes.splice(at, 1);
  }
  return Uint8Array.from(bytes);
}

/** Opens Chromium on the live page; the caller closes the browser. */
export async function openLivePage(start: Uint8Array): Promise<{
  browser: Browser;
  page: Page;
  api: (fn: string, ...args: unknown[]) => Promise<unknown>;
}> {
  const script = await bundleLivePage();
  const browser = await chromium.launch(chromiumLaunchOptions());
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.setContent('<!doctype html><html><body><div id="root"></div></body></html>');
  await page.addScriptTag({ content: script });
  const ready = await page.evaluate(
    (state) => (window as unknown as { hearthLivePage: LivePageApi }).hearthLivePage.start(state),
    Array.from(start),
  );
  if (!ready) throw new Error(`the live page did not show its entry (${problems.join('; ')})`);
  const api = (fn: string, ...args: unknown[]): Promise<unknown> =>
    page.evaluate(
      ([name, values]) => {
        const target = (
          window as unknown as { hearthLivePage: Record<string, (...a: unknown[]) => unknown> }
        ).hearthLivePage;
        return target[name]!(...values);
      },
      [fn, args] as const,
    );
  return { browser, page, api };
}

/** Mutated real updates from a peer, into the app's entry editor on a live page. */
export const liveEntryPageTarget: FuzzTarget = {
  name: 'mutated updates into a live entry page',
  defaultCases: 100_000,
  smokeCases: 200,
  async prepare(random): Promise<PreparedTarget> {
    const { start, stream } = await writePeerEntry(random);
    const { browser, page, api } = await openLivePage(start);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message.slice(0, 200)));
    const outcomes = new Tally();
    let next = 0;
    return {
      async runCase(caseRandom, index) {
        let update: Uint8Array;
        let kind: 'real' | 'mutated';
        if (next < stream.length && caseRandom.chance(0.2)) {
          update = stream[next++]!;
          kind = 'real';
        } else {
          const near = caseRandom.int(
            Math.max(0, next - 20),
            Math.min(stream.length - 1, next + 20),
          );
          update = mutate(caseRandom, stream[near]!);
          kind = 'mutated';
        }
        const messageKind =
          kind === 'real' || caseRandom.chance(0.5)
            ? MESSAGE_KIND.UPDATE
            : MESSAGE_KIND.SYNC_STEP_2;
        const frame = encodePeerMessage({ kind: messageKind, docId: ENTRY, update });
        const typed = caseRandom.chance(0.03) ? caseRandom.pick(WORDS) : null;
        const errorsBefore = pageErrors.length;
        const report = (await api('runCase', [Array.from(frame)], typed)) as CaseReport;
        outcomes.add(
          report.refused
            ? `${kind} refused`
            : report.changed
              ? `${kind} applied`
              : `${kind} no change`,
        );
        if (typed !== null) outcomes.add('member typed');
        const violations: string[] = [];
        if (report.disagree) outcomes.add(report.rebuilt ? 'editor rebuilt' : 'editor behind');
        if (report.lasting) {
          violations.push(
            `case ${index}: editor and document disagree (${kind}; ${report.detail ?? ''})`,
          );
        }
        if (report.mismatchLogged)
          violations.push(`case ${index}: the scratch copy and the live document differed`);
        if (report.editorFailed) outcomes.add('editor error');
        if (report.refused && report.changed && typed === null) {
          violations.push(`case ${index}: a refused frame changed the document`);
        }
        if (pageErrors.length > errorsBefore) {
          throw new Error(`the page threw: ${pageErrors.at(-1)!}`);
        }
        return { violations };
      },
      summary: () => outcomes.toString(),
      async dispose() {
        await browser.close();
      },
    };
  },
};
