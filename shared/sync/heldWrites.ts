/**
 * A peer's writes that came before the index naming their document: held, not refused.
 *
 * A laptop records an entry in the index before it writes its body, and sends both in
 * that order on each link; but on a mesh the record may reach a laptop by another way
 * than the body: a laptop that heard of a new entry from its author asks a peer about
 * it, the peer (which lacks it) asks back, and the whole body comes as the answer before
 * any index update naming it reached that peer — received updates are never sent on.
 * Such a SYNC_STEP_2 or UPDATE, whole (it needs no structs it does not carry) and for a
 * document this laptop has never held (anything else unnamed is refused at once), waits
 * here, with later writes of that document, until the index names its document (by an
 * index update from any peer, or this laptop's own), and is then checked and applied as
 * if it had just arrived. A document still unnamed after {@link HOLD.ms} is a ghost: a protocol error, as a ghost always was. What a peer may
 * keep waiting is bounded ({@link HOLD.docs} documents, {@link HOLD.bytes} bytes); more
 * is a protocol error, so a flood of ghosts costs a laptop a bounded amount of memory.
 * Nothing held is stored before its document is named; on arrival its shape is checked
 * and it is tried on a scratch document, to see that it is whole.
 */
import type { DocId } from '../notebook/ids';

/** How long and how much a session holds for documents the index does not name yet. */
export const HOLD = {
  /** A write waits this long for the index to name its document. */
  ms: 10_000,
  /** How often waiting writes are looked at (the index may change by another way). */
  checkMs: 250,
  /** Documents one peer may have waiting. */
  docs: 16,
  /** Bytes one peer may have waiting. */
  bytes: 4 * 1024 * 1024,
} as const;

/** One write waiting for its document to be named. */
export interface HeldWrite {
  kind: 'SYNC_STEP_2' | 'UPDATE';
  docId: DocId;
  update: Uint8Array;
  /** When it arrived (the session's clock). */
  at: number;
}

/** The writes one session holds, oldest first. */
export class HeldWrites {
  private writes: HeldWrite[] = [];
  private bytes = 0;

  /** True when nothing waits. */
  get empty(): boolean {
    return this.writes.length === 0;
  }

  /** True when a write of `docId` waits (a later one must wait behind it). */
  holds(docId: DocId): boolean {
    return this.writes.some((write) => write.docId === docId);
  }

  /** Holds `write`; a refusal (a protocol error) when the peer would hold too much. */
  hold(write: HeldWrite): string | null {
    const docs = new Set(this.writes.map((held) => held.docId)).add(write.docId);
    if (docs.size > HOLD.docs) {
      return `${write.kind} for more than ${HOLD.docs} documents the circle's index does not name`;
    }
    if (this.bytes + write.update.length > HOLD.bytes) {
      return `${write.kind}s over ${HOLD.bytes} bytes for documents the circle's index does not name`;
    }
    this.writes.push(write);
    this.bytes += write.update.length;
    return null;
  }

  /** Takes out, in arrival order, every write whose document `isNamed` now. */
  takeNamed(isNamed: (docId: DocId) => boolean): HeldWrite[] {
    const named = new Map<DocId, boolean>();
    const taken: HeldWrite[] = [];
    const kept: HeldWrite[] = [];
    for (const write of this.writes) {
      let known = named.get(write.docId);
      if (known === undefined) {
        known = isNamed(write.docId);
        named.set(write.docId, known);
      }
      (known ? taken : kept).push(write);
    }
    this.writes = kept;
    this.bytes = kept.reduce((sum, write) => sum + write.update.length, 0);
    return taken;
  }

  /** The oldest write that has waited longer than {@link HOLD.ms} at `now`, if any. */
  overdue(now: number): HeldWrite | null {
    const oldest = this.writes[0];
    return oldest !== undefined && now - oldest.at > HOLD.ms ? oldest : null;
  }

  /** Forgets everything held. */
  clear(): void {
    this.writes = [];
    this.bytes = 0;
  }
}
