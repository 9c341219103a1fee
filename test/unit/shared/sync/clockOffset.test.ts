import { describe, expect, it } from 'vitest';
import { INDEX_DOC_ID, type MemberId } from '../../../../shared/notebook/ids';
import { CircleMesh, type PeerChannel } from '../../../../shared/sync/circleMesh';
import {
  CLOCK_SAMPLES,
  ClockEstimate,
  MAX_CLOCK_ROUND_TRIP_MS,
} from '../../../../shared/sync/clockOffset';
import {
  MAX_CLOCK_TIME,
  MESSAGE_KIND,
  decodePeerMessage,
  encodePeerMessage,
  type PeerMessage,
} from '../../../../shared/sync/peerProtocol';
import { PeerSession } from '../../../../shared/sync/peerSession';
import { LoopbackTransport } from '../../../helpers/loopbackTransport';
import { MemorySyncedDocs } from '../../../helpers/memorySyncedDocs';
import { capturedLogs } from '../../../helpers/capturedLogs';

const ANA = 'AAAAAAAAAAAAAAAAAAAAAA' as MemberId;
const BEN = 'BBBBBBBBBBBBBBBBBBBBBB' as MemberId;
const SEVEN_MINUTES = 7 * 60_000;

const logged = capturedLogs();

function laptop(memberId: MemberId, now: () => number) {
  const docs = new MemorySyncedDocs();
  const mesh = new CircleMesh({
    docs,
    memberId,
    antiEntropyMs: 0,
    clockPingMs: 0,
    now,
  });
  return { peerId: `peer-${memberId.slice(0, 3)}`, docs, mesh };
}

function floatFrame(kind: number, ...values: number[]): Uint8Array {
  const frame = new Uint8Array(2 + 8 * values.length);
  frame[0] = 1;
  frame[1] = kind;
  const view = new DataView(frame.buffer);
  values.forEach((value, i) => view.setFloat64(2 + 8 * i, value, false));
  return frame;
}

describe('clock estimate', () => {
  it('takes NTP offsets and keeps the sample with the smallest round trip of the last few', () => {
    const clock = new ClockEstimate();
    expect(clock.best()).toBeNull();
    // Peer 1000 ms ahead. Way out 30 ms, way back 10 ms: off by (30 − 10) / 2.
    clock.sent(0);
    expect(clock.answered(0, 1030, 40)).toBe(true);
    expect(clock.best()).toEqual({ offset: 1010, roundTrip: 40 });
    // A quiet exchange: 1 ms each way.
    clock.sent(100);
    clock.answered(100, 1101, 102);
    expect(clock.best()).toEqual({ offset: 1000, roundTrip: 2 });
    // Busier samples after it do not displace it until it is older than the last few.
    for (let i = 0; i < CLOCK_SAMPLES - 1; i++) {
      clock.sent(200 + i);
      clock.answered(200 + i, 1200 + i + 50, 200 + i + 60);
    }
    expect(clock.best()).toEqual({ offset: 1000, roundTrip: 2 });
    clock.sent(300);
    clock.answered(300, 1300 + 50, 300 + 60);
    expect(clock.best()?.roundTrip).toBe(60);
  });

  it('ignores answers to pings it never sent, a second answer, and impossible round trips', () => {
    const clock = new ClockEstimate();
    expect(clock.answered(5, 10, 6)).toBe(false);
    clock.sent(5);
    expect(clock.answered(5, 10, 6)).toBe(true);
    expect(clock.answered(5, 10, 6)).toBe(false);
    clock.sent(7);
    expect(clock.answered(7, 10, 6)).toBe(false); // this clock stepped back
    clock.sent(8);
    expect(clock.answered(8, 10, 8 + MAX_CLOCK_ROUND_TRIP_MS + 1)).toBe(false);
    expect(clock.best()).toEqual({ offset: 4.5, roundTrip: 1 });
  });
});

