/**
 * A minimal Hearth client: joins a circle from an invite (INVITE.md), meets the laptops
 * through signalling (SIGNALLING.md), keeps every document of the circle in step over the
 * peer protocol (PEER_PROTOCOL.md), reads and writes entry bodies (ENTRY_BODY.md), and
 * takes part as a member who writes where invited and comments elsewhere (WRITING.md).
 */
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { circleKeys } from './circleKeys';
import { appendToFirstParagraph, entryWords } from './entryBody';
import { readInvite } from './invite';
import { PeerLink } from './peerLink';
import { FrameJoiner, KIND, framesOf, type Message } from './peerMessages';
import { SignallingRoom } from './signalling';

/** One laptop this client is linked to. */
interface Peer {
  link: PeerLink;
  joiner: FrameJoiner;
  hello: boolean;
}

/** A client in one circle. */
export class ConformanceClient {
  /** Every document of the circle this client holds, by document id. */
  readonly docs = new Map<string, Y.Doc>();
  private readonly peers = new Map<string, Peer>();
  private messageId = 0;
  private readonly memberId = randomBytes(16).toString('base64url');

  private constructor(
    /** The four words the laptops show (SAFETY_WORDS.md). */
    readonly safetyCode: string,
    private readonly room: (client: ConformanceClient) => SignallingRoom,
  ) {}

  /** Joins the circle `inviteText` names, on the first endpoint it lists. */
  static async join(inviteText: string): Promise<ConformanceClient> {
    const invite = readInvite(inviteText);
    const keys = await circleKeys(invite.circleKey);
    const peerId = randomBytes(12).toString('base64url');
    let room: SignallingRoom | null = null;
    const client = new ConformanceClient(keys.safetyCode, (self) => {
      room ??= new SignallingRoom(invite.endpoints[0]!, keys, peerId, {
        announce: (from) => self.onAnnounce(from),
        signal: (from, signal) => self.onSignal(from, signal),
        leave: (from) => self.peers.get(from)?.link.close(),
      });
      return room;
    });
    await client.room(client).connect();
    return client;
  }

  /** Ids of the entries the circle's index names. */
  entryIds(): string[] {
    return [...(this.docs.get('index')?.getMap('entries').keys() ?? [])];
  }

  /** The words of an entry, once its body arrived (null before). */
  readEntry(entryId: string): string | null {
    const ydoc = this.docs.get(entryId);
    return ydoc === undefined ? null : entryWords(ydoc);
  }

  /** Types `words` at the end of an entry's first paragraph and sends the change to every laptop. */
  writeInto(entryId: string, words: string): void {
    const ydoc = this.docs.get(entryId);
    if (ydoc === undefined) throw new Error('that entry has not arrived');
    appendToFirstParagraph(ydoc, words);
  }

  /**
   * Becomes a member of the circle (WRITING.md, "In the index document"): this client's
   * index client id registered under its member id — written by that client itself —
   * and a member record (the schema's `members`).
   */
  joinAsMember(name: string): void {
    const index = this.doc('index');
    index.transact(() => {
      index.getMap('clients').set(String(index.clientID), this.memberId);
      const member = new Y.Map<unknown>();
      index.getMap('members').set(this.memberId, member);
      for (const [key, value] of Object.entries({
        name,
        colour: 'sage',
        joinedAt: Date.now(),
        agreedAt: null,
        agreedVersion: null,
      })) {
        member.set(key, value);
      }
    });
  }

  /** Names this client's copy of an entry's body as this member's writer (`bodyWriters`). */
  nameAsWriter(entryId: string): void {
    const body = this.doc(entryId);
    this.doc('index').getMap('bodyWriters').set(`${entryId}:${body.clientID}`, this.memberId);
  }

  /** Comments under an entry in this member's name (`comments`); returns the comment's id. */
  comment(entryId: string, text: string): string {
    const commentId = randomBytes(16).toString('base64url');
    this.doc('index').getMap('comments').set(`${entryId}:${commentId}`, { text, at: Date.now() });
    return commentId;
  }

