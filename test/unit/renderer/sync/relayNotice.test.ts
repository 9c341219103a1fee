/**
 * The notice that a relay refused this laptop's credentials: it stays until that relay
 * gives this laptop an allocation while a link runs through a relay, or the member
 * dismisses it, across a restart of sync (the notebook's relays replacing the invite's). Two laptops' CircleSync over the fake WebRTC
 * (test/helpers/fakeWebRtc.ts), whose getStats() says which candidate pair is selected.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CircleSession } from '../../../../renderer/src/live-documents/circleSession';
import { CirclePresence } from '../../../../renderer/src/sync/circlePresence';
import { CircleSync } from '../../../../renderer/src/sync/circleSync';
import {
  carriedRelayProblem,
  relayWorked,
  type RelayProblem,
} from '../../../../renderer/src/sync/relayProblems';
import type { TurnServer } from '../../../../shared/sync/meetingPoints';
import { FakeConnection } from '../../../helpers/fakeWebRtc';
import { memoryApi, newCircle } from '../../../helpers/memoryApi';
import { RelaySocket } from '../../../helpers/relaySocket';

const ENDPOINT = 'ws://127.0.0.1:4455';
const RELAY = 'turn:203.0.113.1:3479';
/** Chromium names the server as it dialled it. */
const DIALLED = `${RELAY}?transport=udp`;
const TURN: TurnServer[] = [{ url: RELAY, username: '4102444800:hearth', credential: 'wrong' }];
const REFUSED: RelayProblem = { url: RELAY, kind: 'refused' };
/** How often the links' selected pairs are read (renderer/src/sync/linkPaths.ts). */
const PATHS_READ_MS = 2000;

/** A stats report whose selected pair is `local`/`remote`; a local relay names its server. */
function pairStats(local: string, remote: string, url?: string) {
  return new Map<string, Record<string, unknown>>([
    ['T', { id: 'T', type: 'transport', selectedCandidatePairId: 'P' }],
    ['P', { id: 'P', type: 'candidate-pair', localCandidateId: 'L', remoteCandidateId: 'R' }],
    ['L', { id: 'L', type: 'local-candidate', candidateType: local, url }],
    ['R', { id: 'R', type: 'remote-candidate', candidateType: remote }],
  ]);
}

interface Laptop {
  session: CircleSession;
  presence: CirclePresence;
  sync: CircleSync;
}

let laptops: Laptop[] = [];

// Ana founded the circle; Ben joined with an invite whose relay credential is wrong.
async function anaAndBen(benRelayProblem: RelayProblem | null = null): Promise<[Laptop, Laptop]> {
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
    turn: TURN,
  });
  const benSession = await CircleSession.open(ben.api, circleId);
  const start = async (
    session: CircleSession,
    turn: TurnServer[],
    problem: RelayProblem | null,
  ) => {
    const presence = new CirclePresence(session);
    const sync = await CircleSync.start(session, presence, {
      endpoints: [ENDPOINT],
      iceServers: [],
      turn,
      relayProblem: problem,
    });
    return { session, presence, sync };
  };
  laptops = [await start(anaSession, [], null), await start(benSession, TURN, benRelayProblem)];
  return laptops as [Laptop, Laptop];
}

async function until(what: string, done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 2000; turn++) {
    if (done()) return;
    await new Promise((next) => setImmediate(next));
  }
  throw new Error(`never happened: ${what}`);
}

// Lets the links' selected pairs be read once more, and what follows from them settle.
async function readPaths(): Promise<void> {
  vi.advanceTimersByTime(PATHS_READ_MS);
  for (let turn = 0; turn < 20; turn++) await new Promise((next) => setImmediate(next));
}

// Every connection hears the relay's answer; only Ben's laptop has the relay.
function relayAnswers(code: number): void {
  for (const connection of FakeConnection.made) {
    connection.onicecandidateerror?.({ url: DIALLED, errorCode: code });
  }
}

