/**
 * The link's heartbeat: what keeps "Lost touch" honest (a laptop that hears nothing from
 * a peer for 3 s tells its member, renderer/src/sync/peerLink.ts) without a ping on a
 * link that already carries data.
 *
 * - A laptop sends CLOCK_PING to a peer only when it has sent that peer nothing for
 *   {@link HEARTBEAT.quietMs}: a link carrying updates, answers or pongs needs no ping.
 *   Checked every {@link HEARTBEAT.checkMs}, so the longest a working link stays silent
 *   one way is quietMs + checkMs (2.25 s), inside the 3 s the peer allows.
 * - A CLOCK_PING is answered with CLOCK_PONG when the answer also serves as this side's
 *   heartbeat (this side has been quiet for {@link HEARTBEAT.pongIfQuietMs}), while the
 *   clock estimate is young (the first {@link HEARTBEAT.openingPongs} pongs), or when no
 *   pong went to this peer for {@link HEARTBEAT.clockSampleMs}. A clock drifts by
 *   milliseconds a day: a sample every half minute keeps shared timers right.
 *
 * Two silent laptops then exchange one message each way per quietMs; a laptop typing to
 * seven others sends them nothing but its updates, and hears one ping from each.
 */

/** Timings of the heartbeat, in milliseconds. */
export const HEARTBEAT = {
  /** A link this side sent nothing on for this long gets a ping. */
  quietMs: 2000,
  /** How often the links are looked at. */
  checkMs: 250,
  /** A ping is answered when this side sent the peer nothing for this long… */
  pongIfQuietMs: 500,
  /** …or when this peer has had fewer pongs than this… */
  openingPongs: 3,
  /** …or when its last pong is older than this. */
  clockSampleMs: 30_000,
} as const;

/** When this side last sent a peer anything, and when and how often it answered pings. */
export interface LinkTimes {
  lastSentAt: number;
  lastPongAt: number;
  pongsSent: number;
}

/** Link times of a session that has sent nothing yet. */
export function freshLinkTimes(): LinkTimes {
  return { lastSentAt: -Infinity, lastPongAt: -Infinity, pongsSent: 0 };
}

/** True when this side should ping a peer now (it has been quiet towards it). */
export function needsHeartbeat(times: LinkTimes, now: number, quietMs: number): boolean {
  return now - times.lastSentAt >= quietMs;
}

/** True when a ping from the peer should be answered now (see the module comment). */
export function shouldAnswerPing(times: LinkTimes, now: number): boolean {
  return (
    times.pongsSent < HEARTBEAT.openingPongs ||
    now - times.lastSentAt >= HEARTBEAT.pongIfQuietMs ||
    now - times.lastPongAt >= HEARTBEAT.clockSampleMs
  );
}
