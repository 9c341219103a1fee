/**
 * How much work one peer may ask of this laptop: the answers to its SYNC_STEP_1 (each
 * one encodes a document) and the bytes those answers send. A peer's opening requests
 * (one per document it holds, as its HELLO announced) are free; after that it has a
 * bucket of {@link ANSWER_BUDGET}.answers answers refilled each second, and one of bytes.
 * A request the bucket cannot pay waits (that peer's later messages wait behind it), so
 * a flood costs this laptop a bounded share of its time and network whatever its size;
 * and a peer owing more than `maxOwed` unanswered requests is not slowed but dropped.
 *
 * Honest laptops ask for the index and recently changed documents every 20 s, and once
 * for each document that appears: far inside the budget, but a burst (a Markdown import
 * of many entries) is spread over a few seconds rather than refused.
 */

/** The budget every peer gets. */
export const ANSWER_BUDGET = {
  /** Answers a peer may have at once after its opening requests. */
  answers: 256,
  /** Answers added back each second. */
  answersPerSecond: 32,
  /** Bytes of answers a peer may have at once. */
  bytes: 32 * 1024 * 1024,
  /** Bytes added back each second. */
  bytesPerSecond: 2 * 1024 * 1024,
  /** Requests received and not yet answered, beyond which the peer is dropped. */
  maxOwed: 1024,
} as const;

/** A token bucket for one peer's answers; time in milliseconds. */
export class AnswerBudget {
  private answers: number = ANSWER_BUDGET.answers;
  private bytes: number = ANSWER_BUDGET.bytes;
  private last: number;
  /** Requests that had to wait for the bucket, for logs and tests. */
  waited = 0;

  constructor(private readonly now: () => number) {
    this.last = now();
  }

  /** Milliseconds until one more answer may be made (0: now); takes it when 0. */
  take(): number {
    this.refill();
    if (this.answers >= 1 && this.bytes >= 0) {
      this.answers -= 1;
      return 0;
    }
    this.waited++;
    const forAnswer =
      this.answers >= 1 ? 0 : ((1 - this.answers) / ANSWER_BUDGET.answersPerSecond) * 1000;
    const forBytes = this.bytes >= 0 ? 0 : (-this.bytes / ANSWER_BUDGET.bytesPerSecond) * 1000;
    return Math.max(1, Math.ceil(Math.max(forAnswer, forBytes)));
  }

  /**
   * Waits (with `wait`) until the budget pays for one more answer, or the session stops;
   * `onFirstWait` is told the first time this peer has to wait.
   */
  async pay(
    wait: (ms: number) => Promise<void>,
    isOpen: () => boolean,
    onFirstWait: () => void,
  ): Promise<void> {
    for (let delay = this.take(); delay > 0; delay = this.take()) {
      if (this.waited === 1) onFirstWait();
      await wait(delay);
      if (!isOpen()) return;
    }
  }

  /** Counts an answer's bytes (after it is made: its size is known only then). */
  spend(bytes: number): void {
    this.bytes -= bytes;
  }

  private refill(): void {
    const now = this.now();
    const seconds = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.answers = Math.min(
      ANSWER_BUDGET.answers,
      this.answers + seconds * ANSWER_BUDGET.answersPerSecond,
    );
    this.bytes = Math.min(ANSWER_BUDGET.bytes, this.bytes + seconds * ANSWER_BUDGET.bytesPerSecond);
  }
}
