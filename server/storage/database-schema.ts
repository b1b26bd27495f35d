/**
 * The database's row shapes, as kysely sees them: the single source of column names and types for every
 * store (kysely-storage.ts for conversations and mail, the console's stores for staff, corpus, models and
 * reviews). Created and upgraded by migrations.ts.
 */
import type { ColumnType, Generated } from 'kysely';
import type { Decision, Escalation, Locale, OutboxMail, StoredMessage } from './repository.ts';

/** Read as `Date` (pg parses timestamptz) or ISO text (SQLite); always written as ISO-8601 UTC text. */
export type Timestamp = ColumnType<Date | string, string, string>;
/** Nullable variant of `Timestamp`. */
export type NullableTimestamp = ColumnType<Date | string | null, string | null, string | null>;
/** Read parsed (pg parses jsonb) or as text (SQLite); always written as JSON text. */
export type Json = ColumnType<unknown, string, string>;
/** Nullable variant of `Json`. */
export type NullableJson = ColumnType<unknown, string | null, string | null>;

/** Row shape of `conversations`. */
export interface ConversationsTable {
  id: string;
  token_hash: string;
  locale: Locale;
  state: Json;
  email: string | null;
  /** The verified shopper's customer id (008_shopper_identity); null: anonymous. */
  customer_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Where the conversation happens (012_line_channel): `web` (the widget) or `line`. */
  channel: Generated<ConversationChannel>;
  /** When staff last wrote in the conversation (013_staff_replies); null: never. */
  staff_reply_at: NullableTimestamp;
}

/** The channel of a conversation: the web widget, or LINE (docs/line.md). */
export type ConversationChannel = 'web' | 'line';

/** Row shape of `line_users` (012_line_channel): one LINE user the bot talks to. */
export interface LineUsersTable {
  line_user_id: string;
  conversation_id: string | null;
  last_seq: Generated<number>;
  following: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The shop's customer id the user linked their LINE account to (014_line_account_link); null: not linked. */
  customer_id: string | null;
  customer_email: string | null;
  customer_name: string | null;
  linked_at: NullableTimestamp;
}

/** Row shape of `line_user_conversations` (014_line_account_link): every conversation of a LINE user. */
export interface LineUserConversationsTable {
  conversation_id: string;
  line_user_id: string;
}

/** Row shape of `line_account_links` (014_line_account_link): one account-link attempt in flight. */
export interface LineAccountLinksTable {
  link_token_hash: string;
  line_user_id: string;
  issued_at: Timestamp;
  expires_at: Timestamp;
  nonce: string | null;
  customer_id: string | null;
  customer_email: string | null;
  customer_name: string | null;
  nonce_expires_at: NullableTimestamp;
}

/** Row shape of `line_inbox` (012_line_channel): one stored LINE webhook event. */
export interface LineInboxTable {
  webhook_event_id: string;
  line_user_id: string;
  user_seq: number;
  event_type: string;
  event: Json;
  reply_token: string | null;
  event_at: Timestamp;
  received_at: Timestamp;
  state: Generated<'pending' | 'answered' | 'skipped' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  lease_expires_at: NullableTimestamp;
  outgoing: NullableJson;
  sent_by: 'reply' | 'push' | null;
  answered_at: NullableTimestamp;
  last_error: string | null;
}

/** Row shape of `messages`. */
export interface MessagesTable {
  id: string;
  conversation_id: string;
  seq: number;
  role: StoredMessage['role'];
  text: string;
  client_seq: number | null;
  reply_to: string | null;
  decision: Decision | null;
  intent: string | null;
  score: number | null;
  payload: NullableJson;
  feedback: number | null;
  created_at: Timestamp;
}

/** Row shape of `escalations`. */
export interface EscalationsTable {
  id: string;
  conversation_id: string;
  reason: string;
  intent: string | null;
  score: number | null;
  email: string;
  summary: string | null;
  status: Generated<Escalation['status']>;
  created_at: Timestamp;
  resolved_at: NullableTimestamp;
  /** Staff user who resolved it (003_console). */
  resolved_by: string | null;
  /** Their subscriptions at handoff, JSON (011_escalation_subscriptions); null: none known. */
  subscriptions: Generated<unknown>;
  /** The verified shopper's customer id (008_shopper_identity); null: anonymous. */
  customer_id: string | null;
}

/** Row shape of `outbox`. */
export interface OutboxTable {
  id: string;
  escalation_id: string | null;
  to_address: string;
  reply_to: string | null;
  subject: string;
  text_body: string;
  html_body: string;
  message_id: string;
  status: Generated<OutboxMail['status']>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  sent_at: NullableTimestamp;
  created_at: Timestamp;
  /** Added by 002_mail_relay. */
  lease_expires_at: NullableTimestamp;
  first_attempt_at: NullableTimestamp;
  envelope_to: string | null;
}

/** Binary column (bytea / blob), read and written as a Buffer. */
export type Blob = ColumnType<Buffer, Buffer, Buffer>;
/** Nullable variant of `Blob`. */
export type NullableBlob = ColumnType<Buffer | null, Buffer | null, Buffer | null>;

/** Row shape of `staff_users` (003_console). */
export interface StaffUsersTable {
  id: string;
  /** Lower-cased; the sign-in name. */
  email: string;
  name: string;
  role: 'admin' | 'editor' | 'operator';
  /** scrypt parameters, salt and key (see server/console/password.ts). */
  password_hash: string;
  created_at: Timestamp;
  disabled_at: NullableTimestamp;
}

