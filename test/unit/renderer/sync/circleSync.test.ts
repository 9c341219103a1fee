/**
 * Two laptops' CircleSync, end to end in memory: each a CircleSession on the in-memory
 * backend, meeting through the signalling room (test/helpers/relaySocket.ts, sealed with
 * the circle's real key) and linked by PeerLink over the fake WebRTC
 * (test/helpers/fakeWebRtc.ts); everything between them goes through the real mesh.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { entryPlainText } from '../../../../shared/notebook/headlessEntry';
import type { EntryId } from '../../../../shared/notebook/ids';
import { appendParagraph } from '../../../helpers/circleLaptops';
import {
  anaFoundsBenJoins,
  closeLaptops,
  startSync,
  stubBrowserNetwork,
  until,
  type SyncedLaptop,
} from '../../../helpers/syncedLaptops';

// The founder's laptop and one that joined by invite.
async function twoLaptops(): Promise<[SyncedLaptop, SyncedLaptop]> {
  const [ana, ben] = await anaFoundsBenJoins();
  return [await startSync(ana), await startSync(ben)];
}

function inStep(laptop: SyncedLaptop): boolean {
  const { peers } = laptop.sync.read();
  return peers.length === 1 && peers[0]!.inStep;
}

async function entryText(laptop: SyncedLaptop, entryId: EntryId): Promise<string | null> {
  if (!laptop.session.index.read().entries.has(entryId)) return null;
  return entryPlainText(Y.encodeStateAsUpdate(await laptop.session.entryDoc(entryId)));
}

function publish(laptop: SyncedLaptop, text: string): EntryId {
  const { session } = laptop;
  const meetingId = session.addMeeting({ title: 'Week one', date: '2025-03-04', prompts: [] });
  const body = new Y.Doc();
  appendParagraph(body, text);
  return session.publish({
    meetingId,
    body: Y.encodeStateAsUpdate(body),
    anonymous: false,
    contentNote: null,
    exportable: true,
  }).entryId;
}

let laptops: SyncedLaptop[] = [];
beforeEach(stubBrowserNetwork);
afterEach(async () => {
  await closeLaptops(laptops);
  vi.unstubAllGlobals();
});

describe("a circle's sync between two laptops", () => {
  it('finds the other laptop, links, and brings the joiner the notebook and what is written after', async () => {
    laptops = await twoLaptops();
    const [ana, ben] = laptops as [SyncedLaptop, SyncedLaptop];
    const before = publish(ana, 'written before Ben arrived');
    await until('both laptops in step', () => inStep(ana) && inStep(ben));
    expect(ana.sync.read().peers[0]!.memberId).toBe(ben.session.profile.memberId);

    await until('the first entry on Ben', async () => (await entryText(ben, before)) !== null);
    expect(await entryText(ben, before)).toBe('written before Ben arrived');
    const after = publish(ben, 'and Ben answers');
    await until('the answer on Ana', async () => (await entryText(ana, after)) !== null);
    expect(await entryText(ana, after)).toBe('and Ben answers');
    expect(ana.session.index.read().members.has(ben.session.profile.memberId)).toBe(true);
  });

  it('keeps writing while a laptop is offline, and merges both sides when it returns', async () => {
    laptops = await twoLaptops();
    const [ana, ben] = laptops as [SyncedLaptop, SyncedLaptop];
    await until('both laptops in step', () => inStep(ana) && inStep(ben));

    ben.sync.setPaused(true);
    expect(ben.sync.read()).toMatchObject({ paused: true, peers: [] });
    await until('Ana sees Ben gone', () => ana.sync.read().peers.length === 0);
    const fromAna = publish(ana, 'Ana, while Ben was away');
    const fromBen = publish(ben, 'Ben, offline');
    await new Promise((next) => setImmediate(next));
    expect(await entryText(ben, fromAna)).toBeNull();

    // Back in the room, Ben's laptop announces itself at once on the endpoint.
    ben.sync.setPaused(false);
    await until('both laptops in step again', () => inStep(ana) && inStep(ben));
    await until('both entries on both laptops', async () => {
      const texts = await Promise.all([entryText(ana, fromBen), entryText(ben, fromAna)]);
      return texts.every((text) => text !== null);
    });
    expect(await entryText(ana, fromBen)).toBe('Ben, offline');
    expect(await entryText(ben, fromAna)).toBe('Ana, while Ben was away');
  });
});