  /**
   * Sends words for an entry written under a client id nobody named — what a key holder's
   * own tool could send. They are not kept here, so this client's later writes do not
   * build on them.
   */
  writeAsStranger(entryId: string, words: string): void {
    const held = this.docs.get(entryId);
    if (held === undefined) throw new Error('that entry has not arrived');
    const stranger = new Y.Doc();
    Y.applyUpdate(stranger, Y.encodeStateAsUpdate(held));
    const before = Y.encodeStateVector(stranger);
    appendToFirstParagraph(stranger, words);
    const bytes = Y.encodeStateAsUpdate(stranger, before);
    for (const peer of this.peers.values()) {
      if (peer.link.isOpen) this.send(peer, { kind: KIND.UPDATE, docId: entryId, bytes });
    }
  }

  /** Whether any laptop's link is open. */
  get connected(): boolean {
    return [...this.peers.values()].some((peer) => peer.link.isOpen && peer.hello);
  }

  /** Leaves the room and closes every link. */
  async close(): Promise<void> {
    await this.room(this).close();
    for (const peer of this.peers.values()) peer.link.close();
  }

  private onAnnounce(from: string): void {
    if (this.peers.has(from)) return;
    const room = this.room(this);
    // The smaller id offers; the other announces itself back.
    if (room.peerId < from) this.openLink(from, true);
    else void room.announce();
  }

  private onSignal(from: string, signal: Record<string, unknown>): void {
    let peer = this.peers.get(from);
    if (signal.type === 'offer') {
      peer?.link.close();
      peer = this.openLink(from, false);
    }
    void peer?.link.receive(signal);
  }

  private openLink(peerId: string, offerer: boolean): Peer {
    const peer: Peer = {
      joiner: new FrameJoiner(),
      hello: false,
      link: new PeerLink(offerer, {
        signal: (signal) => void this.room(this).sendSignal(peerId, signal),
        open: () => this.opened(peer),
        frame: (frame) => this.receive(peer, frame),
        closed: () => {
          if (this.peers.get(peerId) === peer) this.peers.delete(peerId);
        },
      }),
    };
    this.peers.set(peerId, peer);
    return peer;
  }

  private send(peer: Peer, message: Message): void {
    for (const frame of framesOf(message, this.messageId++)) peer.link.send(frame);
  }

  private opened(peer: Peer): void {
    // HELLO, then the index first (with the empty state vector: this client holds none).
    this.send(peer, { kind: KIND.HELLO, memberId: this.memberId, protocolVersion: 1, docCount: 1 });
    this.send(peer, { kind: KIND.SYNC_STEP_1, docId: 'index', stateVector: Uint8Array.of(0) });
  }

  private doc(docId: string): Y.Doc {
    let ydoc = this.docs.get(docId);
    if (ydoc === undefined) {
      ydoc = new Y.Doc();
      this.docs.set(docId, ydoc);
      // This client's own changes go to every laptop, once.
      ydoc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === 'peer') return;
        for (const peer of this.peers.values()) {
          if (peer.link.isOpen) this.send(peer, { kind: KIND.UPDATE, docId, bytes: update });
        }
      });
    }
    return ydoc;
  }

  private receive(peer: Peer, frame: Uint8Array): void {
    const message = peer.joiner.read(frame);
    if (message === null) return;
    switch (message.kind) {
      case KIND.HELLO:
        peer.hello = true;
        break;
      case KIND.SYNC_STEP_1: {
        const held = this.docs.get(message.docId);
        const answer =
          held === undefined
            ? Uint8Array.of(0, 0)
            : Y.encodeStateAsUpdate(held, message.stateVector);
        this.send(peer, { kind: KIND.SYNC_STEP_2, docId: message.docId, bytes: answer });
        if (held === undefined) {
          this.send(peer, {
            kind: KIND.SYNC_STEP_1,
            docId: message.docId,
            stateVector: Uint8Array.of(0),
          });
        }
        break;
      }
      case KIND.SYNC_STEP_2:
      case KIND.UPDATE:
        if (message.bytes.length === 2 && message.bytes[0] === 0 && message.bytes[1] === 0) break;
        Y.applyUpdate(this.doc(message.docId), message.bytes, 'peer');
        break;
      case KIND.CLOCK_PING:
        this.send(peer, { kind: KIND.CLOCK_PONG, t0: message.t0, t1: Date.now() });
        break;
      default:
        break;
    }
  }
}
