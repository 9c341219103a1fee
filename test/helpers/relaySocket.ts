/**
 * A stand-in for the browser's WebSocket to a signalling endpoint, for renderer tests in
 * Node: every socket made is one client of a single in-memory endpoint that relays what a
 * socket publishes to the topic's other open sockets (the endpoint's pub/sub protocol,
 * shared/sync/SIGNALLING.md).
 */
/** One in-memory endpoint: relays what a socket publishes to the topic's other sockets. */
export class RelaySocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static sockets: RelaySocket[] = [];

  readyState = RelaySocket.CONNECTING;
  readonly topics = new Set<string>();
  readonly sent: Record<string, unknown>[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;

  constructor(readonly url: string) {
    RelaySocket.sockets.push(this);
    queueMicrotask(() => {
      this.readyState = RelaySocket.OPEN;
      this.onopen?.();
    });
  }

  send(text: string): void {
    const message = JSON.parse(text) as Record<string, unknown>;
    this.sent.push(message);
    if (message.type === 'subscribe')
      for (const t of message.topics as string[]) this.topics.add(t);
    if (message.type !== 'publish') return;
    for (const other of RelaySocket.sockets) {
      if (other === this || other.readyState !== RelaySocket.OPEN) continue;
      if (!other.topics.has(message.topic as string)) continue;
      other.onmessage?.({ data: text });
    }
  }

  close(): void {
    this.readyState = RelaySocket.CLOSED;
  }
}
