/**
 * Runs the retention purge once at start and then every `intervalMs`, on an unref'd timer (it never
 * keeps the process alive). Several instances may sweep at once (the store's transactions make that
 * safe); one instance never runs two sweeps at the same time. `stop()` waits for a running sweep, so
 * storage can close after it.
 */

/** A started sweep. */
export interface RetentionSweep {
  stop(): Promise<void>;
}

/** Starts the sweep; `sweep` errors are reported to `onError` and the next run happens as planned. */
export function startRetentionSweep(options: {
  sweep(): Promise<unknown>;
  intervalMs: number;
  onError(error: unknown): void;
}): RetentionSweep {
  let running: Promise<void> | undefined;
  let stopped = false;
  const run = (): void => {
    if (running || stopped) return;
    running = options
      .sweep()
      .then(
        () => undefined,
        (error: unknown) => options.onError(error),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(run, options.intervalMs);
  timer.unref();
  run();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