describe('clock messages', () => {
  it('round-trip and refuse times no clock shows, truncations and extensions', () => {
    const messages: PeerMessage[] = [
      { kind: MESSAGE_KIND.CLOCK_PING, t0: 1_736_400_000_123.25 },
      { kind: MESSAGE_KIND.CLOCK_PONG, t0: 0, t1: MAX_CLOCK_TIME },
    ];
    for (const message of messages) {
      const frame = encodePeerMessage(message);
      expect(decodePeerMessage(frame)).toEqual({ ok: true, value: message });
      for (let length = 0; length < frame.length; length++) {
        expect(decodePeerMessage(frame.slice(0, length)).ok).toBe(false);
      }
      expect(decodePeerMessage(Uint8Array.of(...frame, 0)).ok).toBe(false);
    }
    for (const bad of [NaN, Infinity, -Infinity, -1, MAX_CLOCK_TIME + 1]) {
      expect(decodePeerMessage(floatFrame(MESSAGE_KIND.CLOCK_PING, bad))).toEqual({
        ok: false,
        reason: 'a CLOCK_PING with a time no clock shows',
      });
      expect(decodePeerMessage(floatFrame(MESSAGE_KIND.CLOCK_PONG, 5, bad)).ok).toBe(false);
      expect(decodePeerMessage(floatFrame(MESSAGE_KIND.CLOCK_PONG, bad, 5)).ok).toBe(false);
    }
  });

  it('a session answers a ping at once, even while earlier messages wait for a document', () => {
    const sent: PeerMessage[] = [];
    const errors: string[] = [];
    const docs = new MemorySyncedDocs();
    // A document that takes forever to load holds up the queue behind it.
    docs.doc = () => new Promise(() => undefined);
    const session = new PeerSession({
      docs,
      memberId: ANA,
      send: (frame) => {
        const decoded = decodePeerMessage(frame);
        if (decoded.ok) sent.push(decoded.value);
      },
      onProtocolError: (reason) => errors.push(reason),
      now: () => 5000,
    });
    session.start();
    const say = (message: PeerMessage): void => session.receive(encodePeerMessage(message));
    say({ kind: MESSAGE_KIND.HELLO, memberId: BEN, protocolVersion: 1, docCount: 1 });
    say({ kind: MESSAGE_KIND.SYNC_STEP_1, docId: 'index' as never, stateVector: Uint8Array.of(0) });
    say({ kind: MESSAGE_KIND.CLOCK_PING, t0: 123 });
    expect(sent.at(-1)).toEqual({ kind: MESSAGE_KIND.CLOCK_PONG, t0: 123, t1: 5000 });
    expect(errors).toEqual([]);
  });

  it('a clock message before HELLO or with a bad time is a protocol error', () => {
    for (const frame of [
      encodePeerMessage({ kind: MESSAGE_KIND.CLOCK_PING, t0: 1 }),
      floatFrame(MESSAGE_KIND.CLOCK_PONG, 1, NaN),
    ]) {
      const errors: string[] = [];
      const session = new PeerSession({
        docs: new MemorySyncedDocs(),
        memberId: ANA,
        send: () => undefined,
        onProtocolError: (reason) => errors.push(reason),
      });
      session.start();
      if (frame[1] === MESSAGE_KIND.CLOCK_PONG) {
        session.receive(
          encodePeerMessage({
            kind: MESSAGE_KIND.HELLO,
            memberId: BEN,
            protocolVersion: 1,
            docCount: 0,
          }),
        );
      }
      session.receive(frame);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/CLOCK_PING before HELLO|a CLOCK_PONG with a time no clock shows/);
    }
  });
});

