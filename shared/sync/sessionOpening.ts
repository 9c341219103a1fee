/**
 * Where a peer session's opening exchange stands (./peerSession.ts): what the peer's HELLO
 * said, whether the two sides open by circle (both speak session version 2: one
 * CIRCLE_STATE each way, answered by CIRCLE_UPDATES batches) or by document (a
 * SYNC_STEP_1 per held document), and what is still owed in each direction. The session
 * is "in step" once the peer's opening is handled and the answer to this laptop's has
 * been applied to its last batch (or every opening SYNC_STEP_1 answered).
 *
 * It also admits the opening's messages: a CIRCLE_STATE in a session opened by
 * document, a second one, or a CIRCLE_UPDATES this laptop did not ask for (or after the
 * last batch) is a protocol error.
 */
import type { DocId } from '../notebook/ids';
import { CIRCLE_SYNC_VERSION } from './peerProtocol';

/** How far the opening of a session got, in documents, for progress shown to the member. */
export interface OpeningProgress {
  /** Documents the peer said it holds (its HELLO), or more if it asked about more. */
  total: number;
  /** Of those, the documents offered and received so far; equal to `total` once in step. */
  done: number;
}

/** One session's opening exchange, both ways. */
export class SessionOpening {
  /** Documents the peer's HELLO said it holds. */
  peerDocCount = 0;
  /** The session version of the peer's HELLO. */
  peerVersion = 0;
  /** What this laptop's opening names (fixed when the session starts). */
  docIds: DocId[] = [];
  /** The peer's CIRCLE_STATE has been answered. */
  circleStateAnswered = false;
  /** This laptop sent CIRCLE_STATE and waits for the answer's last batch. */
  awaitingCircle = false;
  /** Documents received in the answer to this laptop's CIRCLE_STATE. */
  circleReceived = 0;
  /** SYNC_STEP_1 from the peer handled so far. */
  stepOnesReceived = 0;
  private circleStateSeen = false;
  private lastBatchSeen = false;
  /** This laptop's opening SYNC_STEP_1 not answered yet, per document. */
  private readonly awaiting = new Map<DocId, number>();

  constructor(
    /** The session version this laptop speaks. */
    readonly ownVersion: number,
  ) {}

  /** True when the peer opens, and is answered, by circle (both said version 2). */
  get byCircle(): boolean {
    return this.peerVersion >= CIRCLE_SYNC_VERSION && this.ownVersion >= CIRCLE_SYNC_VERSION;
  }

  /** True once the peer's opening is handled and the answer to this laptop's has arrived. */
  get done(): boolean {
    const peerOpeningDone = this.byCircle
      ? this.circleStateAnswered
      : this.stepOnesReceived >= this.peerDocCount;
    return peerOpeningDone && this.awaiting.size === 0 && !this.awaitingCircle;
  }

  /**
   * Of the `total` documents the peer said it holds, `done` have been offered and — where
   * this laptop asked for the whole of one — received; all of them once `inStep`.
   */
  progress(inStep: boolean): OpeningProgress {
    if (this.byCircle) {
      // By circle, documents arrive in the answer's batches rather than as answers to asks.
      const total = this.peerDocCount;
      return { done: inStep ? total : Math.min(total, this.circleReceived), total };
    }
    const total = Math.max(this.peerDocCount, this.stepOnesReceived);
    const done = Math.max(0, Math.min(total, this.stepOnesReceived - this.awaiting.size));
    return { done: inStep ? total : done, total };
  }

  /** This laptop sent an opening SYNC_STEP_1 for `docId`: its answer is awaited. */
  expect(docId: DocId): void {
    this.awaiting.set(docId, (this.awaiting.get(docId) ?? 0) + 1);
  }

  /** A SYNC_STEP_2 for `docId` arrived: one awaited answer fewer. */
  answered(docId: DocId): void {
    const left = (this.awaiting.get(docId) ?? 0) - 1;
    if (left > 0) this.awaiting.set(docId, left);
    else this.awaiting.delete(docId);
  }

  /** Admits the peer's CIRCLE_STATE; a reason when it breaks the protocol. */
  admitCircleState(): string | null {
    if (!this.byCircle) return 'a CIRCLE_STATE in a session opened by document';
    if (this.circleStateSeen) return 'a second CIRCLE_STATE';
    this.circleStateSeen = true;
    return null;
  }

  /** Admits a CIRCLE_UPDATES batch; a reason when this laptop did not ask for it. */
  admitCircleUpdates(last: boolean): string | null {
    if (!this.awaitingCircle || this.lastBatchSeen) {
      return 'a CIRCLE_UPDATES this laptop did not ask for';
    }
    if (last) this.lastBatchSeen = true;
    return null;
  }
}
