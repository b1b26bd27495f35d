/**
 * How many shopper messages each intent answered recently, per locale: the publish gate asks an admin's
 * reason before a model without an intent that shoppers are being answered with goes live.
 */
import type { Kysely } from 'kysely';
import type { Database } from './database-schema.ts';
import type { Locale } from './repository.ts';

/** Messages answered with one intent in one locale. */
export interface IntentTraffic {
  locale: Locale;
  intent: string;
  messages: number;
}

/** Bot replies per (conversation locale, intent) since `since`, answers only. */
export async function intentTraffic(db: Kysely<Database>, since: Date): Promise<IntentTraffic[]> {
  const rows = await db
    .selectFrom('messages as b')
    .innerJoin('conversations as c', 'c.id', 'b.conversation_id')
    .select((eb) => ['c.locale', 'b.intent', eb.fn.countAll().as('messages')])
    .where('b.role', '=', 'bot')
    .where('b.decision', '=', 'answer')
    .where('b.intent', 'is not', null)
    .where('b.created_at', '>=', since.toISOString())
    .groupBy(['c.locale', 'b.intent'])
    .execute();
  return rows.map((row) => ({
    locale: row.locale,
    intent: row.intent ?? '',
    messages: Number(row.messages),
  }));
}
