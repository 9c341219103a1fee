import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { entryDocId, type EntryId } from '../../../../shared/notebook/ids';
import { HEARTBEAT, freshLinkTimes, shouldAnswerPing } from '../../../../shared/sync/heartbeat';
import { decodePeerMessage, MESSAGE_KIND_NAME } from '../../../../shared/sync/peerProtocol';
import {
  docOf,
  foundCircle,
  makeLaptop,
  typeInto,
  writeEntry,
  type Laptop,
} from '../../../helpers/circleLaptops';
import { LoopbackTransport } from '../../../helpers/loopbackTransport';
import { seededRandom } from '../../../helpers/seededRandom';
import { capturedLogs } from '../../../helpers/capturedLogs';

/** Every frame one laptop sent another, with the (fake) time it left. */
interface Sent {
  from: string;
  to: string;
  at: number;
  kind: string;
}

capturedLogs();
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Two laptops of one circle, connected and in step; frames are stamped as they leave. */
async function connectedPair(): Promise<{
  ana: Laptop;
  ben: Laptop;
  net: LoopbackTransport;
  sent: Sent[];
  run: (ms: number, each?: () => void) => Promise<void>;
  entryId: EntryId;
}> {
  const random = seededRandom(16);
  const ana = makeLaptop(random);
  const ben = makeLaptop(random);
  foundCircle(ana, random);
  const entryId = writeEntry(ana, random, ['hello']);
  const net = new LoopbackTransport();
  net.connect(ana, ben);
  await net.settle();
  const sent: Sent[] = [];
  let seen = net.sent.length;
  const stamp = (): void => {
    for (const frame of net.sent.slice(seen)) {
      sent.push({ from: frame.from, to: frame.to, at: Date.now(), kind: '' });
    }
    seen = net.sent.length;
  };
  // Kinds come from the frames themselves, read as the receiver would.
  const kinds: string[] = [];
  for (const laptop of [ana, ben]) {
    const session = laptop.mesh.session(laptop === ana ? ben.peerId : ana.peerId)!;
    const receive = session.receive.bind(session);
    session.receive = (frame: Uint8Array) => {
      const decoded = decodePeerMessage(frame);
      kinds.push(decoded.ok ? MESSAGE_KIND_NAME[decoded.value.kind]! : 'undecodable');
      receive(frame);
    };
  }
  const run = async (ms: number, each?: () => void): Promise<void> => {
    for (let t = 0; t < ms; t += 25) {
      each?.();
      await vi.advanceTimersByTimeAsync(25);
      stamp();
      await net.settle();
    }
    sent.forEach((frame, i) => (frame.kind = kinds[i] ?? frame.kind));
  };
  // The opening's pings (on HELLO, in step, 2 s later) are behind us.
  await run(3000);
  sent.length = 0;
  kinds.length = 0;
  return { ana, ben, net, sent, run, entryId };
}

/** The longest time, in ms, `from` sent `to` nothing between `start` and `end`. */
function longestSilence(sent: Sent[], from: string, to: string, start: number, end: number) {
  const times = sent.filter((f) => f.from === from && f.to === to).map((f) => f.at);
  let longest = 0;
  let last = start;
  for (const at of [...times, end]) {
    longest = Math.max(longest, at - last);
    last = at;
  }
  return longest;
}

describe('heartbeat', () => {
  it('two silent laptops hear each other within 3 s, with one ping each way per quiet spell', async () => {
    const { ana, ben, sent, run } = await connectedPair();
    const start = Date.now();
    await run(20_000);
    const end = Date.now();
    for (const [from, to] of [
      [ana.peerId, ben.peerId],
      [ben.peerId, ana.peerId],
    ] as const) {
      expect(longestSilence(sent, from, to, start, end)).toBeLessThanOrEqual(
        HEARTBEAT.quietMs + HEARTBEAT.checkMs,
      );
    }
    // 20 s at one ping each way every 2–2.25 s; no pong: each side's own pings show it is there.
    expect(sent.length).toBeGreaterThanOrEqual(16);
    expect(sent.length).toBeLessThanOrEqual(21);
    expect(sent.every((frame) => frame.kind === 'CLOCK_PING')).toBe(true);
  });

  it('a laptop typing sends its peer nothing but updates, and hears one ping per quiet spell', async () => {
    const { ana, ben, sent, run, entryId } = await connectedPair();
    const entry = docOf(ana, entryDocId(entryId));
    const start = Date.now();
    let typed = 0;
    await run(10_000, () => {
      // Eight keystrokes a second.
      if ((Date.now() - start) % 125 === 0) {
        typeInto(entry, 'x');
        typed++;
      }
    });
    const end = Date.now();
    const fromAna = sent.filter((frame) => frame.from === ana.peerId);
    const fromBen = sent.filter((frame) => frame.from === ben.peerId);
    expect(typed).toBe(80);
    expect(fromAna.map((frame) => frame.kind)).toEqual(Array(typed).fill('UPDATE'));
    expect(fromBen.every((frame) => frame.kind === 'CLOCK_PING')).toBe(true);
    expect(fromBen.length).toBeGreaterThanOrEqual(4);
    expect(fromBen.length).toBeLessThanOrEqual(5);
    expect(longestSilence(sent, ben.peerId, ana.peerId, start, end)).toBeLessThanOrEqual(
      HEARTBEAT.quietMs + HEARTBEAT.checkMs,
    );
  });

  it('answers a ping only as a clock sample: while the estimate is young, then every half minute', () => {
    const times = freshLinkTimes();
    expect(shouldAnswerPing(times, 0)).toBe(true);
    // However long this side has been quiet, its own pings say it is there.
    Object.assign(times, { pongsSent: HEARTBEAT.openingPongs, lastPongAt: 0, lastSentAt: 0 });
    expect(shouldAnswerPing(times, 1000)).toBe(false);
    expect(shouldAnswerPing(times, HEARTBEAT.quietMs * 5)).toBe(false);
    expect(shouldAnswerPing(times, HEARTBEAT.clockSampleMs)).toBe(true);
  });

  it('a ping to a laptop quiet for a second is not answered: that laptop beats on its own', async () => {
    const { ana, ben, sent, run, entryId } = await connectedPair();
    // Ana sends an update, then nothing for a second (long enough to have been worth a
    // pong as a heartbeat before), when Ben pings.
    typeInto(docOf(ana, entryDocId(entryId)), 'x');
    await run(1000);
    const pinged = sent.length;
    ben.mesh.session(ana.peerId)!.pingClock();
    await run(HEARTBEAT.quietMs + HEARTBEAT.checkMs);
    const after = sent.slice(pinged).filter((frame) => frame.from === ana.peerId);
    expect(after.map((frame) => frame.kind)).toEqual(['CLOCK_PING']);
  });
});
