/**
 * Long sync work (answering or applying a whole notebook) done in slices: after each
 * slice of about {@link SLICE_MS} the work waits for the next turn of the event loop, so
 * the editor paints and takes keystrokes in between.
 */

/** How long one slice of sync work runs before the editor gets a turn, in ms. */
export const SLICE_MS = 8;

/** Gives the event loop a turn: setTimeout by default; a page may pass a quicker one. */
export type YieldToEditor = () => Promise<void>;

/** A yield that works anywhere (Node, a page, a worker). */
export const yieldWithTimeout: YieldToEditor = () =>
  new Promise((resolve) => setTimeout(resolve, 0));

/** Counts the time of one run of work and yields when a slice is used up. */
export class WorkSlices {
  private sliceStart: number;

  constructor(
    private readonly now: () => number,
    private readonly yieldNow: YieldToEditor = yieldWithTimeout,
    private readonly sliceMs: number = SLICE_MS,
  ) {
    this.sliceStart = now();
  }

  /** Yields if this slice is used up; else resolves at once. */
  async pause(): Promise<void> {
    if (this.now() - this.sliceStart < this.sliceMs) return;
    await this.yieldNow();
    this.sliceStart = this.now();
  }
}
