/**
 * A token bucket: a connection may send `perSecond` messages a second on average and
 * `burst` at once. Checked before a frame is parsed, so a flood costs the endpoint a
 * counter per message, not a JSON parse.
 */

/** One connection's message allowance. */
export class MessageBudget {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.refilledAt = now();
  }

  /** Spends one message; false when the connection is over its rate. */
  take(): boolean {
    const now = this.now();
    const elapsed = Math.max(0, now - this.refilledAt);
    this.refilledAt = now;
    this.tokens = Math.min(this.burst, this.tokens + (elapsed / 1000) * this.perSecond);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
