/**
 * The link's heartbeat: what keeps "Lost touch" honest (a laptop that hears nothing from
 * a peer for 3 s tells its member, renderer/src/sync/peerLink.ts) without a message on a
 * link that already carries data.
 *
 * - Each side beats on its own: a laptop sends CLOCK_PING to a peer only when it has sent
 *   that peer nothing for {@link HEARTBEAT.quietMs}; a link carrying its updates, answers
 *   or awareness needs no ping. Checked every {@link HEARTBEAT.checkMs}, so the longest a
 *   working link stays silent one way is quietMs + checkMs (2.25 s), inside the 3 s the
 *   peer allows.
 * - A ping is never answered for liveness: the other side's own pings and data already
 *   show it is there. A CLOCK_PONG is a clock sample only: sent while the estimate is
 *   young (the first {@link HEARTBEAT.openingPongs} pings of a session) and then when no
 *   pong went to this peer for {@link HEARTBEAT.clockSampleMs}. A clock drifts by
 *   milliseconds a day: a sample every half minute keeps shared timers right.
 *
 * Two silent laptops then send one ping each way per quiet spell; a laptop typing to
 * seven others sends them nothing but its updates, and hears one ping from each.
 * Why 2 s and not less: each direction of a silent link costs one message per quiet
 * spell, so in a room of 8 where one types, 49 directions beat; at 1 s that alone would be
 * about 6 messages per keystroke at 8 keys a second, at 2 s about 3.
 */

/** Timings of the heartbeat, in milliseconds. */
export const HEARTBEAT = {
  /** A link this side sent nothing on for this long gets a ping. */
  quietMs: 2000,
  /** How often the links are looked at. */
  checkMs: 250,
  /** A ping is answered (a clock sample) while this peer has had fewer pongs than this… */
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

/** True when a ping from the peer should be answered now: only as a clock sample. */
export function shouldAnswerPing(times: LinkTimes, now: number): boolean {
  return (
    times.pongsSent < HEARTBEAT.openingPongs || now - times.lastPongAt >= HEARTBEAT.clockSampleMs
  );
}
