/**
 * A circle's full mesh of peer sessions: one ./peerSession.ts per connected laptop.
 *
 * Fan-out: the mesh listens once to the documents' local updates and sends each to every
 * connected peer once; what a peer sends is applied and never sent on. One keystroke in
 * a mesh of n laptops costs n−1 UPDATE messages in all (stock y-webrtc: n(n−1), because
 * every receiver re-broadcasts). Local awareness updates go to every peer once likewise.
 *
 * Anti-entropy: every `antiEntropyMs` (20 s by default) the mesh sends one peer a
 * SYNC_STEP_1 for the index document and for every document changed since the tick
 * before last; the answers fill any gap (a lost connection mid-update, an update that
 * overtook its dependencies) without anything being re-broadcast. The peers take turns,
 * one a tick, those in step only: channels are reliable and every reconnection opens
 * with a full exchange, so the tick is a safety net, and any peer that holds what this
 * laptop missed can fill it. Asking all n−1 peers every tick cost a mesh of 8 laptops
 * 224 messages per tick, about as many as a phrase's worth of keystrokes.
 *
 * Writing rule: a peer's update refused by an entry's writing rule (shared/notebook/
 * WRITING.md) may be allowed once this laptop's index hears more (an invitation that
 * reached the writer first). The mesh remembers such documents and asks every peer about
 * them again whenever the index changes, and at anti-entropy.
 *
 * Clocks: the mesh measures each peer's clock (./meshClocks.ts), so
 * `clockOffset(memberId)` says how far that member's laptop's clock is from this
 * one's — what a shared timer needs when laptops' clocks differ by minutes.
 *
 * Status for the UI: the connected peers, each with its member id (after HELLO) and
 * whether the opening exchange is done ("in step") or still under way ("syncing"), and a
 * change event. A peer that breaks the protocol is dropped: its channel is closed.
 */
import { INDEX_DOC_ID, type DocId, type MemberId } from '../notebook/ids';
import { logger } from '../log';
import { emptyCounters, type PeerCounters } from './peerCounters';
import { MeshClocks } from './meshClocks';
import { PeerSession } from './peerSession';
import type { OpeningProgress } from './sessionOpening';
import type { MessageKindName } from './peerProtocol';
import type { SyncedDocs } from './syncedDocs';
import type { YieldToEditor } from './workSlices';

const log = logger('sync');

/** How often the mesh runs anti-entropy, by default. */
export const ANTI_ENTROPY_MS = 20_000;

/** What the mesh needs of a transport to one peer. */
export interface PeerChannel {
  /** Sends one binary frame (at most 64 KiB). */
  send(frame: Uint8Array): void;
  /** Closes the connection (called when the peer breaks the protocol). */
  close(): void;
}

/** How a circle's mesh runs. */
export interface CircleMeshOptions {
  docs: SyncedDocs;
  /** This laptop's member id in the circle. */
  memberId: MemberId;
  /** Anti-entropy interval; 0 turns the timer off (tests call `antiEntropy()`). */
  antiEntropyMs?: number;
  /**
   * Client ids this laptop writes `docId` with besides the document's own `clientID`
   * (an editor's replica, say); no peer may write under them. Guessing them from local
   * updates would be wrong: a local update can carry structs another laptop wrote.
   */
  ownClients?(docId: DocId): Iterable<number>;
  /** Clock measuring interval (1 s by default); 0 measures only on connecting. */
  clockPingMs?: number;
  /** This laptop's clock in ms since 1970 (Date.now unless a test shifts it). */
  now?(): number;
  /** Told when a peer is dropped for breaking the protocol (after it is logged). */
  onProtocolError?(peerId: string, reason: string): void;
  /** Gives the editor a turn during long sync work (./workSlices.ts); setTimeout by default. */
  yieldToEditor?: YieldToEditor;
  /** The session version this laptop speaks (2 by default; 1 for tests and benches of the old opening). */
  sessionVersion?: number;
}

/** One connected peer, for the status line and the member list. */
export interface PeerStatus {
  peerId: string;
  /** The peer's member id, once its HELLO arrived. */
  memberId: MemberId | null;
  /** True once the opening exchange with this peer is done. */
  inStep: boolean;
  /** Of the documents the peer holds, how many arrived in the opening so far. */
  progress: OpeningProgress;
}

