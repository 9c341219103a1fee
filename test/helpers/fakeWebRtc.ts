/**
 * A stand-in for the browser's WebRTC, for renderer tests in Node (which has none): fake
 * RTCPeerConnections that pair when each holds the other's description, and a negotiated
 * data channel between the two that opens then, carries ArrayBuffers in order, and
 * reports a send buffer a test can fill and drain. Install it with
 * `vi.stubGlobal('RTCPeerConnection', FakeConnection)` after emptying `FakeConnection.made`.
 */
/** One end of the negotiated data channel. */
export class FakeChannel {
  readyState: RTCDataChannelState = 'connecting';
  binaryType = 'blob';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  /** While set, sent frames stay in the buffer instead of reaching the peer. */
  holding = false;
  readonly held: ArrayBuffer[] = [];
  peer: FakeChannel | null = null;
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onbufferedamountlow: (() => void) | null = null;

  send(frame: Uint8Array): void {
    if (this.readyState !== 'open') throw new Error('InvalidStateError');
    const copy = frame.slice().buffer;
    if (this.holding) {
      this.held.push(copy);
      this.bufferedAmount += copy.byteLength;
      return;
    }
    const peer = this.peer!;
    queueMicrotask(() => peer.onmessage?.({ data: copy }));
  }

  /** Lets the held frames go, as the network takes them, and says the buffer is low. */
  drain(): void {
    this.holding = false;
    const peer = this.peer!;
    for (const frame of this.held.splice(0))
      queueMicrotask(() => peer.onmessage?.({ data: frame }));
    this.bufferedAmount = 0;
    this.onbufferedamountlow?.();
  }

  /** Closes both ends: the peer's end hears of it a moment later, as over a network. */
  close(): void {
    if (this.readyState === 'closed') return;
    this.readyState = 'closed';
    const peer = this.peer;
    if (peer === null) return;
    queueMicrotask(() => {
      if (peer.readyState === 'closed') return;
      peer.readyState = 'closed';
      peer.onclose?.();
    });
  }
}

/** An RTCPeerConnection that pairs with the one whose descriptions match its own. */
export class FakeConnection {
  static made: FakeConnection[] = [];
  readonly channel = new FakeChannel();
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  connectionState: RTCPeerConnectionState = 'new';
  readonly candidates: RTCIceCandidateInit[] = [];
  onicecandidate:
    | ((event: {
        candidate: { type?: string; toJSON(): RTCIceCandidateInit } | null;
        url?: string | null;
      }) => void)
    | null = null;
  onconnectionstatechange: (() => void) | null = null;
  onicecandidateerror: ((event: unknown) => void) | null = null;
  /** What getStats() answers: set it to give the link a selected candidate pair. */
  stats: ReadonlyMap<string, Record<string, unknown>> = new Map();
  private readonly name = `peer${FakeConnection.made.length}`;

  constructor() {
    FakeConnection.made.push(this);
  }

  createDataChannel(): FakeChannel {
    return this.channel;
  }

  createOffer(): Promise<RTCSessionDescriptionInit> {
    return Promise.resolve({ type: 'offer', sdp: `offer from ${this.name}` });
  }

  createAnswer(): Promise<RTCSessionDescriptionInit> {
    return Promise.resolve({ type: 'answer', sdp: `answer from ${this.name}` });
  }

  setLocalDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.localDescription = description;
    this.onicecandidate?.({ candidate: { toJSON: () => ({ candidate: `host ${this.name}` }) } });
    this.pairIfReady();
    return Promise.resolve();
  }

  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.remoteDescription = description;
    this.pairIfReady();
    return Promise.resolve();
  }

  addIceCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    if (this.remoteDescription === null) return Promise.reject(new Error('no remote description'));
    this.candidates.push(candidate);
    return Promise.resolve();
  }

  /** A relay candidate from `url` is gathered: that relay gave this connection an allocation. */
  gatherRelay(url: string): void {
    this.onicecandidate?.({
      candidate: { type: 'relay', toJSON: () => ({ candidate: `relay ${this.name}` }) },
      url,
    });
  }

  getStats(): Promise<ReadonlyMap<string, Record<string, unknown>>> {
    return Promise.resolve(this.stats);
  }

  close(): void {
    this.connectionState = 'closed';
  }

  /** Moves the connection to `state`, as ICE would. */
  become(state: RTCPeerConnectionState): void {
    this.connectionState = state;
    this.onconnectionstatechange?.();
  }

  private pairIfReady(): void {
    if (this.localDescription === null || this.remoteDescription === null) return;
    const other = FakeConnection.made.find(
      (candidate) =>
        candidate !== this &&
        candidate.localDescription?.sdp === this.remoteDescription?.sdp &&
        candidate.remoteDescription?.sdp === this.localDescription?.sdp,
    );
    if (other === undefined) return;
    this.channel.peer = other.channel;
    other.channel.peer = this.channel;
    for (const connection of [this, other]) {
      connection.become('connected');
      connection.channel.readyState = 'open';
    }
    this.channel.onopen?.();
    other.channel.onopen?.();
  }
}
