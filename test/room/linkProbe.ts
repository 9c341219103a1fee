/**
 * What a page's WebRTC connections are doing, for the heal timelines: an init script
 * replaces RTCPeerConnection with a subclass that only watches (its state, whether an
 * answer or offer from the peer was applied, and which addresses the peer's candidates
 * named), so a link stuck "connecting" can be told apart from one that never heard the
 * other side. The app sees an ordinary RTCPeerConnection.
 */
import type { Page } from '@playwright/test';

/** An init script installing the watching subclass; read it back with {@link linkStates}. */
export function linkProbeScript(): string {
  return `(() => {
  const Original = globalThis.RTCPeerConnection;
  const links = [];
  Object.defineProperty(globalThis, '__hearthRoomLinks', { value: links });
  globalThis.RTCPeerConnection = class extends Original {
    constructor(...args) {
      super(...args);
      const link = { state: this.connectionState, described: false, remote: [] };
      links.push(link);
      this.__hearthRoomLink = link;
      this.addEventListener('connectionstatechange', () => { link.state = this.connectionState; });
    }
    // close() fires no connectionstatechange: mark it here, or a replaced link would
    // look alive for ever.
    close() {
      this.__hearthRoomLink.state = 'closed';
      super.close();
    }
    setRemoteDescription(description) {
      this.__hearthRoomLink.described = true;
      return super.setRemoteDescription(description);
    }
    addIceCandidate(candidate) {
      const address = String(candidate?.candidate ?? '').split(' ')[4];
      if (address) this.__hearthRoomLink.remote.push(address);
      return super.addIceCandidate(candidate);
    }
  };
})();`;
}

/** The page's WebRTC connections that are not closed, by state. */
export interface LinkStates {
  /** "2 connected, 1 connecting (peer's SDP, candidates 127.0.0.1)", for logs. */
  summary: string;
  connected: number;
  /** Not closed and not connected: new, connecting, disconnected or failed. */
  notConnected: number;
}

interface WatchedLink {
  state: string;
  described: boolean;
  remote: string[];
}

/** Reads the states of the page's WebRTC connections (closed ones left out). */
export async function linkStates(page: Page): Promise<LinkStates> {
  const links = await page.evaluate(
    () => (globalThis as unknown as { __hearthRoomLinks: WatchedLink[] }).__hearthRoomLinks,
  );
  const open = links.filter((link) => link.state !== 'closed');
  const connected = open.filter((link) => link.state === 'connected').length;
  const parts = connected > 0 ? [`${connected} connected`] : [];
  // A link that is not connected is described one by one: what it heard from the peer.
  for (const link of open.filter((candidate) => candidate.state !== 'connected')) {
    const heard = link.described ? "peer's SDP" : 'no SDP from the peer';
    const remote =
      link.remote.length > 0
        ? `candidates ${[...new Set(link.remote)].join(' ')}`
        : 'no candidates';
    parts.push(`${link.state} (${heard}, ${remote})`);
  }
  return {
    summary: parts.join(', ') || 'no links',
    connected,
    notConnected: open.length - connected,
  };
}
