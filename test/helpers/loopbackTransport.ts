/**
 * An in-memory stand-in for WebRTC data channels between laptops' circle meshes: one
 * connection per pair, binary, reliable and ordered, as the renderer's channels are.
 *
 * Frames wait in a FIFO per direction until `settle()` (or `deliver()`) hands them over,
 * so tests decide when the network moves and updates can cross in flight;
 * `deliverInOrder()` hands over the oldest frames first across all connections, so a
 * frame never arrives before one sent ahead of it that it may depend on. Every frame is
 * recorded with its size. A channel closed by a mesh (protocol error) or cut by the test
 * drops what is in flight and removes the peer on both sides, as a closed link would.
 */
import type { CircleMesh } from '../../shared/sync/circleMesh';
import type { PeerSession } from '../../shared/sync/peerSession';

/** One laptop on the loopback network. */
export interface LoopbackLaptop {
  peerId: string;
  mesh: CircleMesh;
}

interface Direction {
  from: LoopbackLaptop;
  to: LoopbackLaptop;
  /** Frames in flight, each with its place in the order of all frames sent. */
  queue: { sent: number; frame: Uint8Array }[];
  /** The receiving session, once the connection is up. */
  receiver: PeerSession | null;
}

/** A connection between two laptops. */
export interface LoopbackConnection {
  readonly open: boolean;
  /** Cuts the connection (both sides see their peer leave). */
  cut(): void;
}

/** Every frame that crossed the network. */
export interface SentFrame {
  from: string;
  to: string;
  bytes: number;
}

/** In-memory channels between meshes. */
export class LoopbackTransport {
  /** Frames sent so far (whether delivered or dropped by a cut). */
  readonly sent: SentFrame[] = [];
  private readonly directions = new Set<Direction>();
  private readonly laptops = new Set<LoopbackLaptop>();

  /** Connects two laptops: each mesh gets a session for the other, started at once. */
  connect(a: LoopbackLaptop, b: LoopbackLaptop): LoopbackConnection {
    this.laptops.add(a).add(b);
    const ab: Direction = { from: a, to: b, queue: [], receiver: null };
    const ba: Direction = { from: b, to: a, queue: [], receiver: null };
    let open = true;
    const cut = (): void => {
      if (!open) return;
      open = false;
      for (const direction of [ab, ba]) {
        direction.queue.length = 0;
        this.directions.delete(direction);
      }
      a.mesh.removePeer(b.peerId);
      b.mesh.removePeer(a.peerId);
    };
    const channel = (direction: Direction) => ({
      send: (frame: Uint8Array) => {
        if (!open) return;
        this.sent.push({
          from: direction.from.peerId,
          to: direction.to.peerId,
          bytes: frame.length,
        });
        // A copy, as a real channel delivers its own buffer.
        direction.queue.push({ sent: this.sent.length, frame: new Uint8Array(frame) });
      },
      close: cut,
    });
    this.directions.add(ab).add(ba);
    ba.receiver = a.mesh.addPeer(b.peerId, channel(ab));
    ab.receiver = b.mesh.addPeer(a.peerId, channel(ba));
    return {
      get open() {
        return open;
      },
      cut,
    };
  }

  /** Delivers every frame in flight now (frames sent meanwhile wait); returns how many. */
  deliver(): number {
    let delivered = 0;
    for (const direction of [...this.directions]) {
      const frames = direction.queue.splice(0);
      for (const { frame } of frames) {
        if (!this.directions.has(direction)) break;
        direction.receiver?.receive(frame);
        delivered++;
      }
    }
    return delivered;
  }

  /**
   * Delivers up to `limit` frames in the order they were sent over all connections
   * (including frames sent meanwhile); returns how many.
   */
  deliverInOrder(limit = Number.POSITIVE_INFINITY): number {
    let delivered = 0;
    while (delivered < limit) {
      let oldest: Direction | null = null;
      for (const direction of this.directions) {
        const head = direction.queue[0];
        if (head !== undefined && (oldest === null || head.sent < oldest.queue[0]!.sent)) {
          oldest = direction;
        }
      }
      if (oldest === null) break;
      oldest.receiver?.receive(oldest.queue.shift()!.frame);
      delivered++;
    }
    return delivered;
  }

  /** How many frames are in flight. */
  get pending(): number {
    let frames = 0;
    for (const direction of this.directions) frames += direction.queue.length;
    return frames;
  }

  /** Delivers and lets every session work until nothing is in flight or being handled. */
  async settle(maxRounds = 10_000): Promise<void> {
    for (let round = 0; round < maxRounds; round++) {
      const delivered = this.deliver();
      await Promise.all([...this.laptops].map((laptop) => laptop.mesh.idle()));
      const inFlight = [...this.directions].some((direction) => direction.queue.length > 0);
      if (delivered === 0 && !inFlight) return;
    }
    throw new Error(`the loopback network did not settle in ${maxRounds} rounds`);
  }

  /** The largest frame sent so far, in bytes. */
  largestFrame(): number {
    return this.sent.reduce((max, frame) => Math.max(max, frame.bytes), 0);
  }
}
