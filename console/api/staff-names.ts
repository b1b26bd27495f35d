/**
 * Staff names for ids: model versions, publications and intents record who by account id. The signed-in
 * user knows their own name; admins can list every account (`GET /users`); anyone else sees a short id.
 */
import type { StaffUserList } from '../../server/schemas/console-api.ts';
import { api } from './api-client.ts';
import { session } from './session.ts';

let names: Map<string, string> | undefined;
let loading: Promise<void> | undefined;

/** Loads the names once (admins only); resolves when they are known or cannot be. */
export function loadStaffNames(): Promise<void> {
  if (!session.can('users:manage')) return Promise.resolve();
  loading ??= api
    .get<StaffUserList>('/users')
    .then((list) => {
      names = new Map(list.users.map((user) => [user.id, user.name]));
    })
    .catch(() => {
      loading = undefined;
    });
  return loading;
}

/** The name behind an account id (or the value itself when it is not an id we know). */
export function staffName(id: string | null | undefined): string {
  if (!id) return '—';
  if (id === session.info?.user.id) return session.info.user.name;
  const known = names?.get(id);
  if (known) return known;
  return /^[0-9a-f]{8}-[0-9a-f-]{27}$/u.test(id) ? `#${id.slice(0, 8)}` : id;
}
