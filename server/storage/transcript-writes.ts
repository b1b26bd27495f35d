/**
 * The chat's writes of conversations and messages, the ones every chat message pays for. One contract,
 * one implementation per write path, each building its rows and SQL from the same column tables
 * (message-table.ts, conversation-table.ts):
 * - KyselyTranscriptWrites (kysely-transcript-writes.ts): portable, a kysely write transaction each;
 * - SqliteHotWrites (sqlite-hot-writes.ts): SQLite, group-committed on the raw better-sqlite3 handle;
 * - PostgresAppends (postgres-appends.ts): PostgreSQL, each append one prepared statement.
 * KyselyStorage picks one by the handles it is given (open-storage.ts gives the fast one of its dialect).
 */
import type { Storage } from './repository.ts';

/** The writes of the transcript, with the guarantees `Storage` documents for them. */
export type TranscriptWrites = Pick<
  Storage,
  | 'createConversation'
  | 'updateConversation'
  | 'bindCustomer'
  | 'appendShopperMessage'
  | 'appendBotMessage'
  | 'appendExchange'
  | 'appendReply'
>;
