/**
 * When a circle's mesh measures its peers' clocks, and keeps its links' heartbeat.
 *
 * Each session is pinged (./peerSession.ts `pingClock`) right after its peer's HELLO,
 * again once it is in step and 2 s after that — the opening sync can delay the first
 * answers. After that a session is pinged only when this laptop has sent its peer
 * nothing for `intervalMs` (./heartbeat.ts): the pings are the heartbeat of a quiet
 * link, and a link carrying data needs none. Each session keeps its own estimate
 * (./clockOffset.ts); a member's offset is that of their connected session with the
 * quietest measurement.
 */
import type { MemberId } from '../notebook/ids';
import type { ClockSample } from './clockOffset';
import { HEARTBEAT } from './heartbeat';
import type { PeerSession } from './peerSession';

/**
 * How long a link may carry nothing from this laptop before it is pinged, by default: a
 * link that hears nothing for 3 s has lost touch (renderer/src/sync/peerLink.ts), and
 * the status line says so.
 */
export const CLOCK_PING_MS = HEARTBEAT.quietMs;
const FOLLOW_UP_MS = 2000;

/** The clock measurements of one mesh's sessions. */
export class MeshClocks {
  private timer: unknown = null;
  private closed = false;
  /** How far each session's opening got when it was last pinged for it. */
  private readonly stage = new WeakMap<PeerSession, 'hello' | 'inStep'>();

  /** How often the links are looked at: often enough that a quiet one is pinged in time. */
  private readonly checkMs: number;

  /** `intervalMs` 0 pings only at the opening of a session (tests ping by hand). */
  constructor(
    private readonly sessions: () => Iterable<PeerSession>,
    private readonly intervalMs: number = CLOCK_PING_MS,
  ) {
    this.checkMs = Math.max(1, Math.min(HEARTBEAT.checkMs, intervalMs / 4));
    this.schedule();
  }

  /** Hears a session's status change; pings at the moments of its opening. */
  sessionChanged(session: PeerSession): void {
    const stage = session.inStep ? 'inStep' : session.memberId !== null ? 'hello' : null;
    if (stage === null || this.stage.get(session) === stage) return;
    if (stage === 'hello' && this.stage.has(session)) return;
    this.stage.set(session, stage);
    session.pingClock();
    if (stage === 'inStep' && this.intervalMs > 0 && !this.closed) {
      setTimeout(() => session.pingClock(), Math.min(this.intervalMs, FOLLOW_UP_MS));
    }
  }

  /** How far `memberId`'s laptop's clock is ahead of this one's (ms); null if unmeasured. */
  offset(memberId: MemberId): number | null {
    let best: ClockSample | null = null;
    for (const session of this.sessions()) {
      const sample = session.memberId === memberId ? session.clockOffset : null;
      if (sample !== null && (best === null || sample.roundTrip < best.roundTrip)) best = sample;
    }
    return best?.offset ?? null;
  }

  /** The measured offset of every connected member. */
  offsets(): Map<MemberId, number> {
    const offsets = new Map<MemberId, number>();
    for (const session of this.sessions()) {
      const memberId = session.memberId;
      const offset = memberId === null ? null : this.offset(memberId);
      if (memberId !== null && offset !== null) offsets.set(memberId, offset);
    }
    return offsets;
  }

  /** Pings every session's peer now. */
  pingAll(): void {
    for (const session of this.sessions()) session.pingClock();
  }

  /** Stops the heartbeat. */
  close(): void {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.intervalMs <= 0 || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      for (const session of this.sessions()) session.heartbeat(this.intervalMs);
      this.schedule();
    }, this.checkMs);
  }
}
