/**
 * Polls until an (async) condition holds. For outcomes of background work (the mail relay) that tests
 * wait for; the timeout only bounds a broken run, it is not a performance assertion.
 */

/** Resolves with the first truthy value of `probe()`, polling every `intervalMs`; rejects after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T> | T,
  what: string,
  { timeoutMs = 20_000, intervalMs = 25 } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
