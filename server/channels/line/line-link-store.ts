/**
 * Account-link attempts in flight (014_line_account_link, docs/line.md#account-linking). Three steps,
 * each a conditional write so none can be replayed:
 *   1. `issued`: LINE gave the bot a link token for a LINE user (valid LINK_TOKEN_MS, as LINE's own);
 *   2. `vouch`: the shop's sign-in vouched for a customer (a verified shopper token) on the bot's page
 *      with that link token, once: the bot makes a nonce (256 random bits) valid NONCE_MS;
 *   3. `consume`: LINE's accountLink event brings the nonce back; it is deleted as it is read (one use)
 *      and counts only for the LINE user the link token was issued to and before it expires.
 * Only a SHA-256 of the link token is kept (it is a bearer secret while it lives).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { VerifiedShopper } from '../../../bot/shop/shop-data.ts';
import { toDate } from '../../storage/column-values.ts';
import type { Database } from '../../storage/database-schema.ts';

/** How long a link token may be used on the bot's page, ms: LINE's link tokens live 10 minutes. */
export const LINK_TOKEN_MS = 10 * 60_000;
/** How long a nonce waits for LINE's accountLink event, ms. */
export const NONCE_MS = 10 * 60_000;
/** Attempts settled or expired longer ago than this are deleted when a new one is issued, ms. */
const KEEP_EXPIRED_MS = 3600_000;

/** What consuming a nonce found. */
export type ConsumedNonce =
  | { ok: true; shopper: VerifiedShopper }
  | { ok: false; reason: 'unknown' | 'expired' | 'other-user' };

/** SHA-256 (hex) of a link token: what is stored and looked up. */
export function linkTokenHash(linkToken: string): string {
  return createHash('sha256').update(linkToken).digest('hex');
}

/** A fresh nonce: 32 random bytes, base64url (43 characters; LINE accepts 10–255). */
export function newNonce(): string {
  return randomBytes(32).toString('base64url');
}

/** The `line_account_links` table. */
export class LineLinkStore {
  constructor(private readonly db: () => Kysely<Database>) {}

  /** Records a link token LINE issued for `lineUserId`; forgets long-expired attempts. */
  async issued(linkToken: string, lineUserId: string, now: Date): Promise<void> {
    const db = this.db();
    await db
      .deleteFrom('line_account_links')
      .where('expires_at', '<', new Date(now.getTime() - KEEP_EXPIRED_MS).toISOString())
      .where((eb) =>
        eb.or([
          eb('nonce_expires_at', 'is', null),
          eb('nonce_expires_at', '<', new Date(now.getTime() - KEEP_EXPIRED_MS).toISOString()),
        ]),
      )
      .execute();
    await db
      .insertInto('line_account_links')
      .values({
        link_token_hash: linkTokenHash(linkToken),
        line_user_id: lineUserId,
        issued_at: now.toISOString(),
        expires_at: new Date(now.getTime() + LINK_TOKEN_MS).toISOString(),
      })
      .onConflict((oc) => oc.column('link_token_hash').doNothing())
      .execute();
  }

  /** Whether `linkToken` was issued, is not expired and was not used yet (the bot's page may go on). */
  async usable(linkToken: string, now: Date): Promise<boolean> {
    const row = await this.db()
      .selectFrom('line_account_links')
      .select(['expires_at', 'nonce'])
      .where('link_token_hash', '=', linkTokenHash(linkToken))
      .executeTakeFirst();
    return row !== undefined && row.nonce === null && toDate(row.expires_at).getTime() > now.getTime();
  }

  /**
   * The shop vouched for `shopper` on the page of `linkToken`: a fresh nonce for LINE's dialog, or
   * undefined when the link token is unknown, expired or already used (nothing is stored then).
   */
  async vouch(linkToken: string, shopper: VerifiedShopper, now: Date): Promise<string | undefined> {
    const nonce = newNonce();
    const result = await this.db()
      .updateTable('line_account_links')
      .set({
        nonce,
        customer_id: shopper.customerId,
        customer_email: shopper.email ?? null,
        customer_name: shopper.name ?? null,
        nonce_expires_at: new Date(now.getTime() + NONCE_MS).toISOString(),
      })
      .where('link_token_hash', '=', linkTokenHash(linkToken))
      .where('nonce', 'is', null)
      .where('expires_at', '>', now.toISOString())
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? nonce : undefined;
  }

  /**
   * Reads and deletes the attempt of `nonce` (one use, whatever it finds): its shopper when it was
   * made for `lineUserId` and has not expired.
   */
  async consume(nonce: string, lineUserId: string, now: Date): Promise<ConsumedNonce> {
    const row = await this.db()
      .deleteFrom('line_account_links')
      .where('nonce', '=', nonce)
      .returning(['line_user_id', 'customer_id', 'customer_email', 'customer_name', 'nonce_expires_at'])
      .executeTakeFirst();
    if (!row || row.customer_id === null || row.nonce_expires_at === null)
      return { ok: false, reason: 'unknown' };
    if (row.line_user_id !== lineUserId) return { ok: false, reason: 'other-user' };
    if (toDate(row.nonce_expires_at).getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
    return {
      ok: true,
      shopper: {
        customerId: row.customer_id,
        ...(row.customer_email === null ? {} : { email: row.customer_email }),
        ...(row.customer_name === null ? {} : { name: row.customer_name }),
      },
    };
  }
}
