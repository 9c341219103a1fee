/**
 * One WebSocket to one signalling endpoint, speaking y-webrtc's signalling protocol:
 * `subscribe` / `unsubscribe` to topics, `publish` to a topic (relayed by the endpoint
 * to the topic's other subscribers), `ping` / `pong`. It reconnects with backoff and
 * re-subscribes after every reconnection, so a laptop that restarts its endpoint, or
 * walks out of the room and back, is found again without anyone doing anything.
 */

// Endpoints are on the room's own network: retrying often costs nothing, and a long
// backoff would be waited out after the Wi-Fi comes back.
const RECONNECT_DELAYS_MS = [250, 500, 1000, 1500];
/**
 * A handshake on a LAN takes milliseconds. One still pending after this is a SYN lost
 * to a cut network, which TCP would retry on a growing timer (1 s, 3 s, 7 s…): a fresh
 * attempt finds a restored network sooner.
 */
const CONNECT_TIMEOUT_MS = 2500;
/** A socket that hears nothing for two pings (and a second) is dead: see `connect`. */
const PING_INTERVAL_MS = 5000;
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
  private connectTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private lastHeard = 0;
  // The system saying the network is back: no reason to wait for the next retry.
  private readonly onOnline = (): void => {
    if (this.closed || this.isOpen || this.socket !== null) return;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.attempt = 0;
    this.connect();
  };

  constructor(
    readonly url: string,
    private readonly topics: readonly string[],
    private readonly events: SignallingConnectionEvents,
  ) {
    globalThis.addEventListener('online', this.onOnline);
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
    globalThis.removeEventListener('online', this.onOnline);
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    if (this.connectTimer !== null) clearTimeout(this.connectTimer);
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
    this.connectTimer = setTimeout(() => {
      this.connectTimer = null;
      if (socket.readyState === WebSocket.CONNECTING) this.abandon(socket);
    }, CONNECT_TIMEOUT_MS);
    socket.onopen = () => {
      if (this.connectTimer !== null) clearTimeout(this.connectTimer);
      this.connectTimer = null;
      this.attempt = 0;
      this.lastHeard = performance.now();
      this.send({ type: 'subscribe', topics: this.topics });
      this.pingTimer = setInterval(() => {
        // A cut network leaves a socket that looks open and hears nothing: after two
        // unanswered pings, close it, and the reconnection starts.
        if (performance.now() - this.lastHeard > 2 * PING_INTERVAL_MS + 1000) {
          this.abandon(socket);
          return;
        }
        this.send({ type: 'ping' });
      }, PING_INTERVAL_MS);
      this.events.open();
    };
    socket.onmessage = (event: MessageEvent<unknown>) => {
      this.lastHeard = performance.now();
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
      if (this.connectTimer !== null) clearTimeout(this.connectTimer);
      this.connectTimer = null;
      if (this.socket === socket) this.socket = null;
      if (!this.closed) {
        this.events.down();
        this.scheduleRetry();
      }
    };
  }

  /**
   * Gives up on a socket that cannot be heard. Its close handshake could wait on the very
   * network that is gone, so the reconnection does not wait for its close event.
   */
  private abandon(socket: WebSocket): void {
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    socket.close();
    if (this.socket !== socket) return;
    this.socket = null;
    if (this.pingTimer !== null) clearInterval(this.pingTimer);
    this.pingTimer = null;
    if (this.connectTimer !== null) clearTimeout(this.connectTimer);
    this.connectTimer = null;
    if (!this.closed) {
      this.events.down();
      this.scheduleRetry();
    }
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
