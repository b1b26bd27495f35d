/**
 * The bot's actions (`bot_actions`, migration 010): each change the server asked of the shop's system
 * for a verified shopper, or refused before asking, with its result. Written once per attempt in the
 * same transaction as the bot's reply to it (Storage.appendReply; a retry is a row of its own, under
 * the same action id); listed for the console,
 * newest first. The column table below is the only place a column is named and converted; a stored
 * `change` is checked against its schema on read.
 */
import { Value } from '@sinclair/typebox/value';
import type { Kysely } from 'kysely';
import { type SubscriptionChange, SubscriptionChangeSchema } from '../../bot/shop/shop-data.ts';
import { clampLimit } from './column-values.ts';
import type { BotActionsTable, Database } from './database-schema.ts';
import { columnsOf, rowTable } from './row-table.ts';
import type { StorageDialect } from './storage-dialect.ts';

/** One recorded action. */
export interface BotActionRecord {
  id: string;
  conversationId: string;
  /** The id of the shopper message that confirmed it. */
  actionId: string;
  /** The verified shopper's customer id; null when there was none (a refused action). */
  customerId: string | null;
  /** The change's kind (`skip`, `interval`, …), a column of its own for counting without JSON. */
  kind: string;
  subscriptionId: string;
  /** The change as asked; a stored value that no longer fits the schema reads as null. */
  change: SubscriptionChange | null;
  result: 'done' | 'failed';
  /** Why not: the connector's code, or the server's refusal (`ACTION_ERR_…`); null when done. */
  code: string | null;
  createdAt: Date;
}

const column = columnsOf<BotActionRecord>();

/** The columns of `bot_actions` and the record field each holds. */
export const botActionTable = rowTable<BotActionRecord, BotActionsTable>()('bot_actions', {
  id: column.value('id'),
  conversation_id: column.value('conversationId'),
  action_id: column.value('actionId'),
  customer_id: column.value('customerId'),
  action_kind: column.value('kind'),
  subscription_id: column.value('subscriptionId'),
  change: column.json('change', (stored) => (Value.Check(SubscriptionChangeSchema, stored) ? stored : null)),
  result: column.value('result'),
  code: column.value('code'),
  created_at: column.timestamp('createdAt'),
});

/**
 * Inserts one action's row on `db` (a transaction's, when it commits with the reply: transcript
 * writes); a row with the same id stored before is left as it is.
 */
export async function insertBotAction(db: Kysely<Database>, record: BotActionRecord): Promise<void> {
  await db
    .insertInto('bot_actions')
    .values(botActionTable.toRow(record))
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Default and largest page of the console's list. */
const DEFAULT_LIMIT = 100;

/** Writes and lists the bot's actions. */
export class BotActionStore {
  constructor(
    private readonly db: () => Kysely<Database>,
    private readonly dialect: StorageDialect,
  ) {}

  /** Records one action; a second record with the same id writes nothing. */
  record(record: BotActionRecord): Promise<void> {
    return insertBotAction(this.db(), record);
  }

  /** The newest actions first, at most `limit` (default 100), optionally only one conversation's. */
  async list(options: { limit?: number; conversationId?: string } = {}): Promise<BotActionRecord[]> {
    let query = this.db().selectFrom('bot_actions').selectAll();
    if (options.conversationId) query = query.where('conversation_id', '=', options.conversationId);
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.min(clampLimit(options.limit, DEFAULT_LIMIT), 1000))
      .execute();
    return rows.map((row) => botActionTable.fromRow(row, this.dialect));
  }
}
