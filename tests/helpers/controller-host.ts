/**
 * A stand-in for a lit element as a reactive controller's host, so controllers run in Node: it keeps the
 * controllers added to it, counts the renders they ask for, and can play connect and disconnect. Plus a
 * JSON answer for a stubbed `fetch` and a signed-in session, for the console's API modules.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { permissionsOf } from '../../server/console/roles.ts';
import type { Role, SessionInfo } from '../../server/schemas/console-api.ts';

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

/** A signed-in staff session with these permissions; `csrfToken` names the session. */
export function sessionInfo(csrfToken: string, role: Role): SessionInfo {
  return {
    user: {
      id: '00000000-0000-4000-8000-000000000001',
      email: 'staff@shop.example',
      name: 'Staff',
      role,
      disabled: false,
      createdAt: '2026-11-23T00:00:00.000Z',
    },
    csrfToken,
    permissions: [...permissionsOf(role)],
  };
}