beforeEach(() => {
  RelaySocket.sockets = [];
  FakeConnection.made = [];
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
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
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the notice that a relay refused this laptop’s credentials', () => {
  it('stays until the relay gives this laptop an allocation while a link runs through a relay', async () => {
    const [ana, ben] = await anaAndBen();
    await until('linked', () => ben.sync.read().peers.length === 1);
    relayAnswers(401);
    expect(ben.sync.read().relayProblem).toEqual(REFUSED);
    expect(ana.sync.read().relayProblem).toBeNull();

    for (const connection of FakeConnection.made) connection.stats = pairStats('host', 'host');
    await readPaths();
    expect(ben.sync.read().peers[0]?.candidates).toBe('host/host');
    expect(ben.sync.read().relayProblem).toEqual(REFUSED);

    // Through the peer's allocation: nothing yet says the relay takes this laptop's credentials.
    for (const connection of FakeConnection.made) connection.stats = pairStats('host', 'relay');
    await readPaths();
    expect(ben.sync.read().peers[0]?.path).toBe('relay');
    expect(ben.sync.read().relayProblem).toEqual(REFUSED);

    // Another relay's allocation does not answer this one's refusal.
    for (const connection of FakeConnection.made) connection.gatherRelay('turn:198.51.100.9:3478');
    expect(ben.sync.read().relayProblem).toEqual(REFUSED);

    for (const connection of FakeConnection.made) connection.gatherRelay(DIALLED);
    expect(ben.sync.read().relayProblem).toBeNull();
  });

  it('stays while every link is direct, even once the relay takes this laptop’s credentials', async () => {
    const [, ben] = await anaAndBen();
    await until('linked', () => ben.sync.read().peers.length === 1);
    relayAnswers(401);
    for (const connection of FakeConnection.made) {
      connection.stats = pairStats('host', 'host');
      connection.gatherRelay(DIALLED);
    }
    await readPaths();
    expect(ben.sync.read().relayProblem).toEqual(REFUSED);
  });

  it('goes when the member dismisses it, and the same relay does not raise it again', async () => {
    const [, ben] = await anaAndBen();
    await until('linked', () => ben.sync.read().peers.length === 1);
    relayAnswers(401);
    ben.sync.dismissRelayProblem();
    expect(ben.sync.read().relayProblem).toBeNull();
    relayAnswers(401);
    expect(ben.sync.read().relayProblem).toBeNull();
  });

  it('outlives a restart of sync while the relay is still the circle’s', async () => {
    const [, ben] = await anaAndBen(carriedRelayProblem(REFUSED, TURN));
    expect(ben.sync.read().relayProblem).toEqual(REFUSED);
    await until('linked', () => ben.sync.read().peers.length === 1);
    await readPaths();
    expect(ben.sync.read().relayProblem).toEqual(REFUSED);
  });

  it('keeps only a refusal, and only of a relay the circle still has', () => {
    expect(carriedRelayProblem(REFUSED, TURN)).toEqual(REFUSED);
    expect(carriedRelayProblem(REFUSED, [])).toBeNull();
    expect(carriedRelayProblem({ url: RELAY, kind: 'unreachable' }, TURN)).toBeNull();
    expect(carriedRelayProblem(null, TURN)).toBeNull();
  });

  it('counts an allocation from that relay as its answer, and nothing answers expiry', () => {
    expect(relayWorked(REFUSED, [DIALLED])).toBe(true);
    expect(relayWorked(REFUSED, ['turn:198.51.100.9:3478?transport=udp'])).toBe(false);
    expect(relayWorked(REFUSED, [])).toBe(false);
    // An engine that does not name the server.
    expect(relayWorked(REFUSED, [''])).toBe(true);
    expect(relayWorked({ url: RELAY, kind: 'expired' }, [DIALLED])).toBe(false);
  });
});
