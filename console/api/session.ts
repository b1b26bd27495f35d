/**
 * Who is signed in, for every component: the session from `POST /login` or `GET /me` and its
 * permissions, so the console shows only what the server would allow (the server checks again).
 */

import type { Permission } from '../../server/console/roles.ts';
import type { SessionInfo } from '../../server/schemas/console-api.ts';
import { api } from './api-client.ts';

type Listener = () => void;

/** The session store (one per page). */
export class SessionStore {
  private current: SessionInfo | null = null;
  private readonly listeners = new Set<Listener>();

  /** The signed-in session, or null. */
  get info(): SessionInfo | null {
    return this.current;
  }

  /** Replaces the session (null: signed out) and tells every listener. */
  set(info: SessionInfo | null): void {
    this.current = info;
    api.csrfToken = info?.csrfToken ?? '';
    for (const listener of this.listeners) listener();
  }

  /** True when the signed-in user has the permission. */
  can(permission: Permission): boolean {
    return this.current?.permissions.includes(permission) ?? false;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The page's session. */
export const session = new SessionStore();
