/** Maps a stored staff account onto its API shape (never the password hash). */
import type { StaffUser } from '../../schemas/console-api.ts';
import type { StaffAccount } from '../../storage/staff-store.ts';

/** The account as the console API shows it. */
export function toStaffUser(account: StaffAccount): StaffUser {
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    role: account.role,
    disabled: account.disabledAt !== null,
    createdAt: account.createdAt.toISOString(),
  };
}
