/**
 * One WebRTC connection to one peer laptop: an RTCPeerConnection carrying a single
 * binary data channel (negotiated, id 0, reliable and ordered) over which every
 * document of the circle travels (see shared/sync/peerProtocol.ts).
 *
 * The peer with the smaller peer id makes the offer, so two laptops that discover each
 * other at the same moment never both offer. Offers, answers and ICE candidates go
 * through the (encrypted) signalling room. Sending respects the channel's buffer: frames
 * wait in a queue while more than SEND_BUFFER_HIGH bytes are in flight, because
 * Chromium closes a data channel whose send buffer overflows.
 *
 * A link whose connection fails, or stays disconnected for DISCONNECTED_GRACE_MS, is
 * closed for good; the room makes a fresh one when the laptop announces itself again.
 * (Keeping dead links, as stock y-webrtc does, is why a long network cut never healed.)
 */

/** What a link says to the signalling room. */
export type LinkSignal =
  { type: 'offer' | 'answer'; sdp: string } | { type: 'candidate'; candidate: RTCIceCandidateInit };

const SEND_BUFFER_HIGH = 1024 * 1024;
const SEND_BUFFER_LOW = 256 * 1024;
const DISCONNECTED_GRACE_MS = 5000;
/**
 * A peer sends something at least every 2.25 s (its data, or a ping on a link it has been
 * quiet on: shared/sync/heartbeat.ts): silence this long means the
 * network under the link has stopped carrying it. WebRTC notices only after several
 * seconds more, and after a short cut its SCTP retransmission backoff can hold the data
 * back for up to 3 s after the network returns; the member is told meanwhile.
 */
const QUIET_MS = 3000;
const QUIET_CHECK_MS = 500;
const CONNECT_TIMEOUT_MS = 20000;

/** Callbacks of a link. */
export interface PeerLinkEvents {
  /** Send a signal to the remote peer through the signalling room. */
  signal(signal: LinkSignal): void;
  /** The data channel is open. */
  open(): void;
  /** A frame arrived. */
  frame(frame: Uint8Array): void;
  /** The link is gone for good (failed, timed out, or closed by either side). */
  closed(reason: string): void;
  /** The network under the link stopped answering, or came back (see `isInterrupted`). */
  interruption(): void;
  /** An ICE server answered with an error (401: a TURN relay refused the credentials). */
  iceServerError?(url: string, code: number): void;
  /** A TURN relay gave this laptop an allocation (its credentials worked); '' if unnamed. */
  relayAllocated?(url: string): void;
}

/** A WebRTC link to one peer. */
export class PeerLink {
  private readonly connection: RTCPeerConnection;
  private readonly channel: RTCDataChannel;
  private readonly queue: Uint8Array[] = [];
  private readonly pendingCandidates: RTCIceCandidateInit[] = [];
  private disconnectedTimer: ReturnType<typeof setTimeout> | null = null;
  private connectTimer: ReturnType<typeof setTimeout> | null;
  private isClosed = false;
  private lastHeard = 0;
  private quiet = false;
  private quietTimer: ReturnType<typeof setInterval> | null = null;
  /** When this link was made (for noticing one that stalls before it opens). */
  readonly createdAt = Date.now();
  /** Frames and bytes through this link, for the connection details a member can open. */
  readonly counters = { framesSent: 0, framesReceived: 0, bytesSent: 0, bytesReceived: 0 };

  constructor(
    readonly remotePeerId: string,
    readonly isOfferer: boolean,
    iceServers: RTCIceServer[],
    private readonly events: PeerLinkEvents,
  ) {
    this.connection = new RTCPeerConnection({ iceServers });
    this.channel = this.connection.createDataChannel('hearth', {
      negotiated: true,
      id: 0,
      ordered: true,
    });
    this.channel.binaryType = 'arraybuffer';
    this.channel.bufferedAmountLowThreshold = SEND_BUFFER_LOW;
    this.channel.onopen = () => {
      this.clearConnectTimer();
      this.lastHeard = performance.now();
      this.quietTimer = setInterval(() => this.checkQuiet(), QUIET_CHECK_MS);
      this.events.open();
      this.drain();
    };
    this.channel.onclose = () => this.close('the data channel closed');
    // Chromium closes a channel itself on a message over its 256 KiB limit, before any
    // of it reaches this page: say why, as far as the browser tells.
    this.channel.onerror = (event: Event) => {
      const error = (event as RTCErrorEvent).error as RTCError | undefined;
      this.close(
        `the data channel failed (${error?.errorDetail ?? 'no detail'}: ${error?.message ?? ''})`,
      );
    };
    this.channel.onbufferedamountlow = () => this.drain();
    this.channel.onmessage = (event: MessageEvent<unknown>) => {
      if (!(event.data instanceof ArrayBuffer)) {
        this.close('a peer sent a text message');
        return;
      }
      this.lastHeard = performance.now();
      if (this.quiet) {
        this.quiet = false;
        this.events.interruption();
      }
      this.counters.framesReceived++;
      this.counters.bytesReceived += event.data.byteLength;
      this.events.frame(new Uint8Array(event.data));
    };
    this.connection.onicecandidate = (event) => {
      const { candidate } = event;
      if (candidate === null) return;
      // The server that gave a relay candidate is the event's url (Chromium has it; the
      // spec dropped it, so TypeScript's DOM types do not): '' where the engine is silent.
      const server = (event as { url?: string | null }).url ?? '';
      if (candidate.type === 'relay') this.events.relayAllocated?.(server);
      this.events.signal({ type: 'candidate', candidate: candidate.toJSON() });
    };
    this.connection.onconnectionstatechange = () => this.onConnectionState();
    this.connection.onicecandidateerror = (event: RTCPeerConnectionIceErrorEvent) =>
      this.events.iceServerError?.(event.url, event.errorCode);
    this.connectTimer = setTimeout(
      () => this.close('the connection took too long'),
      CONNECT_TIMEOUT_MS,
    );
    if (isOfferer) void this.offer();
  }

