/**
 * Undo actions of a benchmark run (stop children, drop databases, remove temp dirs), run last-in
 * first-out, once: at the end, on SIGINT or SIGTERM, and when the run exceeds its time budget.
 */

/** Writes a progress line to stderr. */
export const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

const cleanups: (() => Promise<void>)[] = [];

/** Registers an undo action. */
export function onCleanUp(undo: () => Promise<void>): void {
  cleanups.push(undo);
}

/** Runs every registered undo action, last first; a failing one is logged and the rest still run. */
export async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    const undo = cleanups.pop()!;
    await undo().catch((error: unknown) => log(`clean-up failed: ${String(error)}`));
  }
}

/** Cleans up and exits on SIGINT or SIGTERM (130), or once `budgetMs` has passed (1). */
export function cleanUpOnSignalsAndAfter(budgetMs: number): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping`);
      void cleanUp().then(() => process.exit(130));
    });
  }
  setTimeout(() => {
    log('run budget exceeded: stopping');
    void cleanUp().then(() => process.exit(1));
  }, budgetMs).unref();
}
