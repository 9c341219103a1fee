/** What the stock y-webrtc floor page (./floorPage.ts) offers the bench, as `window.floor`. */
export interface FloorPage {
  /** Peers with an open WebRTC connection. */
  connectedPeers(): number;
  /** y-webrtc's `disconnect()`: leaves the room, closes every connection. */
  goOffline(): void;
  /** y-webrtc's `connect()`: joins the room again. */
  goOnline(): void;
  /** Appends about `characters` characters to the text in one transaction; returns how many. */
  fill(characters: number, seed: string): number;
  /** Characters in the text. */
  length(): number;
}

declare global {
  interface Window {
    floor: FloorPage;
  }
}
