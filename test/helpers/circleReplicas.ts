/**
 * N replicas of one circle, each a laptop with the real CircleMesh, linked in memory by a
 * {@link MeshNetwork}: each replica has its index document behind a `CircleIndex`, and a
 * headless Lexical editor bound to each of its entry documents the moment that document
 * is made (before any content reaches it, as lexical#4999 requires). Client ids are
 * derived from the replica and document, so a seeded run makes the same Yjs structure
 * every time.
 */
import type { LexicalEditor } from 'lexical';
import * as Y from 'yjs';
import { toBase64Url } from '../../shared/crypto/base64url';
import { CircleIndex } from '../../shared/notebook/circleIndex';
import {
  bindHeadlessEntry,
  seedEntryBody,
  type HeadlessEntry,
} from '../../shared/notebook/headlessEntry';
import { INDEX_DOC_ID, type CircleId, type MemberId } from '../../shared/notebook/ids';
import { LOCAL_ORIGIN } from '../../shared/notebook/origins';
import { MeshNetwork } from './meshNetwork';
import { seededRandom, type SeededRandom } from './seededRandom';

/** Waits for a macrotask, so every Lexical update scheduled by a Yjs change has committed. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A 22-character id drawn from `random`, so seeded runs name things the same way. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the brand is chosen by the caller
export function seededId<T extends string>(random: SeededRandom): T {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < bytes.length; i++) bytes[i] = random.int(0, 255);
  return toBase64Url(bytes) as T;
}

// FNV-1a: a stable number for a document id, mixed into its client ids.
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** One circle replicated N times in memory. */
export class CircleReplicas {
  readonly network: MeshNetwork;
  private readonly indexes: CircleIndex[] = [];
  private readonly editors: Map<string, HeadlessEntry>[];
  private readonly makers = new Map<string, number>();

  /** N replicas, every one holding the founded circle's index. */
  static async found(size: number, random: SeededRandom): Promise<CircleReplicas> {
    const circle = new CircleReplicas(size, random);
    await circle.settle();
    return circle;
  }

  // Frames wait for `network.deliver()` or `settle()`: nothing moves by itself.
  private constructor(
    readonly size: number,
    random: SeededRandom,
  ) {
    this.editors = Array.from({ length: size }, () => new Map<string, HeadlessEntry>());
    const founder = seededId<MemberId>(random);
    // Drawn apart from `random`, so a seed makes the same circle as it always did.
    const laptopMembers = Array.from({ length: size }, (_, replica) =>
      replica === 0 ? founder : seededId<MemberId>(seededRandom(replica)),
    );
    this.network = new MeshNetwork(size, laptopMembers, (replica, docId, ydoc) => {
      // Yjs orders concurrent inserts by client id: fixed ids make a seed replayable.
      ydoc.clientID = ((hashOf(docId) % 100_000) * 64 + replica + 1) >>> 0;
      if (docId !== INDEX_DOC_ID) this.editors[replica]!.set(docId, bindHeadlessEntry(ydoc));
    });
    for (let replica = 0; replica < size; replica++) {
      const ydoc = this.network.doc(replica, INDEX_DOC_ID);
      this.indexes.push(
        replica === 0
          ? CircleIndex.found(ydoc, {
              circleId: seededId<CircleId>(random),
              name: 'Tuesday Circle',
              founder: {
                id: founder,
                name: 'Sam',
                colour: 'ember',
                joinedAt: 1,
              },
              createdAt: 1,
            })
          : new CircleIndex(ydoc),
      );
    }
    this.network.connectAll();
  }

  /** Replica `replica`'s index. */
  index(replica: number): CircleIndex {
    return this.indexes[replica]!;
  }

  /** Replica `replica`'s entry document `entryId` (made and bound if it has none yet). */
  entryDoc(replica: number, entryId: string): Y.Doc {
    return this.network.doc(replica, entryId);
  }

  /**
   * Makes entry `entryId`'s document on replica `replica` with its first paragraph, as
   * CircleSession.createEntry does (after the index names the entry: peers refuse a
   * document it does not name). The seed is written through its own document and
   * applied as a whole: Lexical's binding keeps its node on each Yjs type, so a second
   * binding writing into a document that an editor is bound to leaves that editor
   * showing a paragraph twice.
   */
  seedEntry(replica: number, entryId: string): void {
    this.makers.set(entryId, replica);
    const ydoc = this.entryDoc(replica, entryId);
    const seed = new Y.Doc();
    // Its own client id (replicas use offsets 1..32 of each block of 64): Yjs gives a
    // document a new random id when an applied update already uses the document's id.
    seed.clientID = ydoc.clientID + 32;
    seedEntryBody(seed);
    Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(seed), LOCAL_ORIGIN);
    seed.destroy();
  }

  /** The replica that made entry `entryId` (its author's laptop), if it was made here. */
  makerOf(entryId: string): number | undefined {
    return this.makers.get(entryId);
  }

  /** The editor bound to replica `replica`'s copy of `entryId`. */
  editor(replica: number, entryId: string): LexicalEditor {
    this.entryDoc(replica, entryId);
    return this.editors[replica]!.get(entryId)!.editor;
  }

  /** Entry document ids replica `replica` holds. */
  entryIds(replica: number): string[] {
    return this.network.docIds(replica).filter((id) => id !== INDEX_DOC_ID);
  }

  /**
   * Reconnects everyone, delivers everything and lets every editor commit. With
   * `oneMessagePerTask`, each message is handed over in its own task, as a browser
   * delivers data-channel messages; otherwise all of them go in one synchronous batch.
   */
  async settle(options: { oneMessagePerTask?: boolean } = {}): Promise<void> {
    const limit = options.oneMessagePerTask === true ? 1 : Number.POSITIVE_INFINITY;
    for (let round = 0; round < 100_000; round++) {
      // Links a mesh closed on a refusal are made again, as the app redials.
      this.network.connectAll();
      this.network.deliver(limit);
      await this.network.idle();
      await nextTask();
      if (this.network.pending === 0) return;
    }
    throw new Error(`the network did not settle: ${this.network.pending} frames in flight`);
  }

  /** Unbinds the editors, stops the indexes and destroys every document. */
  destroy(): void {
    for (const editors of this.editors) for (const headless of editors.values()) headless.dispose();
    for (const index of this.indexes) index.dispose();
    this.network.destroy();
  }
}
