/**
 * A loopback network for convergence tests: N replicas of a circle, each holding its own
 * Y.Doc per document id (the index document and one per entry), linked in memory.
 *
 * Protocol, per document id, per pair of connected replicas (y-protocols/sync):
 * - every local update of a replica's document is sent to each other connected replica
 *   as a sync `update` message, once (no re-broadcast: a received update is applied with
 *   PEER_ORIGIN and never forwarded);
 * - `connect(i)` runs sync step 1 / step 2 in both directions between replica `i` and
 *   every connected replica, for every document id either side holds, so edits made
 *   apart merge;
 * - `disconnect(i)` drops replica `i`'s links and every message still in flight on them:
 *   nothing is buffered for later.
 * A replica that receives a message for a document it does not hold yet creates it,
 * calling `onDocCreated` first, so a test can bind an editor to the empty document
 * before any content arrives (lexical#4999).
 *
 * Delivery is immediate by default; with `{ manual: true }` messages wait in per-link
 * FIFO queues until `deliver()`, so updates can cross in flight as they do on a network.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as sync from 'y-protocols/sync';
import * as Y from 'yjs';
import { PEER_ORIGIN } from '../../shared/notebook/origins';

/** Called when a replica makes a document, before anything is applied to it. */
export type DocCreated = (replica: number, docId: string, ydoc: Y.Doc) => void;

/** How the network behaves. */
export interface LoopbackOptions {
  /** Queue messages until `deliver()` instead of delivering them at once. */
  manual?: boolean;
  onDocCreated?: DocCreated;
}

interface Message {
  from: number;
  to: number;
  docId: string;
  payload: Uint8Array;
}

/** N replicas linked in memory; see the module comment for the protocol. */
export class LoopbackNetwork {
  /** How many messages and bytes crossed the network so far. */
  readonly traffic = { messages: 0, bytes: 0 };
  private readonly docs: Map<string, Y.Doc>[];
  private readonly connected: boolean[];
  private readonly queue: Message[] = [];
  private readonly cleanups: (() => void)[] = [];
  private delivering = false;

  constructor(
    readonly size: number,
    private readonly options: LoopbackOptions = {},
  ) {
    this.docs = Array.from({ length: size }, () => new Map<string, Y.Doc>());
    this.connected = Array.from({ length: size }, () => true);
  }

  /** Replica `replica`'s copy of `docId`, made (empty) if it has none yet. */
  doc(replica: number, docId: string): Y.Doc {
    const docs = this.docsOf(replica);
    let ydoc = docs.get(docId);
    if (ydoc === undefined) {
      ydoc = new Y.Doc();
      docs.set(docId, ydoc);
      this.options.onDocCreated?.(replica, docId, ydoc);
      this.watch(replica, docId, ydoc);
    }
    return ydoc;
  }

  /** The document ids replica `replica` holds. */
  docIds(replica: number): string[] {
    return [...this.docsOf(replica).keys()].sort();
  }

  /** True while replica `replica` is linked to the others. */
  isConnected(replica: number): boolean {
    return this.connected[replica] === true;
  }

  /** Cuts replica `replica` off and drops every message in flight to or from it. */
  disconnect(replica: number): void {
    this.connected[replica] = false;
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const message = this.queue[i]!;
      if (message.from === replica || message.to === replica) this.queue.splice(i, 1);
    }
  }

  /** Links replica `replica` again and syncs it with every connected replica. */
  connect(replica: number): void {
    if (this.isConnected(replica)) return;
    this.connected[replica] = true;
    for (let other = 0; other < this.size; other++) {
      if (other === replica || !this.isConnected(other)) continue;
      const ids = new Set([...this.docIds(replica), ...this.docIds(other)]);
      for (const docId of ids) {
        this.sendStep1(replica, other, docId);
        this.sendStep1(other, replica, docId);
      }
    }
    if (this.options.manual !== true) this.deliver();
  }

  /** Connects every replica, then (unless told not to) delivers everything. */
  connectAll(deliver = true): void {
    for (let replica = 0; replica < this.size; replica++) this.connect(replica);
    if (deliver) this.deliver();
  }

  /** Messages still waiting in manual mode. */
  get pending(): number {
    return this.queue.length;
  }

  /** Delivers up to `limit` queued messages (all by default), including those they cause. */
  deliver(limit = Number.POSITIVE_INFINITY): void {
    // Re-entrant calls (an update applied while delivering) leave the loop below to drain.
    if (this.delivering) return;
    this.delivering = true;
    try {
      let delivered = 0;
      while (this.queue.length > 0 && delivered < limit) {
        this.receive(this.queue.shift()!);
        delivered++;
      }
    } finally {
      this.delivering = false;
    }
  }

  /** Stops watching and destroys every document. */
  destroy(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    for (const docs of this.docs) {
      for (const ydoc of docs.values()) ydoc.destroy();
      docs.clear();
    }
    this.queue.length = 0;
  }

  private docsOf(replica: number): Map<string, Y.Doc> {
    const docs = this.docs[replica];
    if (docs === undefined) throw new Error(`there is no replica ${replica}`);
    return docs;
  }

  private watch(replica: number, docId: string, ydoc: Y.Doc): void {
    const onUpdate = (update: Uint8Array, origin: unknown): void => {
      // What came from a peer was sent by that peer to everyone already: never echo it.
      if (origin === PEER_ORIGIN || !this.isConnected(replica)) return;
      const encoder = encoding.createEncoder();
      sync.writeUpdate(encoder, update);
      const payload = encoding.toUint8Array(encoder);
      for (let other = 0; other < this.size; other++) {
        if (other !== replica && this.isConnected(other)) {
          this.send({ from: replica, to: other, docId, payload });
        }
      }
    };
    ydoc.on('update', onUpdate);
    this.cleanups.push(() => ydoc.off('update', onUpdate));
  }

  private sendStep1(from: number, to: number, docId: string): void {
    const encoder = encoding.createEncoder();
    sync.writeSyncStep1(encoder, this.doc(from, docId));
    this.send({ from, to, docId, payload: encoding.toUint8Array(encoder) });
  }

  private send(message: Message): void {
    this.traffic.messages++;
    this.traffic.bytes += message.payload.length;
    this.queue.push(message);
    if (this.options.manual !== true) this.deliver();
  }

  private receive(message: Message): void {
    if (!this.isConnected(message.from) || !this.isConnected(message.to)) return;
    const ydoc = this.doc(message.to, message.docId);
    const reply = encoding.createEncoder();
    sync.readSyncMessage(decoding.createDecoder(message.payload), reply, ydoc, PEER_ORIGIN);
    // Only a step 1 writes a reply (the step 2 carrying what the sender lacks).
    if (encoding.length(reply) > 0) {
      this.send({
        from: message.to,
        to: message.from,
        docId: message.docId,
        payload: encoding.toUint8Array(reply),
      });
    }
  }
}