/** Row shape of `staff_sessions` (003_console): one signed-in browser. */
export interface StaffSessionsTable {
  /** SHA-256 (hex) of the session cookie; the cookie itself is never stored. */
  token_hash: string;
  user_id: string;
  /** Sent back by the console in a header on every change (CSRF). */
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** Row shape of `corpus_intents` (003_console): the live, editable corpus, one intent of one locale per row. */
export interface CorpusIntentsTable {
  locale: Locale;
  intent_id: string;
  domain: string;
  /** The intent as in a corpus file (CorpusIntentSchema), JSON. */
  body: Json;
  updated_at: Timestamp;
  /** Staff user id, or null for the seed and imports from the CLI. */
  updated_by: string | null;
}

/**
 * Row shape of `corpus_revisions` (005_corpus_history): every change of one intent of one locale, so any
 * earlier corpus can be rebuilt and restored. One console action (a save, an import, a restore) is one
 * `change_id`; the corpus after it is, per intent, the newest revision up to that change's last `seq`.
 */
export interface CorpusRevisionsTable {
  /** Total order of revisions (autoincrement; serial in PostgreSQL). */
  seq: Generated<number>;
  change_id: string;
  /** What made the change: seed, baseline (the corpus when history began), save, delete, assign, import, restore. */
  change: string;
  changed_at: Timestamp;
  changed_by: string | null;
  locale: Locale;
  intent_id: string;
  domain: string;
  /** The intent as in a corpus file, JSON; null: deleted in this change. */
  body: NullableJson;
}

/** Row shape of `settings` (003_console): small facts shared by every instance (e.g. when the corpus was seeded). */
export interface SettingsTable {
  key: string;
  value: Json;
}

/** Row shape of `model_versions` (003_console): one trained (or training) model and how it scored. */
export interface ModelVersionsTable {
  id: string;
  /** 1, 2, 3…: the number staff see (v12). */
  number: number;
  status: 'training' | 'ready' | 'failed';
  /** Training stage and fraction, JSON, while training. */
  progress: NullableJson;
  /** The corpus it was trained on (intents array), JSON: rollback and comparison need it. */
  corpus: Json;
  /** SHA-256 of the training data and engine version: the same corpus is never trained twice. */
  corpus_hash: string;
  engine_version: string;
  /** gzip of the model file (IntentEngine.toBytes; engine JSON in versions stored before it), once ready. */
  model: NullableBlob;
  /** Held-out and cross-validation results, JSON, once ready. */
  evaluation: NullableJson;
  /** While training: the last sign of life of the process that trains it (006_training_heartbeat). */
  heartbeat_at: NullableTimestamp;
  error: string | null;
  created_at: Timestamp;
  created_by: string | null;
  finished_at: NullableTimestamp;
}

/** Row shape of `model_publications` (003_console): the live model is the newest row. */
export interface ModelPublicationsTable {
  id: string;
  /** 1, 2, 3…: the newest is live. */
  seq: number;
  version_id: string;
  published_at: Timestamp;
  published_by: string | null;
  /** Why: required for an override of the quality gate and for a rollback. */
  reason: string | null;
  /** 1 when an admin published a model the gate found worse. */
  overridden: number;
}

/** Row shape of `unanswered_reviews` (003_console): a staff decision on one unanswered shopper message. */
export interface UnansweredReviewsTable {
  message_id: string;
  status: 'assigned' | 'dismissed';
  /** The intent it became an utterance of, when assigned. */
  intent: string | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp;
}

/** Row shape of `escalation_notes` (003_console): an operator's note on an escalation. */
export interface EscalationNotesTable {
  id: string;
  escalation_id: string;
  author_id: string | null;
  author_name: string;
  text: string;
  created_at: Timestamp;
}

/** The typed schema kysely checks queries against (created by migrations.ts). */
/** Row shape of `bot_actions` (010_bot_actions): one change asked of the shop's system, and its result. */
export interface BotActionsTable {
  id: string;
  conversation_id: string;
  /** The id of the shopper message that confirmed it (the Idempotency-Key is derived from it). */
  action_id: string;
  /** The shop's customer id of the verified shopper; null when there was none (refused). */
  customer_id: string | null;
  /** `skip`, `interval`, `next_date`, `pause`, `resume` or `cancel`. */
  action_kind: string;
  subscription_id: string;
  /** The change as asked (SubscriptionChange), JSON. */
  change: NullableJson;
  /** `done`, or `failed` (see `code`). */
  result: 'done' | 'failed';
  /** Why not (the connector's code, or the server's refusal); null on success. */
  code: string | null;
  created_at: Timestamp;
}

export interface Database {
  conversations: ConversationsTable;
  messages: MessagesTable;
  escalations: EscalationsTable;
  outbox: OutboxTable;
  staff_users: StaffUsersTable;
  staff_sessions: StaffSessionsTable;
  corpus_intents: CorpusIntentsTable;
  corpus_revisions: CorpusRevisionsTable;
  settings: SettingsTable;
  model_versions: ModelVersionsTable;
  model_publications: ModelPublicationsTable;
  unanswered_reviews: UnansweredReviewsTable;
  escalation_notes: EscalationNotesTable;
  bot_actions: BotActionsTable;
  line_users: LineUsersTable;
  line_inbox: LineInboxTable;
  line_account_links: LineAccountLinksTable;
  line_user_conversations: LineUserConversationsTable;
}