/** Traffic summed over all sessions of the mesh (including ones already closed). */
export type MeshCounters = PeerCounters;

/** A circle's peer sessions. */
export class CircleMesh {
  private readonly sessions = new Map<string, { session: PeerSession; channel: PeerChannel }>();
  private readonly listeners = new Set<() => void>();
  private readonly cleanups: (() => void)[] = [];
  private changed = new Set<DocId>();
  private changedBefore = new Set<DocId>();
  /** The peer asked at the last anti-entropy tick (the next tick asks the one after it). */
  private lastAsked: string | null = null;
  /** Documents a peer wrote that the writing rule refused, to ask about again. */
  private readonly refused = new Set<DocId>();
  /** Traffic of sessions already closed, summed. */
  private readonly retired = emptyCounters();
  private timer: unknown = null;
  private readonly clocks: MeshClocks;
  private closed = false;

  constructor(private readonly options: CircleMeshOptions) {
    const { docs } = options;
    this.cleanups.push(
      docs.onLocalUpdate((docId, update) => {
        this.changed.add(docId);
        for (const { session } of this.sessions.values()) session.sendUpdate(docId, update);
        if (docId === INDEX_DOC_ID) this.askAgainAboutRefused();
      }),
      docs.onLocalAwareness((docId, update) => {
        for (const { session } of this.sessions.values()) session.sendAwareness(docId, update);
      }),
      docs.onDocAdded((docId) => {
        for (const { session } of this.sessions.values()) session.requestSyncOnce(docId);
      }),
    );
    this.schedule();
    this.clocks = new MeshClocks(
      () => [...this.sessions.values()].map(({ session }) => session),
      options.clockPingMs,
    );
  }

  /**
   * Starts a session with a newly connected peer. An earlier session with the same peer
   * is ended; its channel is the caller's to close (it made the new one).
   */
  addPeer(peerId: string, channel: PeerChannel): PeerSession {
    if (this.closed) throw new Error('this circle mesh is closed');
    this.dropSession(peerId);
    const session: PeerSession = new PeerSession({
      docs: this.options.docs,
      memberId: this.options.memberId,
      peerId,
      send: (frame) => channel.send(frame),
      onProtocolError: (reason) => this.onProtocolError(peerId, session, reason),
      onStatus: () => {
        this.clocks.sessionChanged(session);
        this.notify();
      },
      onProgress: () => this.notify(),
      onRemoteChange: (docId) => {
        this.changed.add(docId);
        if (docId === INDEX_DOC_ID) this.askAgainAboutRefused();
      },
      onRefusedWrite: (docId) => this.refused.add(docId),
      yieldToEditor: this.options.yieldToEditor,
      sessionVersion: this.options.sessionVersion,
      ownClients: (docId) => this.options.ownClients?.(docId) ?? [],
      now: () => this.options.now?.() ?? Date.now(),
    });
    this.sessions.set(peerId, { session, channel });
    session.start();
    this.notify();
    return session;
  }

  /** Ends the session with a peer whose connection closed. */
  removePeer(peerId: string): void {
    if (this.dropSession(peerId)) this.notify();
  }

  /**
   * How much of the notebook has arrived from the peers this laptop is still catching up
   * with (the one with the most documents), or null when it is in step with everyone.
   */
  catchingUp(): OpeningProgress | null {
    let most: OpeningProgress | null = null;
    for (const { session } of this.sessions.values()) {
      if (session.inStep || session.memberId === null) continue;
      const progress = session.progress;
      if (most === null || progress.total > most.total) most = progress;
    }
    return most;
  }

  /** The connected peers and where each stands. */
  peers(): PeerStatus[] {
    return [...this.sessions].map(([peerId, { session }]) => ({
      peerId,
      memberId: session.memberId,
      inStep: session.inStep,
      progress: session.progress,
    }));
  }

  /** The session with `peerId`, if connected. */
  session(peerId: string): PeerSession | undefined {
    return this.sessions.get(peerId)?.session;
  }

  /**
   * How far `memberId`'s laptop's clock is ahead of this one's, in ms (negative: behind),
   * from the connected session with the quietest measurement; null when not measured.
   */
  clockOffset(memberId: MemberId): number | null {
    return this.clocks.offset(memberId);
  }

