/**
 * N replicas of one circle on a {@link LoopbackNetwork}: each replica has its index
 * document behind a `CircleIndex`, and a headless Lexical editor bound to each of its
 * entry documents the moment that document is made (before any content reaches it, as
 * lexical#4999 requires). Client ids are derived from the replica and document, so a
 * seeded run makes the same Yjs structure every time.
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
import { LoopbackNetwork } from './loopback';
import type { SeededRandom } from './seededRandom';

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
  readonly network: LoopbackNetwork;
  private readonly indexes: CircleIndex[] = [];
  private readonly editors: Map<string, HeadlessEntry>[];
  private readonly makers = new Map<string, number>();

  constructor(
    readonly size: number,
    random: SeededRandom,
    options: { manual?: boolean } = {},
  ) {
    this.editors = Array.from({ length: size }, () => new Map<string, HeadlessEntry>());
    this.network = new LoopbackNetwork(size, {
      manual: options.manual ?? false,
      onDocCreated: (replica, docId, ydoc) => {
        // Yjs orders concurrent inserts by client id: fixed ids make a seed replayable.
        ydoc.clientID = ((hashOf(docId) % 100_000) * 64 + replica + 1) >>> 0;
        if (docId !== INDEX_DOC_ID) this.editors[replica]!.set(docId, bindHeadlessEntry(ydoc));
      },
    });
    const founder = seededId<MemberId>(random);
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
    this.network.deliver();
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
   * Makes entry `entryId` on replica `replica` with its first paragraph, as
   * CircleSession.createEntry does. The seed is written through its own document and
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
    this.network.connectAll(options.oneMessagePerTask !== true);
    for (let round = 0; round < 100_000; round++) {
      await nextTask();
      if (this.network.pending === 0) return;
      this.network.deliver(options.oneMessagePerTask === true ? 1 : Number.POSITIVE_INFINITY);
    }
    throw new Error(`the network did not settle: ${this.network.pending} messages pending`);
  }

  /** Unbinds the editors, stops the indexes and destroys every document. */
  destroy(): void {
    for (const editors of this.editors) for (const headless of editors.values()) headless.dispose();
    for (const index of this.indexes) index.dispose();
    this.network.destroy();
  }
}
