/**
 * N laptops of one circle for convergence tests, each with its documents in memory
 * (./memorySyncedDocs.ts) and the real CircleMesh, linked pairwise over a
 * ./loopbackTransport.ts: every byte between them goes through PeerSession's protocol
 * and the update guard, as between laptops in a room.
 *
 * - `disconnect(i)` cuts laptop `i`'s links (what is in flight on them is lost);
 *   `connect(i)` links it again to every connected laptop, and the new sessions' opening
 *   merges what was written apart. A link a mesh closed (a peer it refused) is linked
 *   again there too, as the app redials.
 * - Frames wait until `deliver(limit)`, which hands over the oldest first across all
 *   links; the sessions then work on them in their own microtasks.
 * - A laptop makes a document when content for it arrives (or it writes one itself),
 *   calling `onDocCreated` first, so a test can bind an editor to the empty document
 *   before any content reaches it (lexical#4999).
 * Anti-entropy and clock timers are off, long sync work yields to a microtask rather
 * than a timer, and the meshes' clock is a counter (a second per reading, so no answer
 * budget ever runs dry), so a seeded run takes the same course every time.
 */
import type * as Y from 'yjs';
import { type DocId, type MemberId } from '../../shared/notebook/ids';
import { CircleMesh } from '../../shared/sync/circleMesh';
import { LoopbackTransport, type LoopbackConnection } from './loopbackTransport';
import { MemorySyncedDocs } from './memorySyncedDocs';

/** Called when a laptop makes a document, before anything is applied to it. */
export type DocCreated = (laptop: number, docId: string, ydoc: Y.Doc) => void;

interface MeshLaptop {
  peerId: string;
  docs: MemorySyncedDocs;
  mesh: CircleMesh;
  connected: boolean;
}

/** N laptops' meshes linked in memory; see the module comment. */
export class MeshNetwork {
  private readonly transport = new LoopbackTransport();
  private readonly laptops: MeshLaptop[];
  private readonly links = new Map<string, LoopbackConnection>();
  private readonly cleanups: (() => void)[] = [];

  constructor(
    readonly size: number,
    memberIds: readonly MemberId[],
    onDocCreated: DocCreated = () => undefined,
  ) {
    let seconds = 0;
    const now = (): number => ++seconds * 1000;
    this.laptops = Array.from({ length: size }, (_, laptop) => {
      const docs = new MemorySyncedDocs();
      // Before the mesh listens, so an editor is bound before the mesh asks for content.
      this.cleanups.push(
        docs.onDocAdded((docId) => onDocCreated(laptop, docId, docs.docNow(docId)!)),
      );
      const mesh = new CircleMesh({
        docs,
        memberId: memberIds[laptop]!,
        antiEntropyMs: 0,
        clockPingMs: 0,
        now,
        yieldToEditor: () => Promise.resolve(),
      });
      return { peerId: `laptop${laptop}`, docs, mesh, connected: false };
    });
  }

  /** Frames in flight. */
  get pending(): number {
    return this.transport.pending;
  }

  /** Laptop `laptop`'s copy of `docId`, made (empty) if it has none yet. */
  doc(laptop: number, docId: string): Y.Doc {
    const ydoc = this.laptopAt(laptop).docs.docNow(docId as DocId);
    if (ydoc === null) throw new Error(`laptop ${laptop} refuses document ${docId}`);
    return ydoc;
  }

  /** The document ids laptop `laptop` holds. */
  docIds(laptop: number): string[] {
    return this.laptopAt(laptop).docs.docIds();
  }

  /** Cuts laptop `laptop` off; frames in flight to or from it are lost. */
  disconnect(laptop: number): void {
    this.laptopAt(laptop).connected = false;
    for (const [pair, link] of this.links) {
      if (pair.split(':').includes(String(laptop))) {
        link.cut();
        this.links.delete(pair);
      }
    }
  }

  /** Links laptop `laptop` to every connected laptop it has no open link with. */
  connect(laptop: number): void {
    this.laptopAt(laptop).connected = true;
    for (let other = 0; other < this.size; other++) {
      if (other === laptop || !this.laptopAt(other).connected) continue;
      const pair = `${Math.min(laptop, other)}:${Math.max(laptop, other)}`;
      if (this.links.get(pair)?.open === true) continue;
      this.links.set(pair, this.transport.connect(this.laptopAt(laptop), this.laptopAt(other)));
    }
  }

  /** Connects every laptop (and relinks any link a mesh closed). */
  connectAll(): void {
    for (let laptop = 0; laptop < this.size; laptop++) this.connect(laptop);
  }

  /** Delivers up to `limit` frames in flight (all by default), oldest first. */
  deliver(limit = Number.POSITIVE_INFINITY): number {
    return this.transport.deliverInOrder(limit);
  }

  /** Resolves once every session has handled what it received so far. */
  async idle(): Promise<void> {
    await Promise.all(this.laptops.map((laptop) => laptop.mesh.idle()));
  }

  /** Closes the meshes and destroys every document. */
  destroy(): void {
    for (const laptop of this.laptops) laptop.mesh.close();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    for (const laptop of this.laptops) {
      for (const docId of laptop.docs.docIds()) laptop.docs.forget(docId);
    }
  }

  private laptopAt(laptop: number): MeshLaptop {
    const found = this.laptops[laptop];
    if (found === undefined) throw new Error(`there is no laptop ${laptop}`);
    return found;
  }
}
