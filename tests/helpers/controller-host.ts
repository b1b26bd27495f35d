/**
 * A stand-in for a lit element as a reactive controller's host, so controllers run in Node: it keeps the
 * controllers added to it, counts the renders they ask for, and can play connect and disconnect.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A host that records what its controllers do. */
export class FakeHost implements ReactiveControllerHost {
  /** How many times a controller asked for a render. */
  updates = 0;
  readonly controllers: ReactiveController[] = [];
  readonly updateComplete = Promise.resolve(true);

  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(controller: ReactiveController): void {
    this.controllers.splice(this.controllers.indexOf(controller), 1);
  }
  requestUpdate(): void {
    this.updates += 1;
  }
  /** The element entered the page. */
  connect(): void {
    for (const c of this.controllers) c.hostConnected?.();
  }
  /** The element left the page. */
  disconnect(): void {
    for (const c of this.controllers) c.hostDisconnected?.();
  }
}

/** A JSON answer as `fetch` gives it. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
