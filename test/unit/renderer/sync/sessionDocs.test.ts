/**
 * The renderer's documents as sync sees them (renderer/src/sync/sessionDocs.ts): a link's
 * opening reads the entries that are not live from main's copy, so the laptop a newcomer
 * joins answers the whole notebook without loading its entry bodies, and the newcomer
 * ends with every entry.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CircleSession } from '../../../../renderer/src/live-documents/circleSession';
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { bindHeadlessEntry, entryPlainText } from '../../../../shared/notebook/headlessEntry';
import { entryDocId, type EntryId } from '../../../../shared/notebook/ids';
import { memoryApi, newCircle } from '../../../helpers/memoryApi';
import {
  ENDPOINT,
  closeLaptops,
  startSync,
  stubBrowserNetwork,
  until,
  type SyncedLaptop,
} from '../../../helpers/syncedLaptops';

let laptops: SyncedLaptop[] = [];
beforeEach(stubBrowserNetwork);
afterEach(async () => {
  await closeLaptops(laptops);
  vi.unstubAllGlobals();
});

/** Ana's circle with `count` entries, written, saved, and opened again: no entry is live. */
async function anaReopened(count: number): Promise<{ ana: CircleSession; entries: EntryId[] }> {
  const backend = memoryApi();
  const circleId = await newCircle(backend);
  const first = await CircleSession.open(backend.api, circleId);
  const meetingId = first.addMeeting({ title: 'Week one', date: '2025-03-04', prompts: [] });
  const entries = Array.from({ length: count }, (_, i) => {
    const body = new Y.Doc();
    // As the editor writes a body (a paragraph holding a text node).
    const headless = bindHeadlessEntry(body);
    headless.editor.update(
      () => {
        $getRoot().append(
          $createParagraphNode().append($createTextNode(`entry ${i}, kept on Ana's laptop`)),
        );
      },
      { discrete: true },
    );
    headless.dispose();
    return first.publish({
      meetingId,
      body: Y.encodeStateAsUpdate(body),
      anonymous: false,
      contentNote: null,
      exportable: true,
    }).entryId;
  });
  await first.close();
  return { ana: await CircleSession.open(backend.api, circleId), entries };
}

describe("sync's view of an open circle", () => {
  it('answers a newcomer from the store without loading the entries that are not live', async () => {
    const { ana, entries } = await anaReopened(12);
    const backend = memoryApi();
    await backend.api.circles.join({
      circleId: ana.circleId,
      circleKey: ana.profile.circleKey,
      name: 'Tuesday circle',
      memberName: 'Ben',
      colour: 'ember',
      colourChosen: true,
      endpoints: [ENDPOINT],
      turn: [],
    });
    const ben = await CircleSession.open(backend.api, ana.circleId);
    laptops = [await startSync(ana), await startSync(ben)];
    const inStep = (laptop: SyncedLaptop): boolean =>
      laptop.sync.read().peers.length === 1 && laptop.sync.read().peers[0]!.inStep;
    await until('both laptops in step', () => laptops.every(inStep));
    await until("Ben's laptop saved what arrived", () => ben.saves.read().pending === 0);
    for (const [i, entryId] of entries.entries()) {
      const docId = entryDocId(entryId);
      expect(ana.loadedDoc(docId)).toBeUndefined();
      // Written straight to Ben's store, checked, without being made live in his page.
      expect(ben.loadedDoc(docId)).toBeUndefined();
      expect(ben.holds(docId)).toBe(true);
      const stored = await backend.api.docs.load(ana.circleId, docId);
      expect(await entryPlainText(stored!)).toBe(`entry ${i}, kept on Ana's laptop`);
      const body = await ben.entryDoc(entryId);
      expect(await entryPlainText(Y.encodeStateAsUpdate(body))).toBe(
        `entry ${i}, kept on Ana's laptop`,
      );
    }
  });
});
