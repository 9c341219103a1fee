/**
 * Keeps one open circle in step with the other laptops in the room.
 *
 * - Signalling: the circle's room (its derived name) on every known endpoint, sealed
 *   with the circle's signalling key (./signallingRoom.ts).
 * - Links: one WebRTC data channel per peer laptop (./peerLink.ts); a link that fails
 *   is dropped and made afresh when the peer announces itself again.
 * - Documents: every document of the circle over that one channel, through the mesh
 *   (shared/sync/circleMesh.ts), which sends each local change once to each peer.
 *
 * This laptop announces itself every few seconds, so a laptop that comes back after a
 * cut of any length is found again; the peer with the smaller id makes the offer.
 */
import { toBase64Url } from '../../../shared/crypto/base64url';
import { randomBytes } from '../../../shared/crypto/random';
import { logger } from '../../../shared/log';
import type { MemberId } from '../../../shared/notebook/ids';
import { CircleMesh } from '../../../shared/sync/circleMesh';
import type { PeerSession } from '../../../shared/sync/peerSession';
import type { OpeningProgress } from '../../../shared/sync/sessionOpening';
import type { CircleSession } from '../live-documents/circleSession';
import type { CirclePresence } from './circlePresence';
import { circleRoom } from './circleRoom';
import type { TurnServer } from '../../../shared/sync/meetingPoints';
import { iceServersFrom } from './iceServers';
import { LinkPaths, type LinkPath } from './linkPaths';
import { PeerLink, type LinkSignal } from './peerLink';
import { expiredRelay, relayErrorProblem, relayWorked, type RelayProblem } from './relayProblems';
import { sessionDocs } from './sessionDocs';
import { SignallingRoom } from './signallingRoom';

const log = logger('sync');
const ANNOUNCE_INTERVAL_MS = 3000;
const STALLED_LINK_MS = 5000;
/** Laptops remembered as gone; peer ids are new each time a circle opens, so few are needed. */
const DEPARTED_KEPT = 256;

/** Where sync stands, for the status line and the member list. */
export interface SyncStatus {
  /** Signalling endpoints reachable now. */
  endpoints: number;
  /**
   * Peer laptops connected now, whether each is in step, and whether the network to it
   * has stopped answering (the link waits a few seconds for it before giving up).
   */
  peers: {
    peerId: string;
    memberId: string | null;
    inStep: boolean;
    interrupted: boolean;
    /** Directly or through a relay (./linkPaths.ts); null until ICE has chosen. */
    path: LinkPath | null;
    /** The selected candidate pair's types, `local/remote` (`host/host`, `host/relay`…). */
    candidates: string | null;
    /** Of the documents the peer holds, how many arrived in the opening so far. */
    progress: OpeningProgress;
  }[];
  /** The member took this laptop offline. */
  paused: boolean;
  /**
   * A relay of the circle that cannot be used, and why (./relayProblems.ts). A refusal
   * stays until that relay gives this laptop an allocation while a link of it runs
   * through a relay, or the member dismisses it.
   */
  relayProblem: RelayProblem | null;
  /** Documents arrived of those the peers hold, while catching up with any; else null. */
  catchingUp: { done: number; total: number } | null;
}

/** Sync for one open circle. */
export class CircleSync {
  private readonly mesh: CircleMesh;
  private readonly links = new Map<string, PeerLink>();
  /**
   * Laptops that said they left. Their last announcements can still arrive after the
   * goodbye (through a slower endpoint), and must not start a link to nobody.
   */
  private readonly departed = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private room: SignallingRoom | null = null;
  private announceTimer: ReturnType<typeof setInterval> | null = null;
  private status: SyncStatus = {
    endpoints: 0,
    peers: [],
    paused: false,
    relayProblem: null,
    catchingUp: null,
  };
  private readonly paths: LinkPaths;
  private endpoints: string[] = [];
  private paused = false;
  private closed = false;
  /** Relays whose problem the member dismissed: not raised again by this sync. */
  private readonly dismissedRelays = new Set<string>();
  /** Relays that gave this laptop an allocation in this sync ('' where unnamed). */
  private readonly allocatingRelays = new Set<string>();
  private readonly stopMeshWatch: () => void;

