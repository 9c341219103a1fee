/**
 * The door's limits (shared/sync/DOOR.md, "Limits"), and the per-address knock rate. Each
 * limit has a default for a room of laptops and can be changed by tests and benchmarks.
 */

/** Bounds on what knockers may ask of an open door. */
export interface DoorLimits {
  /** Knocks that have shown their words and wait for the facilitator, at once. */
  maxWaiting: number;
  /** Connections to the door at once, whatever their stage. */
  maxConnections: number;
  /** Knocks one address may start in `rateWindowMs`. */
  knocksPerAddress: number;
  rateWindowMs: number;
  /** From connecting to having revealed the key. */
  handshakeMs: number;
  /** From the knock to an answer. */
  knockExpiryMs: number;
  /** Addresses remembered for the rate at once; a flood of addresses cannot grow memory further. */
  maxTrackedAddresses: number;
}

/** The limits of a door in a room of laptops. */
export const DEFAULT_DOOR_LIMITS: Readonly<DoorLimits> = {
  maxWaiting: 4,
  maxConnections: 8,
  knocksPerAddress: 6,
  rateWindowMs: 60_000,
  handshakeMs: 10_000,
  knockExpiryMs: 2 * 60_000,
  maxTrackedAddresses: 1024,
};

/**
 * Knocks per address in a sliding window: `take(address)` is true while the address has
 * started fewer than `limit` knocks in the last `windowMs`. When the table is full, the
 * address heard from least recently is forgotten first.
 */
export class AddressRate {
  private readonly starts = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxAddresses: number,
    private readonly now: () => number,
  ) {}

  /** Counts a knock from `address` if it is within its rate; false when over. */
  take(address: string): boolean {
    const at = this.now();
    const recent = (this.starts.get(address) ?? []).filter((start) => at - start < this.windowMs);
    this.starts.delete(address);
    if (recent.length >= this.limit) {
      this.starts.set(address, recent);
      return false;
    }
    recent.push(at);
    this.starts.set(address, recent);
    while (this.starts.size > this.maxAddresses) {
      const oldest = this.starts.keys().next().value;
      if (oldest === undefined) break;
      this.starts.delete(oldest);
    }
    return true;
  }
}
