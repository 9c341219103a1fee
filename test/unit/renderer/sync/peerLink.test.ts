/** PeerLink over a stand-in for the browser's WebRTC (test/helpers/fakeWebRtc.ts). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PeerLink, type LinkSignal } from '../../../../renderer/src/sync/peerLink';
import { FakeConnection } from '../../../helpers/fakeWebRtc';

/** What one side's link told its owner. */
interface Heard {
  signals: LinkSignal[];
  frames: string[];
  opened: number;
  closed: string[];
  interruptions: number;
}

function linkFor(peerId: string, offerer: boolean): { link: PeerLink; heard: Heard } {
  const heard: Heard = { signals: [], frames: [], opened: 0, closed: [], interruptions: 0 };
  const link = new PeerLink(peerId, offerer, [], {
    signal: (signal) => heard.signals.push(signal),
    open: () => heard.opened++,
    frame: (frame) => heard.frames.push(new TextDecoder().decode(frame)),
    closed: (reason) => heard.closed.push(reason),
    interruption: () => heard.interruptions++,
  });
  return { link, heard };
}

const frame = (text: string): Uint8Array => new TextEncoder().encode(text);

// Lets every promise and microtask already started run (the offer takes a few).
const settled = (): Promise<void> => new Promise((done) => setImmediate(done));

// Hands every signal each side has said so far to the other, in order.
async function exchangeSignals(
  a: ReturnType<typeof linkFor>,
  b: ReturnType<typeof linkFor>,
): Promise<void> {
  for (let round = 0; round < 4; round++) {
    for (const signal of a.heard.signals.splice(0)) await b.link.receiveSignal(signal);
    for (const signal of b.heard.signals.splice(0)) await a.link.receiveSignal(signal);
  }
}

beforeEach(() => {
  FakeConnection.made = [];
  vi.stubGlobal('RTCPeerConnection', FakeConnection);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('a WebRTC link to one peer', () => {
  it('connects by offer and answer, keeps early candidates, and carries frames both ways in order', async () => {
    const ana = linkFor('ben', true);
    const ben = linkFor('ana', false);
    await settled();
    // Ana's candidate and offer: Ben keeps the candidate until the offer has arrived.
    const [candidate, offer] = [
      ana.heard.signals.find((signal) => signal.type === 'candidate')!,
      ana.heard.signals.find((signal) => signal.type === 'offer')!,
    ];
    ana.heard.signals.length = 0;
    await ben.link.receiveSignal(candidate);
    await ben.link.receiveSignal(offer);
    expect(ben.heard.closed).toEqual([]);
    expect(ben.heard.signals.map((signal) => signal.type)).toContain('answer');
    await exchangeSignals(ana, ben);
    expect(FakeConnection.made[1]!.candidates).toContainEqual({ candidate: 'host peer0' });

    expect([ana.heard.opened, ben.heard.opened]).toEqual([1, 1]);
    expect(ana.link.isOpen && ben.link.isOpen).toBe(true);
    for (const text of ['one', 'two', 'three']) ana.link.send(frame(text));
    ben.link.send(frame('back'));
    await settled();
    expect(ben.heard.frames).toEqual(['one', 'two', 'three']);
    expect(ana.heard.frames).toEqual(['back']);
    expect(ana.link.counters).toMatchObject({ framesSent: 3, framesReceived: 1, bytesSent: 11 });
  });

  it('ignores an offer sent to the laptop that offers, and an answer sent to the one that answers', async () => {
    const ana = linkFor('ben', true);
    await settled();
    await ana.link.receiveSignal({ type: 'offer', sdp: 'offer from someone' });
    expect(FakeConnection.made[0]!.remoteDescription).toBeNull();
    const ben = linkFor('ana', false);
    await ben.link.receiveSignal({ type: 'answer', sdp: 'answer from someone' });
    expect(FakeConnection.made[1]!.remoteDescription).toBeNull();
    expect([ana.heard.closed, ben.heard.closed]).toEqual([[], []]);
  });

  it('holds frames while the send buffer is over 1 MiB, and sends them in order as it drains', async () => {
    const ana = linkFor('ben', true);
    const ben = linkFor('ana', false);
    await settled();
    await exchangeSignals(ana, ben);
    const channel = FakeConnection.made[0]!.channel;
    channel.holding = true;
    const big = new Uint8Array(600 * 1024);
    ana.link.send(big);
    ana.link.send(big);
    ana.link.send(frame('after the big ones'));
    // Two big frames fill the buffer past 1 MiB: the third waits in the link.
    expect(channel.held).toHaveLength(2);
    expect(ana.link.counters.framesSent).toBe(2);
    channel.drain();
    await settled();
    expect(ana.link.counters.framesSent).toBe(3);
    expect(ben.heard.frames.at(-1)).toBe('after the big ones');
    expect(ben.heard.frames).toHaveLength(3);
  });

  it('closes on a text message, and says so once', async () => {
    const ana = linkFor('ben', true);
    const ben = linkFor('ana', false);
    await settled();
    await exchangeSignals(ana, ben);
    FakeConnection.made[1]!.channel.onmessage?.({ data: 'hello' });
    FakeConnection.made[1]!.channel.onclose?.();
    expect(ben.heard.closed).toEqual(['a peer sent a text message']);
    expect(ben.link.isOpen).toBe(false);
    ben.link.send(frame('into the void'));
    expect(ben.link.counters.framesSent).toBe(0);
  });

  it('waits out a short disconnection, telling the member, and gives up on a long one', async () => {
    vi.useFakeTimers();
    const ana = linkFor('ben', true);
    const ben = linkFor('ana', false);
    await vi.advanceTimersByTimeAsync(0);
    await exchangeSignals(ana, ben);
    const connection = FakeConnection.made[0]!;

    connection.become('disconnected');
    expect(ana.link.isInterrupted).toBe(true);
    await vi.advanceTimersByTimeAsync(2000);
    connection.become('connected');
    expect(ana.link.isInterrupted).toBe(false);
    expect(ana.heard.interruptions).toBe(2);
    expect(ana.heard.closed).toEqual([]);

    connection.become('disconnected');
    // Keep the peer talking, so only the connection's state decides.
    for (let waited = 0; waited < 6000; waited += 1000) {
      ben.link.send(frame('still here'));
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(ana.heard.closed).toEqual(['the connection stayed disconnected']);
  });

  it('gives up on a link whose channel never opens', async () => {
    vi.useFakeTimers();
    const ana = linkFor('ben', true);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(ana.heard.closed).toEqual(['the connection took too long']);
    expect(FakeConnection.made[0]!.connectionState).toBe('closed');
  });
});
