/**
 * Staff accounts and their console sessions. Sessions live in the database, not in process memory, so
 * every server instance honours a sign-in and a sign-out at once.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { ServerError } from '../errors.ts';
import type { Role } from '../schemas/console-api.ts';
import { toDate, toNullableDate } from './column-values.ts';
import type { Database, StaffUsersTable } from './database-schema.ts';
import { isUniqueViolation } from './db-errors.ts';

/** A staff account (without its password hash). */
export interface StaffAccount {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
  disabledAt: Date | null;
}

/** A staff account with its password hash, for sign-in only. */
export interface StaffCredentials extends StaffAccount {
  passwordHash: string;
}

/** A live console session and its user. */
export interface StaffSession {
  tokenHash: string;
  csrfToken: string;
  expiresAt: Date;
  user: StaffAccount;
}

/**
 * The form a staff email is stored and looked up in: trimmed (String.prototype.trim also drops tabs,
 * NBSP, U+3000 and the BOM) and lower-cased. The sign-in limit counts attempts under this same form, so
 * padding an address cannot open a fresh allowance for the same account.
 */
export function staffEmailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** An email already used by another account. */
export class DuplicateStaffEmailError extends ServerError {
  constructor(email: string) {
    super('CONSOLE_ERR_EMAIL_TAKEN', `a staff account with ${email} already exists`, { status: 409 });
  }
}

function toAccount(row: Selectable<StaffUsersTable>): StaffAccount {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    createdAt: toDate(row.created_at),
    disabledAt: toNullableDate(row.disabled_at),
  };
}

/** Staff accounts and sessions over the shared database. */
export class StaffStore {
  constructor(private readonly db: () => Kysely<Database>) {}

  /** Number of accounts (first-start bootstrap creates an admin only when there are none). */
  async countUsers(): Promise<number> {
    const row = await this.db()
      .selectFrom('staff_users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Creates an account; throws DuplicateStaffEmailError when the email is taken. */
  async createUser(input: {
    email: string;
    name: string;
    role: Role;
    passwordHash: string;
    now: Date;
  }): Promise<StaffAccount> {
    const row = {
      id: randomUUID(),
      email: staffEmailKey(input.email),
      name: input.name,
      role: input.role,
      password_hash: input.passwordHash,
      created_at: input.now.toISOString(),
      disabled_at: null,
    };
    try {
      await this.db().insertInto('staff_users').values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateStaffEmailError(row.email);
      throw error;
    }
    return toAccount(row);
  }

  /** Names by account id, for showing who did what (deleted accounts are simply absent). */
  async namesById(): Promise<Map<string, string>> {
    const rows = await this.db().selectFrom('staff_users').select(['id', 'name']).execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  async listUsers(): Promise<StaffAccount[]> {
    const rows = await this.db().selectFrom('staff_users').selectAll().orderBy('created_at').execute();
    return rows.map(toAccount);
  }

  async getUser(id: string): Promise<StaffAccount | undefined> {
    const row = await this.db().selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAccount(row);
  }

  /** The account and hash for a sign-in attempt (email compared case-insensitively). */
  async findCredentials(email: string): Promise<StaffCredentials | undefined> {
    const row = await this.db()
      .selectFrom('staff_users')
      .selectAll()
      .where('email', '=', staffEmailKey(email))
      .executeTakeFirst();
    return row && { ...toAccount(row), passwordHash: row.password_hash };
  }

  /**
   * Changes an account. Disabling it or changing its password or role also ends its sessions, so a
   * revoked colleague is signed out everywhere at once.
   */
  async updateUser(
    id: string,
    patch: { name?: string; role?: Role; disabledAt?: Date | null; passwordHash?: string },
  ): Promise<StaffAccount | undefined> {
    const values = {
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(patch.role === undefined ? {} : { role: patch.role }),
      ...(patch.disabledAt === undefined ? {} : { disabled_at: patch.disabledAt?.toISOString() ?? null }),
      ...(patch.passwordHash === undefined ? {} : { password_hash: patch.passwordHash }),
    };
    if (Object.keys(values).length > 0) {
      await this.db().updateTable('staff_users').set(values).where('id', '=', id).execute();
    }
    if (patch.role !== undefined || patch.disabledAt || patch.passwordHash !== undefined) {
      await this.db().deleteFrom('staff_sessions').where('user_id', '=', id).execute();
    }
    return this.getUser(id);
  }

  async createSession(input: {
    tokenHash: string;
    userId: string;
    csrfToken: string;
    now: Date;
    expiresAt: Date;
  }): Promise<void> {
    await this.db()
      .insertInto('staff_sessions')
      .values({
        token_hash: input.tokenHash,
        user_id: input.userId,
        csrf_token: input.csrfToken,
        created_at: input.now.toISOString(),
        expires_at: input.expiresAt.toISOString(),
      })
      .execute();
  }

  /** The session for a cookie's hash, if it exists, has not expired and its account is enabled. */
  async findSession(tokenHash: string, now: Date): Promise<StaffSession | undefined> {
    const row = await this.db()
      .selectFrom('staff_sessions')
      .innerJoin('staff_users', 'staff_users.id', 'staff_sessions.user_id')
      .selectAll('staff_users')
      .select(['staff_sessions.token_hash', 'staff_sessions.csrf_token', 'staff_sessions.expires_at'])
      .where('staff_sessions.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return undefined;
    const expiresAt = toDate(row.expires_at);
    if (expiresAt <= now || row.disabled_at !== null) return undefined;
    return { tokenHash: row.token_hash, csrfToken: row.csrf_token, expiresAt, user: toAccount(row) };
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db().deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).execute();
  }

  /** Removes expired sessions; returns how many. */
  async deleteExpiredSessions(now: Date): Promise<number> {
    const result = await this.db()
      .deleteFrom('staff_sessions')
      .where('expires_at', '<=', now.toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
