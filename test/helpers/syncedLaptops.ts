/**
 * Two laptops' CircleSync in one Node process, for the renderer's sync tests: each a
 * CircleSession on its own in-memory services, meeting through the in-memory signalling
 * room (./relaySocket.ts) and linked over the fake WebRTC (./fakeWebRtc.ts). What differs
 * between tests (the invite's relays, how sync starts) is theirs to pass in.
 */
import { vi } from 'vitest';
import { CircleSession } from '../../renderer/src/live-documents/circleSession';
import { CirclePresence } from '../../renderer/src/sync/circlePresence';
import { CircleSync } from '../../renderer/src/sync/circleSync';
import type { TurnServer } from '../../shared/sync/meetingPoints';
import { FakeConnection } from './fakeWebRtc';
import { memoryApi, newCircle } from './memoryApi';
import { RelaySocket } from './relaySocket';

/** The signalling endpoint every laptop here is told of. */
export const ENDPOINT = 'ws://127.0.0.1:4455';

type SyncOptions = Parameters<typeof CircleSync.start>[2];

/** One laptop with its circle open and its sync running. */
export interface SyncedLaptop {
  session: CircleSession;
  presence: CirclePresence;
  sync: CircleSync;
}

/** Ana founds the circle; Ben joins by an invite that carries `benTurn` as its relays. */
export async function anaFoundsBenJoins(
  benTurn: TurnServer[] = [],
): Promise<[ana: CircleSession, ben: CircleSession]> {
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
    turn: benTurn,
  });
  return [anaSession, await CircleSession.open(ben.api, circleId)];
}

/** Starts `session`'s presence and sync through {@link ENDPOINT}, with `options` beside. */
export async function startSync(
  session: CircleSession,
  options: Partial<SyncOptions> = {},
): Promise<SyncedLaptop> {
  const presence = new CirclePresence(session);
  const sync = await CircleSync.start(session, presence, {
    endpoints: [ENDPOINT],
    iceServers: [],
    ...options,
  });
  return { session, presence, sync };
}

/** Puts the in-memory room and the fake WebRTC in the browser's place (a beforeEach). */
export function stubBrowserNetwork(): void {
  RelaySocket.sockets = [];
  FakeConnection.made = [];
  vi.stubGlobal('WebSocket', RelaySocket);
  vi.stubGlobal('RTCPeerConnection', FakeConnection);
  vi.stubGlobal('addEventListener', () => undefined);
  vi.stubGlobal('removeEventListener', () => undefined);
}

/** Stops and closes every laptop in `laptops`, emptying it (an afterEach). */
export async function closeLaptops(laptops: SyncedLaptop[]): Promise<void> {
  for (const { sync, presence, session } of laptops.splice(0)) {
    sync.close();
    presence.destroy();
    await session.close();
  }
}

// Captured before any test fakes time: `until`'s patience is measured in real time.
const realNanoseconds = process.hrtime.bigint.bind(process.hrtime);
/** How long `until` waits, in real time, before it says what never happened. */
const UNTIL_PATIENCE_NS = 10_000_000_000n;

/**
 * Waits, a turn of the event loop at a time, until `done()` holds; says what it waited for.
 * Its patience is real time, not a count of turns: a link's opening passes through timers
 * (a zero-delay batch, a slice's yield), and on a loaded machine two thousand turns can
 * pass in 30 ms while those timers are still due.
 */
export async function until(what: string, done: () => boolean | Promise<boolean>): Promise<void> {
  const giveUpAt = realNanoseconds() + UNTIL_PATIENCE_NS;
  for (;;) {
    if (await done()) return;
    if (realNanoseconds() > giveUpAt) throw new Error(`never happened: ${what}`);
    await new Promise((next) => setImmediate(next));
  }
}