  private constructor(
    session: CircleSession,
    private readonly presence: CirclePresence,
    private readonly iceServers: RTCIceServer[],
    private readonly turn: readonly TurnServer[],
    carriedProblem: RelayProblem | null,
  ) {
    this.paths = new LinkPaths(
      () => this.links.values(),
      () => this.refresh(),
    );
    this.status = {
      ...this.status,
      relayProblem: expiredRelay(turn, Date.now()) ?? carriedProblem,
    };
    this.mesh = new CircleMesh({
      docs: sessionDocs(session, this.presence),
      memberId: session.profile.memberId,
      // An open editor writes through its own replica, under the replica's client id.
      ownClients: (docId) => presence.editorClients(docId),
      yieldToEditor,
    });
    this.stopMeshWatch = this.mesh.onChange(() => this.refresh());
  }

  /** Starts syncing `session` through `endpoints` (more can be given later). */
  static async start(
    session: CircleSession,
    presence: CirclePresence,
    options: {
      endpoints: readonly string[];
      iceServers: readonly string[];
      /** The circle's TURN relays (meeting points beyond the room); ICE uses them only if needed. */
      turn?: readonly TurnServer[];
      /** The last sync's refusal, kept across a restart (./relayProblems.ts carriedRelayProblem). */
      relayProblem?: RelayProblem | null;
    },
  ): Promise<CircleSync> {
    const turn = options.turn ?? [];
    const iceServers = [
      ...iceServersFrom(options.iceServers),
      ...turn.map((server) => ({
        urls: server.url,
        username: server.username,
        credential: server.credential,
      })),
    ];
    const sync = new CircleSync(session, presence, iceServers, turn, options.relayProblem ?? null);
    const { roomName, cipher } = await circleRoom(session.profile.circleKey);
    if (sync.closed) return sync;
    const peerId = toBase64Url(randomBytes(12));
    sync.room = new SignallingRoom(roomName, peerId, cipher, {
      announce: (from) => sync.onAnnounce(from),
      signal: (from, signal) => sync.onSignal(from, signal),
      leave: (from) => sync.onLeave(from),
      endpointsChanged: (connected) => {
        sync.status = { ...sync.status, endpoints: connected };
        sync.notify();
      },
    });
    sync.endpoints = [...options.endpoints];
    sync.room.setEndpoints(options.endpoints);
    sync.announceTimer = setInterval(() => {
      if (!sync.paused) void sync.room?.announce();
    }, ANNOUNCE_INTERVAL_MS);
    return sync;
  }

  /** Uses exactly these signalling endpoints from now on. */
  setEndpoints(urls: readonly string[]): void {
    this.endpoints = [...urls];
    if (!this.paused) this.room?.setEndpoints(urls);
  }

  /**
   * Takes this laptop out of the room (every link closed, no signalling) or brings it
   * back. Writing goes on either way; what was written apart merges on return.
   */
  setPaused(paused: boolean): void {
    if (this.closed || paused === this.paused) return;
    this.paused = paused;
    if (paused) {
      for (const link of [...this.links.values()]) link.close('this laptop went offline');
      this.room?.setEndpoints([]);
    } else {
      this.room?.setEndpoints(this.endpoints);
    }
    this.status = { ...this.status, paused };
    this.notify();
  }

  /** The member read the relay's problem and dismissed it: it is not shown again here. */
  dismissRelayProblem(): void {
    const problem = this.status.relayProblem;
    if (problem === null) return;
    this.dismissedRelays.add(problem.url);
    this.status = { ...this.status, relayProblem: null };
    this.notify();
  }

  /** The current status; a new object after every change. */
  read = (): SyncStatus => this.status;

  /** Calls `listener` after every change of status; returns its cleanup. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Frame and byte counts per link, for the connection details a member can open. */
  linkCounters(): { peerId: string; framesSent: number; framesReceived: number }[] {
    return [...this.links.values()].map((link) => ({
      peerId: link.remotePeerId,
      framesSent: link.counters.framesSent,
      framesReceived: link.counters.framesReceived,
    }));
  }

  /**
   * How far `memberId`'s laptop's clock is ahead of this one's, in ms, measured over the
   * link (shared/sync/clockOffset.ts); null when that member is not connected.
   */
  clockOffset(memberId: MemberId): number | null {
    return this.mesh.clockOffset(memberId);
  }

  /** The measured clock offsets of every connected member. */
  clockOffsets(): ReadonlyMap<MemberId, number> {
    return this.mesh.clockOffsets();
  }

