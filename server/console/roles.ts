/**
 * Who may do what in the console. One table, read by every console route through `requireRole`, so a
 * permission is granted in exactly one place.
 */
import type { Role } from '../schemas/console-api.ts';

/** A console capability. */
export type Permission =
  | 'corpus:read'
  | 'corpus:write'
  | 'models:train'
  | 'models:publish'
  | 'models:override'
  | 'unanswered:review'
  | 'escalations:read'
  | 'escalations:write'
  | 'outbox:read'
  | 'analytics:read'
  | 'users:manage'
  | 'privacy:delete';

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: [
    'corpus:read',
    'corpus:write',
    'models:train',
    'models:publish',
    'models:override',
    'unanswered:review',
    'escalations:read',
    'escalations:write',
    'outbox:read',
    'analytics:read',
    'users:manage',
    'privacy:delete',
  ],
  // Editors grow the corpus and ship models; transcripts with shoppers' addresses are not theirs to read.
  editor: [
    'corpus:read',
    'corpus:write',
    'models:train',
    'models:publish',
    'unanswered:review',
    'analytics:read',
  ],
  // Operators answer shoppers; they cannot change what the bot says.
  operator: ['escalations:read', 'escalations:write', 'outbox:read', 'analytics:read'],
};

/** True when the role has the permission. */
export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** Every permission of a role (sent to the console so it hides what the user cannot use). */
export function permissionsOf(role: Role): readonly Permission[] {
  return GRANTS[role];
}
