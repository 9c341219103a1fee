import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { selectedPair } from '../../../../renderer/src/sync/linkPaths';
import { expiredRelay, relayErrorProblem } from '../../../../renderer/src/sync/relayProblems';
import { SignallingRoom, type SignalCipher } from '../../../../renderer/src/sync/signallingRoom';

const ROOM_ENDPOINT = 'ws://10.77.0.1:4455';
const UNREACHABLE = 'wss://signal.example.org/hearth';

/** An in-memory endpoint; the meeting point on the internet never answers (no internet). */
class Socket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 3;
  static sockets: Socket[] = [];
  readyState = Socket.CONNECTING;
  readonly topics = new Set<string>();
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;

  constructor(readonly url: string) {
    Socket.sockets.push(this);
    if (url === UNREACHABLE) return;
    queueMicrotask(() => {
      this.readyState = Socket.OPEN;
      this.onopen?.();
    });
  }

  send(text: string): void {
    const message = JSON.parse(text) as { type: string; topic?: string; topics?: string[] };
    if (message.type === 'subscribe') for (const t of message.topics ?? []) this.topics.add(t);
    if (message.type !== 'publish') return;
    for (const other of Socket.sockets) {
      if (other === this || other.readyState !== Socket.OPEN || other.url !== this.url) continue;
      if (other.topics.has(message.topic ?? '')) other.onmessage?.({ data: text });
    }
  }

  close(): void {
    this.readyState = Socket.CLOSED;
  }
}

const cipher: SignalCipher = {
  seal: (message) => Promise.resolve(JSON.stringify(message)),
  open: (sealed) => Promise.resolve(typeof sealed === 'string' ? JSON.parse(sealed) : null),
};

describe('meeting points beyond the room', () => {
  beforeEach(() => {
    Socket.sockets = [];
    vi.useFakeTimers();
    vi.stubGlobal('WebSocket', Socket);
    vi.stubGlobal('addEventListener', () => undefined);
    vi.stubGlobal('removeEventListener', () => undefined);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('an unreachable meeting point costs the room no delay: laptops meet with no time passing', async () => {
    const heard: string[] = [];
    const room = (peerId: string): SignallingRoom => {
      const made = new SignallingRoom('room', peerId, cipher, {
        announce: (from) => heard.push(`${peerId} heard ${from}`),
        signal: () => undefined,
        leave: () => undefined,
        endpointsChanged: () => undefined,
      });
      // The meeting point first: it must hold nothing up.
      made.setEndpoints([UNREACHABLE, ROOM_ENDPOINT]);
      return made;
    };
    const ana = room('ana-peer-id-0001');
    const ben = room('ben-peer-id-0002');
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(heard).toContain('ben-peer-id-0002 heard ana-peer-id-0001');
    expect(ana.connectedEndpoints).toBe(1);
    ana.close();
    ben.close();
  });

  it('reads the selected pair from the stats: relay on either end means through the relay', () => {
    const stats = (local: string, remote: string) =>
      new Map<string, Record<string, unknown>>([
        ['T1', { id: 'T1', type: 'transport', selectedCandidatePairId: 'P1' }],
        ['P1', { id: 'P1', type: 'candidate-pair', localCandidateId: 'L', remoteCandidateId: 'R' }],
        ['P2', { id: 'P2', type: 'candidate-pair', localCandidateId: 'R', remoteCandidateId: 'L' }],
        ['L', { id: 'L', type: 'local-candidate', candidateType: local }],
        ['R', { id: 'R', type: 'remote-candidate', candidateType: remote }],
      ]) as unknown as RTCStatsReport;
    expect(selectedPair(stats('host', 'host'))).toEqual({
      local: 'host',
      remote: 'host',
      path: 'direct',
    });
    expect(selectedPair(stats('host', 'relay'))?.path).toBe('relay');
    expect(selectedPair(stats('relay', 'srflx'))?.path).toBe('relay');
    expect(selectedPair(new Map() as unknown as RTCStatsReport)).toBeNull();
  });

  it('tells a refused relay from one that does not answer, and from expired credentials', () => {
    const turn = [{ url: 'turn:203.0.113.1:3478', username: '1767225600:hearth', credential: 'x' }];
    expect(relayErrorProblem(turn, 'turn:203.0.113.1:3478?transport=udp', 401)).toEqual({
      url: 'turn:203.0.113.1:3478',
      kind: 'refused',
    });
    expect(relayErrorProblem(turn, 'turn:203.0.113.1:3478?transport=udp', 701)?.kind).toBe(
      'unreachable',
    );
    expect(relayErrorProblem(turn, 'stun:198.51.100.7:3478', 401)).toBeNull();
    expect(expiredRelay(turn, 1767225600_000 - 1)).toBeNull();
    expect(expiredRelay(turn, 1767225600_000)?.kind).toBe('expired');
  });
});