  /** The measured clock offset of every connected member (see `clockOffset`). */
  clockOffsets(): Map<MemberId, number> {
    return this.clocks.offsets();
  }

  /** Pings every connected peer's clock now (the mesh also does so on its own). */
  pingClocks(): void {
    this.clocks.pingAll();
  }

  /** Calls `listener` after every change of `peers()`; returns its cleanup. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Asks one peer, the next in turn of those in step, for what this laptop lacks of the
   * index and of recently changed docs.
   */
  antiEntropy(): void {
    const docIds = new Set<DocId>([INDEX_DOC_ID, ...this.changedBefore, ...this.changed]);
    this.changedBefore = this.changed;
    this.changed = new Set();
    // A refused document may be allowed now: every peer is asked, as when the index changes.
    for (const { session } of this.sessions.values()) {
      for (const docId of this.refused) session.requestSync(docId);
    }
    const peerId = this.nextToAsk();
    if (peerId === null) return;
    this.lastAsked = peerId;
    const session = this.sessions.get(peerId)!.session;
    for (const docId of docIds) if (!this.refused.has(docId)) session.requestSync(docId);
  }

  /** The in-step peer after the one asked last (in connection order, wrapping round). */
  private nextToAsk(): string | null {
    const inStep = [...this.sessions]
      .filter(([, { session }]) => session.inStep)
      .map(([peerId]) => peerId);
    if (inStep.length === 0) return null;
    const all = [...this.sessions.keys()];
    const last = this.lastAsked === null ? -1 : all.indexOf(this.lastAsked);
    return inStep.find((peerId) => all.indexOf(peerId) > last) ?? inStep[0]!;
  }

  /** Traffic so far, summed over every session this mesh has had. */
  counters(): MeshCounters {
    const sum = emptyCounters();
    addCounters(sum, this.retired);
    for (const { session } of this.sessions.values()) addCounters(sum, session.counters);
    return sum;
  }

  /** Resolves once every session has handled what it received so far. */
  async idle(): Promise<void> {
    await Promise.all([...this.sessions.values()].map(({ session }) => session.idle()));
  }

  /** Ends every session and stops listening to the documents. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.clocks.close();
    for (const cleanup of this.cleanups) cleanup();
    for (const peerId of [...this.sessions.keys()]) this.dropSession(peerId);
    this.listeners.clear();
  }

  /** Asks every peer again about documents whose writes the writing rule refused. */
  private askAgainAboutRefused(): void {
    if (this.refused.size === 0) return;
    const docIds = [...this.refused];
    this.refused.clear();
    for (const { session } of this.sessions.values()) {
      for (const docId of docIds) session.requestSync(docId);
    }
  }

  private onProtocolError(peerId: string, session: PeerSession, reason: string): void {
    log.warn('a peer broke the sync protocol and was disconnected', { peerId, reason });
    const entry = this.sessions.get(peerId);
    if (entry?.session !== session) return;
    this.dropSession(peerId);
    try {
      entry.channel.close();
    } catch (error) {
      log.warn('a peer channel could not be closed', { error: String(error) });
    }
    this.notify();
    this.options.onProtocolError?.(peerId, reason);
  }

  private dropSession(peerId: string): boolean {
    const entry = this.sessions.get(peerId);
    if (entry === undefined) return false;
    this.sessions.delete(peerId);
    entry.session.close();
    addCounters(this.retired, entry.session.counters);
    return true;
  }

  private schedule(): void {
    const interval = this.options.antiEntropyMs ?? ANTI_ENTROPY_MS;
    if (interval <= 0 || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.antiEntropy();
      this.schedule();
    }, interval);
  }

  private notify(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        log.warn('a sync status listener failed', { error: String(error) });
      }
    }
  }
}

function addCounters(sum: PeerCounters, counters: PeerCounters): void {
  sum.framesSent += counters.framesSent;
  sum.bytesSent += counters.bytesSent;
  sum.framesReceived += counters.framesReceived;
  sum.bytesReceived += counters.bytesReceived;
  for (const kind of Object.keys(sum.messagesSent) as MessageKindName[]) {
    sum.messagesSent[kind] += counters.messagesSent[kind];
  }
}
