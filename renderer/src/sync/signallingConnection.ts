/**
 * One WebSocket to one signalling endpoint, speaking y-webrtc's signalling protocol:
 * `subscribe` / `unsubscribe` to topics, `publish` to a topic (relayed by the endpoint
 * to the topic's other subscribers), `ping` / `pong`. It reconnects with backoff and
 * re-subscribes after every reconnection, so a laptop that restarts its endpoint, or
 * walks out of the room and back, is found again without anyone doing anything.
 */

const RECONNECT_DELAYS_MS = [500, 1000, 2000, 4000, 8000];
const PING_INTERVAL_MS = 15000;
/** Signalling carries SDP and candidates only; anything larger is not ours. */
const MAX_INCOMING_CHARS = 256 * 1024;

/** Callbacks of a signalling connection. */
export interface SignallingConnectionEvents {
  /** A message was published on a topic we subscribe to. */
  publish(topic: string, data: unknown): void;
  /** The socket opened (or re-opened) and topics were subscribed. */
  open(): void;
  /** The socket closed; it will retry. */
  down(): void;
}

/** A self-healing connection to one endpoint. */
export class SignallingConnection {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private closed = false;
  private lastHeard = 0;

  constructor(
    readonly url: string,
    private readonly topics: readonly string[],
    private readonly events: SignallingConnectionEvents,
  ) {
    this.connect();
  }

  /** Whether the socket is open now. */
  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Publishes `data` on `topic` if connected; signalling is best effort and repeated. */
  publish(topic: string, data: string): void {
    this.send({ type: 'publish', topic, data });
  }

  /** Unsubscribes and closes for good. */
  close(): void {
    this.closed = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    if (this.pingTimer !== null) clearInterval(this.pingTimer);
    if (this.isOpen) this.send({ type: 'unsubscribe', topics: this.topics });
    this.socket?.close();
    this.socket = null;
  }

  private connect(): void {
    if (this.closed) return;
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.lastHeard = Date.now();
      this.send({ type: 'subscribe', topics: this.topics });
      this.pingTimer = setInterval(() => {
        // A cut network leaves a socket that looks open and hears nothing: after two
        // unanswered pings, close it, and the reconnection starts.
        if (Date.now() - this.lastHeard > 2 * PING_INTERVAL_MS + 1000) {
          socket.close();
          return;
        }
        this.send({ type: 'ping' });
      }, PING_INTERVAL_MS);
      this.events.open();
    };
    socket.onmessage = (event: MessageEvent<unknown>) => {
      this.lastHeard = Date.now();
      if (typeof event.data !== 'string' || event.data.length > MAX_INCOMING_CHARS) return;
      let message: unknown;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      if (typeof message !== 'object' || message === null) return;
      const { type, topic, data } = message as Record<string, unknown>;
      if (type === 'publish' && typeof topic === 'string' && this.topics.includes(topic)) {
        this.events.publish(topic, data);
      }
    };
    socket.onclose = () => {
      if (this.pingTimer !== null) clearInterval(this.pingTimer);
      this.pingTimer = null;
      if (this.socket === socket) this.socket = null;
      if (!this.closed) {
        this.events.down();
        this.scheduleRetry();
      }
    };
  }

  private scheduleRetry(): void {
    if (this.closed || this.retryTimer !== null) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(this.attempt, RECONNECT_DELAYS_MS.length - 1)]!;
    this.attempt++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private send(message: object): void {
    if (!this.isOpen) return;
    try {
      this.socket!.send(JSON.stringify(message));
    } catch {
      // The close handler schedules the reconnection.
    }
  }
}
