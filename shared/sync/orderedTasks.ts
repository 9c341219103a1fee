/**
 * Asynchronous work done strictly one task at a time, in the order it was queued: a
 * peer's messages must reach its documents in the order they arrived, even when a
 * document has to be loaded first.
 */

/** A queue of asynchronous tasks run one after another. */
export class OrderedTasks {
  private readonly tasks: (() => Promise<void>)[] = [];
  private running: Promise<void> | null = null;

  /** `onError` hears of a task that threw; the tasks after it still run. */
  constructor(private readonly onError: (error: unknown) => void) {}

  /** Queues `task` after every task queued before it. */
  push(task: () => Promise<void>): void {
    this.tasks.push(task);
    this.running ??= this.run();
  }

  /** Drops every task not started yet. */
  clear(): void {
    this.tasks.length = 0;
  }

  /** Resolves once the queue is empty and no task is running. */
  async idle(): Promise<void> {
    while (this.running !== null) await this.running;
  }

  private async run(): Promise<void> {
    try {
      for (let task = this.tasks.shift(); task !== undefined; task = this.tasks.shift()) {
        try {
          await task();
        } catch (error) {
          this.onError(error);
        }
      }
    } finally {
      this.running = null;
    }
  }
}
