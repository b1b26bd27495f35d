/**
 * Calls a function on an interval while it is started and the host is connected (training progress:
 * once a second). The next call waits for the previous one, so a slow server is never flooded.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class PollController implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;

  constructor(
    host: ReactiveControllerHost,
    /** Returns false to stop polling. */
    private readonly tick: () => Promise<boolean>,
    /** Milliseconds between the end of one call and the next. */
    private readonly intervalMs = 1000,
  ) {
    host.addController(this);
  }

  /** Starts polling (the first call comes after one interval). */
  start(): void {
    this.stop();
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** True while polling. */
  get active(): boolean {
    return this.running;
  }

  hostDisconnected(): void {
    this.stop();
  }

  private schedule(): void {
    this.timer = setTimeout(async () => {
      if (!this.running) return;
      const again = await this.tick().catch(() => true);
      if (again && this.running) this.schedule();
      else this.running = false;
    }, this.intervalMs);
  }
}
