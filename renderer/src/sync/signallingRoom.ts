/**
 * A circle's signalling room: the same topic (the room name derived from the circle
 * key) on every endpoint this laptop knows — its own, those found on the network, and
 * those written in the invite. Everything published is sealed with the circle's
 * signalling key, so an endpoint (or anyone watching it) sees only an opaque topic and
 * ciphertext, and a laptop without the key can neither read nor forge a message.
 *
 * Messages inside the seal (y-webrtc's, plus a sequence number to drop the copies that
 * arrive through more than one endpoint):
 *   { type: 'announce', from }
 *   { type: 'signal', from, to, seq, signal }
 *   { type: 'leave', from }   (Hearth's own: the laptop closed; stock y-webrtc ignores it)
 */
import type { LinkSignal } from './peerLink';
import { SignallingConnection } from './signallingConnection';

/** Seals and opens signalling messages with the circle's key. */
export interface SignalCipher {
  seal(message: unknown): Promise<string>;
  /** The message, or null if it was not sealed with this circle's key. */
  open(sealed: unknown): Promise<unknown>;
}

/** Callbacks of a room. */
export interface SignallingRoomEvents {
  /** A laptop holding the circle key is in the room. */
  announce(peerId: string): void;
  /** A laptop sent this one a WebRTC signal. */
  signal(from: string, signal: LinkSignal): void;
  /** A laptop closed Hearth (or this circle): its link can go now. */
  leave(peerId: string): void;
  /** How many endpoints are connected changed. */
  endpointsChanged(connected: number): void;
}

const PEER_ID = /^[A-Za-z0-9_-]{8,64}$/;
const MAX_SDP = 64 * 1024;
const SEEN_SIGNALS_KEPT = 512;

/** This laptop's presence in one circle's signalling room. */
export class SignallingRoom {
  private readonly connections = new Map<string, SignallingConnection>();
  private readonly seen = new Map<string, Set<number>>();
  private seq = 0;
  private closed = false;
  /**
   * Sealed ahead of time: a window that closes gets no time to await a seal, and a data
   * channel's own close never leaves a page being torn down (its SCTP runs in the page),
   * so without this the others would wait for the connection to time out. The peer id
   * is new each time a circle is opened, so a replay of it names a laptop that has gone.
   */
  private sealedLeave: string | null = null;

  constructor(
    private readonly roomName: string,
    readonly peerId: string,
    private readonly cipher: SignalCipher,
    private readonly events: SignallingRoomEvents,
  ) {
    cipher.seal({ type: 'leave', from: peerId }).then(
      (sealed) => (this.sealedLeave = sealed),
      () => undefined,
    );
  }

  /** Connects to exactly these endpoints (adding new ones, closing ones no longer listed). */
  setEndpoints(urls: readonly string[]): void {
    if (this.closed) return;
    const wanted = new Set(urls);
    for (const [url, connection] of this.connections) {
      if (!wanted.has(url)) {
        connection.close();
        this.connections.delete(url);
      }
    }
    for (const url of wanted) {
      if (this.connections.has(url)) continue;
      const connection = new SignallingConnection(url, [this.roomName], {
        publish: (_topic, data) => void this.receive(data),
        open: () => {
          this.reportEndpoints();
          void this.announce();
        },
        down: () => this.reportEndpoints(),
      });
      this.connections.set(url, connection);
    }
    this.reportEndpoints();
  }

  /** Tells the room this laptop is here. */
  async announce(): Promise<void> {
    await this.publish({ type: 'announce', from: this.peerId });
  }

  /** Sends a WebRTC signal to one peer. */
  async sendSignal(to: string, signal: LinkSignal): Promise<void> {
    await this.publish({ type: 'signal', from: this.peerId, to, seq: ++this.seq, signal });
  }

  /** Says goodbye and leaves the room on every endpoint; synchronous, for `pagehide`. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const connection of this.connections.values()) {
      if (this.sealedLeave !== null) connection.publish(this.roomName, this.sealedLeave);
      connection.close();
    }
    this.connections.clear();
  }

  /** How many endpoints are connected now. */
  get connectedEndpoints(): number {
    return [...this.connections.values()].filter((connection) => connection.isOpen).length;
  }

  private reportEndpoints(): void {
    this.events.endpointsChanged(this.connectedEndpoints);
  }

  private async publish(message: object): Promise<void> {
    if (this.closed) return;
    const sealed = await this.cipher.seal(message);
    for (const connection of this.connections.values()) connection.publish(this.roomName, sealed);
  }

  private async receive(sealed: unknown): Promise<void> {
    const message = await this.cipher.open(sealed);
    if (this.closed || typeof message !== 'object' || message === null) return;
    const { type, from, to, seq, signal } = message as Record<string, unknown>;
    if (typeof from !== 'string' || !PEER_ID.test(from) || from === this.peerId) return;
    if (type === 'announce') {
      this.events.announce(from);
      return;
    }
    if (type === 'leave') {
      this.forgetPeer(from);
      this.events.leave(from);
      return;
    }
    if (type !== 'signal' || to !== this.peerId || typeof seq !== 'number') return;
    // The same signal arrives once through each shared endpoint: keep the first. Endpoints
    // are separate connections, so signals can also arrive out of order — remember which
    // numbers were seen, not just the highest, or an early offer would be lost.
    let seen = this.seen.get(from);
    if (seen === undefined) this.seen.set(from, (seen = new Set()));
    if (seen.has(seq)) return;
    seen.add(seq);
    if (seen.size > SEEN_SIGNALS_KEPT) seen.delete(seen.values().next().value!);
    const checked = checkSignal(signal);
    if (checked !== null) this.events.signal(from, checked);
  }

  /** Forgets the signals seen from a peer, for when that laptop restarts with the same id. */
  forgetPeer(peerId: string): void {
    this.seen.delete(peerId);
  }
}

function checkSignal(signal: unknown): LinkSignal | null {
  if (typeof signal !== 'object' || signal === null) return null;
  const { type, sdp, candidate } = signal as Record<string, unknown>;
  if ((type === 'offer' || type === 'answer') && typeof sdp === 'string' && sdp.length <= MAX_SDP) {
    return { type, sdp };
  }
  if (type === 'candidate' && typeof candidate === 'object' && candidate !== null) {
    const { candidate: line, sdpMid, sdpMLineIndex } = candidate as Record<string, unknown>;
    if (typeof line !== 'string' || line.length > 1024) return null;
    return {
      type,
      candidate: {
        candidate: line,
        sdpMid: typeof sdpMid === 'string' ? sdpMid : null,
        sdpMLineIndex: typeof sdpMLineIndex === 'number' ? sdpMLineIndex : null,
      },
    };
  }
  return null;
}
