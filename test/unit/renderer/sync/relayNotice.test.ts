/**
 * The notice that a relay refused this laptop's credentials: it stays until that relay
 * gives this laptop an allocation while a link runs through a relay, or the member
 * dismisses it, across a restart of sync (the notebook's relays replacing the invite's). Two laptops'
 * CircleSync over the fake WebRTC (test/helpers/syncedLaptops.ts), whose getStats() says which candidate pair is selected.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  carriedRelayProblem,
  relayWorked,
  type RelayProblem,
} from '../../../../renderer/src/sync/relayProblems';
import type { TurnServer } from '../../../../shared/sync/meetingPoints';
import { FakeConnection } from '../../../helpers/fakeWebRtc';
import {
  anaFoundsBenJoins,
  closeLaptops,
  startSync,
  stubBrowserNetwork,
  until,
  type SyncedLaptop,
} from '../../../helpers/syncedLaptops';

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

let laptops: SyncedLaptop[] = [];

// Ana founded the circle; Ben joined with an invite whose relay credential is wrong.
async function anaAndBen(
  benRelayProblem: RelayProblem | null = null,
): Promise<[SyncedLaptop, SyncedLaptop]> {
  const [ana, ben] = await anaFoundsBenJoins(TURN);
  laptops = [
    await startSync(ana, { turn: [], relayProblem: null }),
    await startSync(ben, { turn: TURN, relayProblem: benRelayProblem }),
  ];
  return laptops as [SyncedLaptop, SyncedLaptop];
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
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  stubBrowserNetwork();
});
afterEach(async () => {
  await closeLaptops(laptops);
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