  /** Leaves the room and closes every link. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.announceTimer !== null) clearInterval(this.announceTimer);
    this.paths.close();
    for (const link of this.links.values()) link.close('this laptop left the circle');
    this.links.clear();
    this.room?.close();
    this.stopMeshWatch();
    this.mesh.close();
    this.listeners.clear();
  }

  private onLeave(from: string): void {
    this.departed.add(from);
    if (this.departed.size > DEPARTED_KEPT)
      this.departed.delete(this.departed.values().next().value!);
    this.links.get(from)?.close('the laptop left the circle');
  }

  private onAnnounce(from: string): void {
    if (this.closed || this.paused || this.room === null || this.departed.has(from)) return;
    const link = this.links.get(from);
    if (link !== undefined) {
      // A link that has not opened in a while lost its offer or answer on the way: start
      // again rather than wait for its timeout (the peer announces every few seconds).
      if (link.isOpen || Date.now() - link.createdAt < STALLED_LINK_MS) return;
      link.close('the connection stalled before it opened');
    }
    // The smaller id offers; the other answers when the offer comes.
    if (this.room.peerId < from) this.openLink(from, true);
    else void this.room.announce();
  }

  private onSignal(from: string, signal: LinkSignal): void {
    if (this.closed || this.paused || this.room === null || this.departed.has(from)) return;
    let link = this.links.get(from);
    if (signal.type === 'offer') {
      if (this.room.peerId < from) return; // we are the one who offers to this peer
      // A new offer from a peer we already know: it made a fresh link, so do we.
      if (link !== undefined) link.close('the peer started a new connection');
      link = this.openLink(from, false);
    }
    if (link !== undefined) void link.receiveSignal(signal);
  }

  private openLink(peerId: string, isOfferer: boolean): PeerLink {
    let peerSession: PeerSession | null = null;
    const link: PeerLink = new PeerLink(peerId, isOfferer, this.iceServers, {
      signal: (signal) => void this.room?.sendSignal(peerId, signal),
      open: () => {
        peerSession = this.mesh.addPeer(peerId, {
          send: (frame) => link.send(frame),
          close: () => link.close('the peer broke the sync protocol'),
        });
        for (const { docId, update } of this.presence.snapshot()) {
          peerSession.sendAwareness(docId, update);
        }
        this.refresh();
      },
      frame: (frame) => peerSession?.receive(frame),
      interruption: () => this.refresh(),
      iceServerError: (url, code) => this.onRelayError(url, code),
      relayAllocated: (url) => {
        this.allocatingRelays.add(url);
        this.refresh();
      },
      closed: (reason) => {
        log.info('a link to a peer closed', { peerId, reason });
        if (this.links.get(peerId) === link) this.links.delete(peerId);
        this.mesh.removePeer(peerId);
        this.presence.forgetPeer(peerId);
        this.refresh();
      },
    });
    this.links.set(peerId, link);
    return link;
  }

  private onRelayError(url: string, code: number): void {
    const problem = relayErrorProblem(this.turn, url, code);
    if (problem === null || this.dismissedRelays.has(problem.url)) return;
    // A refusal outweighs silence: a relay that said no will not say yes to the next link.
    if (this.status.relayProblem?.kind === 'refused') return;
    if (problem.kind !== 'refused' && this.status.relayProblem !== null) return;
    log.warn('a relay of the circle cannot be used', { kind: problem.kind, code });
    this.status = { ...this.status, relayProblem: problem };
    this.notify();
  }

  private refresh(): void {
    const peers = this.mesh.peers().map((peer) => ({
      ...peer,
      interrupted: this.links.get(peer.peerId)?.isInterrupted ?? false,
      path: this.paths.of(peer.peerId),
      candidates: this.paths.candidatesOf(peer.peerId),
    }));
    // The relay took this laptop's credentials and a link runs through a relay: that
    // answers its problem.
    const problem = this.status.relayProblem;
    const relayed = peers.some((peer) => peer.path === 'relay');
    const relayProblem =
      problem !== null && relayed && relayWorked(problem, [...this.allocatingRelays])
        ? null
        : problem;
    if (relayProblem !== problem) log.info('a relay of the circle works for this laptop now');
    this.status = { ...this.status, peers, relayProblem, catchingUp: this.mesh.catchingUp() };
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/**
 * One turn of the event loop, for sync work done in slices: a message to this page
 * rather than setTimeout, which Chromium holds back at least 4 ms once timers nest.
 */
function yieldToEditor(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
