/**
 * Two laptops' CircleSync, end to end in memory: each a CircleSession on the in-memory
 * backend, meeting through the signalling room (test/helpers/relaySocket.ts, sealed with
 * the circle's real key) and linked by PeerLink over the fake WebRTC
 * (test/helpers/fakeWebRtc.ts); everything between them goes through the real mesh.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CircleSession } from '../../../../renderer/src/live-documents/circleSession';
import { CirclePresence } from '../../../../renderer/src/sync/circlePresence';
import { CircleSync } from '../../../../renderer/src/sync/circleSync';
import { entryPlainText } from '../../../../shared/notebook/headlessEntry';
import type { EntryId } from '../../../../shared/notebook/ids';
import { appendParagraph } from '../../../helpers/circleLaptops';
import { FakeConnection } from '../../../helpers/fakeWebRtc';
import { memoryApi, newCircle } from '../../../helpers/memoryApi';
import { RelaySocket } from '../../../helpers/relaySocket';

const ENDPOINT = 'ws://127.0.0.1:4455';

interface Laptop {
  session: CircleSession;
  presence: CirclePresence;
  sync: CircleSync;
}

async function startLaptop(session: CircleSession): Promise<Laptop> {
  const presence = new CirclePresence(session);
  const sync = await CircleSync.start(session, presence, { endpoints: [ENDPOINT], iceServers: [] });
  return { session, presence, sync };
}

// The founder's laptop and one that joined by invite.
async function twoLaptops(): Promise<[Laptop, Laptop]> {
  const ana = memoryApi();
  const circleId = await newCircle(ana);
  const anaSession = await CircleSession.open(ana.api, circleId);
  const ben = memoryApi();
  await ben.api.circles.join({
    circleId,
    circleKey: anaSession.profile.circleKey,
    name: 'Tuesday circle',
    memberName: 'Ben',
    colour: 'ember',
    colourChosen: true,
    endpoints: [ENDPOINT],
    turn: [],
  });
  const benSession = await CircleSession.open(ben.api, circleId);
  return [await startLaptop(anaSession), await startLaptop(benSession)];
}

// Waits, a turn of the event loop at a time, until `done()` holds; says what it waited for.
async function until(what: string, done: () => boolean | Promise<boolean>): Promise<void> {
  for (let turn = 0; turn < 2000; turn++) {
    if (await done()) return;
    await new Promise((next) => setImmediate(next));
  }
  throw new Error(`never happened: ${what}`);
}

function inStep(laptop: Laptop): boolean {
  const { peers } = laptop.sync.read();
  return peers.length === 1 && peers[0]!.inStep;
}

async function entryText(laptop: Laptop, entryId: EntryId): Promise<string | null> {
  if (!laptop.session.index.read().entries.has(entryId)) return null;
  return entryPlainText(Y.encodeStateAsUpdate(await laptop.session.entryDoc(entryId)));
}

function publish(laptop: Laptop, text: string): EntryId {
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

let laptops: Laptop[] = [];
beforeEach(() => {
  RelaySocket.sockets = [];
  FakeConnection.made = [];
  vi.stubGlobal('WebSocket', RelaySocket);
  vi.stubGlobal('RTCPeerConnection', FakeConnection);
  vi.stubGlobal('addEventListener', () => undefined);
  vi.stubGlobal('removeEventListener', () => undefined);
});
afterEach(async () => {
  for (const { sync, presence, session } of laptops.splice(0)) {
    sync.close();
    presence.destroy();
    await session.close();
  }
  vi.unstubAllGlobals();
});

describe("a circle's sync between two laptops", () => {
  it('finds the other laptop, links, and brings the joiner the notebook and what is written after', async () => {
    laptops = await twoLaptops();
    const [ana, ben] = laptops as [Laptop, Laptop];
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
    const [ana, ben] = laptops as [Laptop, Laptop];
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
