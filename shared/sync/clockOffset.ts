/**
 * How far a peer laptop's clock is from this one's, estimated the way NTP does it from
 * the CLOCK_PING / CLOCK_PONG exchange (./PEER_PROTOCOL.md):
 *
 *   this laptop sends t0 (its clock) → the peer answers at t1 (the peer's clock) →
 *   the answer arrives at t2 (this laptop's clock)
 *   round trip = t2 − t0;  offset = t1 − (t0 + t2) / 2   (peer clock − this clock)
 *
 * If the way out and the way back take equally long the offset is exact; whatever they
 * differ by, the error is at most half the round trip. So of the last few samples the
 * one with the smallest round trip is kept: a sample taken while the channel was busy
 * carrying a notebook is simply outweighed by a quiet one.
 */

/** How many recent samples are kept; the one with the smallest round trip counts. */
export const CLOCK_SAMPLES = 8;
/** A round trip longer than this says nothing useful about the clocks. */
export const MAX_CLOCK_ROUND_TRIP_MS = 30_000;
/** Pings sent and not answered yet, at most (older ones are forgotten). */
const MAX_PENDING = CLOCK_SAMPLES;

/** One measurement of a peer's clock. */
export interface ClockSample {
  /** Peer clock − this laptop's clock, in milliseconds. */
  offset: number;
  /** t2 − t0, in milliseconds. */
  roundTrip: number;
}

/** The clock estimate for one peer, fed by pings and their answers. */
export class ClockEstimate {
  private readonly pending: number[] = [];
  private readonly samples: ClockSample[] = [];

  /** Notes that a ping carrying `t0` (this laptop's clock) was sent. */
  sent(t0: number): void {
    this.pending.push(t0);
    if (this.pending.length > MAX_PENDING) this.pending.shift();
  }

  /**
   * Takes an answer: `t0` echoed, `t1` on the peer's clock, `t2` when it arrived here.
   * An answer to no ping this laptop remembers, or with a round trip that is negative
   * (this clock stepped back) or too long, is left out. True when it was used.
   */
  answered(t0: number, t1: number, t2: number): boolean {
    const waiting = this.pending.indexOf(t0);
    if (waiting < 0) return false;
    this.pending.splice(waiting, 1);
    const roundTrip = t2 - t0;
    if (!(roundTrip >= 0 && roundTrip <= MAX_CLOCK_ROUND_TRIP_MS)) return false;
    this.samples.push({ offset: t1 - (t0 + t2) / 2, roundTrip });
    if (this.samples.length > CLOCK_SAMPLES) this.samples.shift();
    return true;
  }

  /** The best recent sample (smallest round trip), or null before any answer. */
  best(): ClockSample | null {
    let best: ClockSample | null = null;
    for (const sample of this.samples) {
      if (best === null || sample.roundTrip < best.roundTrip) best = sample;
    }
    return best;
  }
}