describe('clock offsets across a mesh', () => {
  it('two laptops whose clocks differ by seven minutes each measure the other exactly when no time passes', async () => {
    // The machine's clock held still: how far off a measure may be depends on the round
    // trip (the test below bounds it by half of it), and a loaded machine stretches a
    // round trip past any fixed limit. Held still, only the skew is left to measure.
    const stillNow = Date.now();
    const ana = laptop(ANA, () => stillNow);
    const ben = laptop(BEN, () => stillNow + SEVEN_MINUTES);
    ana.docs.docNow(INDEX_DOC_ID)!.getMap('meta').set('name', 'Thursday circle');
    const net = new LoopbackTransport();
    net.connect(ana, ben);
    await net.settle();
    const anaSees = ana.mesh.clockOffset(BEN);
    const benSees = ben.mesh.clockOffset(ANA);
    expect(anaSees).not.toBeNull();
    expect(anaSees).toBe(SEVEN_MINUTES);
    expect(benSees).toBe(-SEVEN_MINUTES);
    expect(ana.mesh.clockOffsets()).toEqual(new Map([[BEN, anaSees]]));
    expect(ana.mesh.clockOffset('CCCCCCCCCCCCCCCCCCCCCC' as MemberId)).toBeNull();
    // One ping after HELLO and one once in step, from each side.
    expect(ana.mesh.counters().messagesSent.CLOCK_PING).toBe(2);
    expect(ben.mesh.counters().messagesSent.CLOCK_PING).toBe(2);
    expect(ana.mesh.counters().messagesSent.CLOCK_PONG).toBe(2);
    console.log(
      `clock offset over loopback, 7 min skew: Ana measures ${(anaSees! - SEVEN_MINUTES).toFixed(1)} ms off, ` +
        `Ben ${(benSees! + SEVEN_MINUTES).toFixed(1)} ms off`,
    );
  });

  it('measures again on its own timer, and stops when the mesh closes', async () => {
    const make = (memberId: MemberId) =>
      new CircleMesh({ docs: new MemorySyncedDocs(), memberId, antiEntropyMs: 0, clockPingMs: 20 });
    const ana = { peerId: 'peer-ana', mesh: make(ANA) };
    const ben = { peerId: 'peer-ben', mesh: make(BEN) };
    const net = new LoopbackTransport();
    net.connect(ana, ben);
    await net.settle();
    const opening = ana.mesh.counters().messagesSent.CLOCK_PING;
    await new Promise((resolve) => setTimeout(resolve, 90));
    // The regular pings, and the follow-up after the opening (at most the interval).
    expect(ana.mesh.counters().messagesSent.CLOCK_PING).toBeGreaterThanOrEqual(opening + 3);
    ana.mesh.close();
    ben.mesh.close();
    const closed = ana.mesh.counters().messagesSent.CLOCK_PING;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(ana.mesh.counters().messagesSent.CLOCK_PING).toBe(closed);
  });

  it('over a slow, lopsided link the quietest of its samples keeps the error within half its round trip', () => {
    // Virtual time, so the test is exact however busy the machine is.
    let now = 1_736_400_000_000;
    const due: { at: number; seq: number; run: () => void }[] = [];
    let seq = 0;
    const runUntil = (until: number): void => {
      for (;;) {
        due.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const next = due[0];
        if (next === undefined || next.at > until) break;
        due.shift();
        now = next.at;
        next.run();
      }
      now = until;
    };
    const ana = laptop(ANA, () => now);
    const ben = laptop(BEN, () => now - 3 * 60_000);
    // 20–60 ms out, 0–10 ms back, ordered like a data channel.
    let jitter = 0.37;
    const nextJitter = (): number => (jitter = (jitter * 9301 + 0.49297) % 1);
    const link = (to: () => PeerSession | undefined, base: number, spread: number): PeerChannel => {
      let last = 0;
      return {
        send: (frame) => {
          const copy = new Uint8Array(frame);
          last = Math.max(last, now + base + nextJitter() * spread);
          due.push({ at: last, seq: seq++, run: () => to()?.receive(copy) });
        },
        close: () => undefined,
      };
    };
    let benSide: PeerSession | undefined = undefined;
    const anaSide: PeerSession = ana.mesh.addPeer(
      ben.peerId,
      link(() => benSide, 20, 40),
    );
    benSide = ben.mesh.addPeer(
      ana.peerId,
      link(() => anaSide, 0, 10),
    );
    const errors: number[] = [];
    for (let second = 0; second < 20; second++) {
      runUntil(now + 1000);
      ana.mesh.pingClocks();
      const sample = anaSide.clockOffset;
      if (sample !== null) {
        const error = sample.offset + 3 * 60_000;
        expect(Math.abs(error)).toBeLessThanOrEqual(sample.roundTrip / 2);
        errors.push(error);
      }
    }
    const best = anaSide.clockOffset!;
    expect(best.roundTrip).toBeLessThan(35);
    console.log(
      `clock offset over a lopsided link (20–60 ms out, 0–10 back): ${errors.at(-1)!.toFixed(1)} ms off ` +
        `with a best round trip of ${best.roundTrip.toFixed(1)} ms (first sample: ${errors[0]!.toFixed(1)} ms off)`,
    );
    ana.mesh.close();
    ben.mesh.close();
    expect(logged.filter((record) => record.level === 'error')).toEqual([]);
  });
});
