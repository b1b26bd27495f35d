/**
 * The frames of one connection, handled one at a time in arrival order, so replies keep the order of
 * the messages. The queue never rejects: a frame that fails is logged and the frames after it still run
 * (a rejection would stop them, or, unhandled, the process).
 */
export class FrameQueue {
  private tail: Promise<void> = Promise.resolve();

  /** `onFailure` hears any error a task throws (after the task's own handling). */
  constructor(private readonly onFailure: (error: unknown) => void) {}

  /** Queues `task`; resolves when it and everything queued before it have finished. */
  push(task: () => Promise<void> | void): Promise<void> {
    this.tail = this.tail.then(task).catch((error: unknown) => {
      this.onFailure(error);
    });
    return this.tail;
  }
}
