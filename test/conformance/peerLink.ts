/**
 * The WebRTC connection to one laptop (SIGNALLING.md): one data channel negotiated out of
 * band with id 0, binary; offers, answers and candidates through the signalling room.
 */
import wrtc from '@roamhq/wrtc';

/** A link's callbacks. */
export interface LinkEvents {
  signal(signal: Record<string, unknown>): void;
  open(): void;
  frame(frame: Uint8Array): void;
  closed(): void;
}

/** One peer connection. */
export class PeerLink {
  private readonly connection = new wrtc.RTCPeerConnection({ iceServers: [] });
  private readonly channel: RTCDataChannel;
  private readonly early: RTCIceCandidateInit[] = [];

  constructor(
    offerer: boolean,
    private readonly events: LinkEvents,
  ) {
    this.channel = this.connection.createDataChannel('hearth', {
      negotiated: true,
      id: 0,
      ordered: true,
    });
    this.channel.binaryType = 'arraybuffer';
    this.channel.onopen = () => events.open();
    this.channel.onclose = () => events.closed();
    this.channel.onmessage = (event: MessageEvent<ArrayBuffer>) => {
      events.frame(new Uint8Array(event.data));
    };
    this.connection.onicecandidate = ({ candidate }) => {
      if (candidate !== null) {
        const { candidate: line, sdpMid, sdpMLineIndex } = candidate;
        events.signal({ type: 'candidate', candidate: { candidate: line, sdpMid, sdpMLineIndex } });
      }
    };
    if (offerer) void this.offer();
  }

  /** Whether frames can be sent. */
  get isOpen(): boolean {
    return this.channel.readyState === 'open';
  }

  /** Handles a signal from the other laptop. */
  async receive(signal: Record<string, unknown>): Promise<void> {
    if (signal.type === 'candidate') {
      const candidate = signal.candidate as RTCIceCandidateInit;
      if (this.connection.remoteDescription === null) this.early.push(candidate);
      else await this.connection.addIceCandidate(candidate);
      return;
    }
    const type = signal.type as 'offer' | 'answer';
    await this.connection.setRemoteDescription({ type, sdp: signal.sdp as string });
    for (const candidate of this.early.splice(0)) await this.connection.addIceCandidate(candidate);
    if (type === 'offer') {
      const answer = await this.connection.createAnswer();
      await this.connection.setLocalDescription(answer);
      this.events.signal({ type: 'answer', sdp: answer.sdp });
    }
  }

  /** Sends one frame (at most 64 KiB). */
  send(frame: Uint8Array): void {
    this.channel.send(new Uint8Array(frame));
  }

  /** Closes the connection. */
  close(): void {
    this.channel.close();
    this.connection.close();
  }

  private async offer(): Promise<void> {
    const offer = await this.connection.createOffer();
    await this.connection.setLocalDescription(offer);
    this.events.signal({ type: 'offer', sdp: offer.sdp });
  }
}
