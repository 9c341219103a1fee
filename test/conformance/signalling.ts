/**
 * One signalling endpoint, as SIGNALLING.md describes it: JSON frames over WebSocket,
 * `subscribe` to the room, `publish` sealed messages. Announces every 3 s; drops copies
 * of a signal by its sender's `seq`.
 */
import WebSocket from 'ws';
import type { CircleKeys } from './circleKeys';

/** What the room tells its owner. */
export interface RoomEvents {
  announce(from: string): void;
  signal(from: string, signal: Record<string, unknown>): void;
  leave(from: string): void;
}

const PEER_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** This client in one circle's room on one endpoint. */
export class SignallingRoom {
  private socket: WebSocket | null = null;
  private seq = 0;
  private readonly seen = new Map<string, Set<number>>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly endpoint: string,
    private readonly keys: CircleKeys,
    readonly peerId: string,
    private readonly events: RoomEvents,
  ) {}

  /** Connects, subscribes and starts announcing. */
  async connect(): Promise<void> {
    const socket = new WebSocket(this.endpoint);
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    socket.on('message', (raw: Buffer) => void this.receive(raw.toString('utf8')));
    socket.send(JSON.stringify({ type: 'subscribe', topics: [this.keys.roomName] }));
    await this.announce();
    this.timer = setInterval(() => void this.announce(), 3000);
  }

  /** Says this client is in the room. */
  announce(): Promise<void> {
    return this.publish({ type: 'announce', from: this.peerId });
  }

  /** Sends a WebRTC signal to one peer. */
  sendSignal(to: string, signal: Record<string, unknown>): Promise<void> {
    return this.publish({ type: 'signal', from: this.peerId, to, seq: ++this.seq, signal });
  }

  /** Says goodbye and closes. */
  async close(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    await this.publish({ type: 'leave', from: this.peerId });
    this.socket?.close();
  }

  private async publish(message: Record<string, unknown>): Promise<void> {
    const data = await this.keys.seal(message);
    this.socket?.send(JSON.stringify({ type: 'publish', topic: this.keys.roomName, data }));
  }

  private async receive(text: string): Promise<void> {
    const frame = JSON.parse(text) as { type?: string; data?: unknown };
    if (frame.type !== 'publish') return;
    const message = (await this.keys.open(frame.data)) as Record<string, unknown> | null;
    if (message === null || typeof message !== 'object') return;
    const { type, from, to, seq, signal } = message;
    if (typeof from !== 'string' || !PEER_ID.test(from) || from === this.peerId) return;
    if (type === 'announce') this.events.announce(from);
    else if (type === 'leave') this.events.leave(from);
    else if (type === 'signal' && to === this.peerId && typeof seq === 'number') {
      let seen = this.seen.get(from);
      if (seen === undefined) this.seen.set(from, (seen = new Set()));
      if (seen.has(seq)) return;
      seen.add(seq);
      this.events.signal(from, signal as Record<string, unknown>);
    }
  }
}
