/**
 * Loads data for a component as a reactive controller: runs the loader when the host connects and on
 * `reload()`, keeps the last value while reloading, and re-renders the host on every change. A late
 * answer to an older request is dropped, so quick filter changes never show stale rows.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError } from '../api/api-client.ts';

/** A loader's state. */
export class LoadController<T> implements ReactiveController {
  /** The last value loaded. */
  value: T | undefined;
  /** The last failure (cleared by the next success). */
  error: ApiError | undefined;
  /** True while a request is out. */
  loading = false;
  private generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly loader: () => Promise<T>,
    /** Load when the host connects (default); false: only on `reload()`. */
    private readonly auto = true,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.auto) void this.reload();
  }

  /** Runs the loader again; resolves when it settled. */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    this.loading = true;
    this.host.requestUpdate();
    try {
      const value = await this.loader();
      if (generation !== this.generation) return;
      this.value = value;
      this.error = undefined;
    } catch (error) {
      if (generation !== this.generation) return;
      this.error = error instanceof ApiError ? error : new ApiError(0, 'CONSOLE_ERROR', String(error));
    } finally {
      if (generation === this.generation) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }
}