  /**
   * Whether the network under an open link has stopped answering: the link waits a
   * while for it to come back before it gives up, and the member should know meanwhile
   * that what they write is not reaching this peer.
   */
  get isInterrupted(): boolean {
    return this.disconnectedTimer !== null || this.quiet;
  }

  private checkQuiet(): void {
    const quiet = this.isOpen && performance.now() - this.lastHeard > QUIET_MS;
    if (quiet === this.quiet) return;
    this.quiet = quiet;
    this.events.interruption();
  }

  /** Whether frames can be sent now. */
  get isOpen(): boolean {
    return !this.isClosed && this.channel.readyState === 'open';
  }

  /** Handles a signal from the remote peer. */
  async receiveSignal(signal: LinkSignal): Promise<void> {
    if (this.isClosed) return;
    try {
      if (signal.type === 'candidate') {
        if (this.connection.remoteDescription === null)
          this.pendingCandidates.push(signal.candidate);
        else await this.connection.addIceCandidate(signal.candidate);
        return;
      }
      if (signal.type === 'offer' && this.isOfferer) return;
      if (signal.type === 'answer' && !this.isOfferer) return;
      await this.connection.setRemoteDescription({ type: signal.type, sdp: signal.sdp });
      for (const candidate of this.pendingCandidates.splice(0)) {
        await this.connection.addIceCandidate(candidate);
      }
      if (signal.type === 'offer') {
        const answer = await this.connection.createAnswer();
        await this.connection.setLocalDescription(answer);
        this.events.signal({ type: 'answer', sdp: answer.sdp ?? '' });
      }
    } catch (error) {
      this.close(`a signal could not be used: ${String(error)}`);
    }
  }

  /** Queues a frame for the peer; frames leave in order as the channel's buffer allows. */
  send(frame: Uint8Array): void {
    if (this.isClosed) return;
    this.queue.push(frame);
    this.drain();
  }

  /** The RTCPeerConnection's statistics, for the connection details view. */
  stats(): Promise<RTCStatsReport> {
    return this.connection.getStats();
  }

  /** Closes the link; `closed` is reported once. */
  close(reason: string): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.clearConnectTimer();
    if (this.quietTimer !== null) clearInterval(this.quietTimer);
    this.quietTimer = null;
    if (this.disconnectedTimer !== null) clearTimeout(this.disconnectedTimer);
    this.queue.length = 0;
    this.channel.close();
    this.connection.close();
    this.events.closed(reason);
  }

  private async offer(): Promise<void> {
    try {
      const offer = await this.connection.createOffer();
      await this.connection.setLocalDescription(offer);
      this.events.signal({ type: 'offer', sdp: offer.sdp ?? '' });
    } catch (error) {
      this.close(`no offer could be made: ${String(error)}`);
    }
  }

  private drain(): void {
    while (this.isOpen && this.queue.length > 0 && this.channel.bufferedAmount < SEND_BUFFER_HIGH) {
      const frame = this.queue.shift()!;
      try {
        this.channel.send(frame as Uint8Array<ArrayBuffer>);
      } catch (error) {
        this.close(`a frame could not be sent: ${String(error)}`);
        return;
      }
      this.counters.framesSent++;
      this.counters.bytesSent += frame.byteLength;
    }
  }

  private onConnectionState(): void {
    const state = this.connection.connectionState;
    if (state === 'failed' || state === 'closed') {
      this.close(`the connection ${state}`);
    } else if (state === 'disconnected' && this.disconnectedTimer === null) {
      this.disconnectedTimer = setTimeout(
        () => this.close('the connection stayed disconnected'),
        DISCONNECTED_GRACE_MS,
      );
      this.events.interruption();
    } else if (state === 'connected' && this.disconnectedTimer !== null) {
      clearTimeout(this.disconnectedTimer);
      this.disconnectedTimer = null;
      this.events.interruption();
    }
  }

  private clearConnectTimer(): void {
    if (this.connectTimer !== null) clearTimeout(this.connectTimer);
    this.connectTimer = null;
  }
}
