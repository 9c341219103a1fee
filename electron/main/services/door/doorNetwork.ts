/**
 * What the door needs of the network, as the rendezvous (../rendezvous.ts) knows it:
 * where to listen (the signalling endpoint's addresses) and where mDNS runs.
 */

/** Where doors listen and are announced. */
export interface DoorNetwork {
  /** The addresses a door listens on: the signalling endpoint's, now. */
  hosts(): string[];
  /** The interfaces and port mDNS runs on now; null when discovery is off. */
  mdns(): { interfaces: string[]; port: number } | null;
}
