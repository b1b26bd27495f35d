/**
 * The queue of questions the bot failed: every shopper message whose bot reply refused (`none`), asked
 * which topic was meant (`clarify`), was rated not helpful (feedback −1), or was disputed by the
 * shopper's next line ("that wasn't it": a later bot message's `payload.dispute` names it, see
 * bot/review/answer-signals.ts), until an editor reviews it (assigns it to an intent as a new utterance,
 * or dismisses it) — a row in `unanswered_reviews`.
 */

import { type Kysely, sql } from 'kysely';
import { DISPUTE_SIGNALS, type DisputeSignal } from '../../bot/review/answer-signals.ts';
import { clampLimit, fromJson, toDate } from './column-values.ts';
import type { Database } from './database-schema.ts';
import type { Locale } from './repository.ts';
import type { StorageDialect } from './storage-dialect.ts';

/** One queued shopper message. */
export interface QueuedQuestion {
  id: string;
  conversationId: string;
  text: string;
  /** The language the bot answered it in (the conversation's, for old rows without one). */
  locale: Locale;
  reason: 'none' | 'clarify' | 'downvote' | 'disputed';
  /** The bot's best guess and its score. */
  intent: string | null;
  score: number | null;
  createdAt: Date;
  /** `none`: why the engine refused it (bot/nlu/decide.ts NoneReason), when the reply recorded it. */
  nluReason: string | null;
  /** `disputed`: what in the next line said the answer was wrong, and that line. */
  signal: DisputeSignal | null;
  followUp: string | null;
}

/** A shopper message picked for review, with its locale. */
export interface ReviewableMessage {
  id: string;
  text: string;
  locale: Locale;
}

/**
 * Most queued messages read per request, newest first. A shop with more has a backlog no one reads
 * in one sitting; the oldest wait until the newer are reviewed.
 */
export const MAX_QUEUE_SCAN = 5000;

/** The unanswered queue over the shared database. */
export class UnansweredStore {
  constructor(
    private readonly db: () => Kysely<Database>,
    private readonly dialect: StorageDialect,
  ) {}

  /** Queued messages, newest first, optionally of one locale: `total` in the queue and the first `limit`. */
  async list(options: {
    locale?: Locale;
    limit: number;
  }): Promise<{ total: number; questions: QueuedQuestion[] }> {
    const rows = await this.db()
      .selectFrom('messages as m')
      .innerJoin('messages as b', 'b.reply_to', 'm.id')
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .leftJoin('unanswered_reviews as r', 'r.message_id', 'm.id')
      .select([
        'm.id',
        'm.conversation_id',
        'm.text',
        'm.created_at',
        'b.decision',
        'b.intent',
        'b.score',
        'b.payload',
        'c.locale',
      ])
      .where('m.role', '=', 'shopper')
      .where('b.role', '=', 'bot')
      .where((eb) => eb.or([eb('b.decision', 'in', ['none', 'clarify']), eb('b.feedback', '=', -1)]))
      .where('r.message_id', 'is', null)
      .orderBy('m.created_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(MAX_QUEUE_SCAN)
      .execute();
    const seen = new Set<string>();
    const questions: QueuedQuestion[] = [];
    for (const row of rows) {
      // A message answered twice (a retried reply) is still one question.
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      const locale = this.localeOf(row.payload, row.locale);
      if (options.locale !== undefined && locale !== options.locale) continue;
      questions.push({
        id: row.id,
        conversationId: row.conversation_id,
        text: row.text,
        locale,
        reason: row.decision === 'none' || row.decision === 'clarify' ? row.decision : 'downvote',
        intent: row.intent,
        score: row.score,
        createdAt: toDate(row.created_at),
        nluReason: this.nluReasonOf(row.payload),
        signal: null,
        followUp: null,
      });
    }
    for (const disputed of await this.disputed()) {
      if (seen.has(disputed.id)) continue;
      seen.add(disputed.id);
      if (options.locale !== undefined && disputed.locale !== options.locale) continue;
      questions.push(disputed);
    }
    questions.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || compare(b.id, a.id));
    return { total: questions.length, questions: questions.slice(0, clampLimit(options.limit, 500)) };
  }

  /**
   * Answers the shopper's next line disputed and no one has reviewed: that line's bot reply names the
   * answered message in `payload.dispute.messageId` (ids and a signal only, no text in the payload).
   */
  private async disputed(): Promise<QueuedQuestion[]> {
    const disputedId =
      this.dialect === 'postgres'
        ? sql<string>`e.payload->'dispute'->>'messageId'`
        : sql<string>`json_extract(e.payload, '$.dispute.messageId')`;
    const signalOf =
      this.dialect === 'postgres'
        ? sql<string>`e.payload->'dispute'->>'signal'`
        : sql<string>`json_extract(e.payload, '$.dispute.signal')`;
    const rows = await this.db()
      .selectFrom('messages as e')
      .innerJoin('messages as f', 'f.id', 'e.reply_to')
      .innerJoin('messages as m', (join) => join.on('m.id', '=', disputedId))
      .innerJoin('messages as b', 'b.reply_to', 'm.id')
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .leftJoin('unanswered_reviews as r', 'r.message_id', 'm.id')
      .select([
        'm.id',
        'm.conversation_id',
        'm.text',
        'm.created_at',
        'b.intent',
        'b.score',
        'b.payload',
        'c.locale',
        'f.text as follow_up',
        signalOf.as('signal'),
      ])
      .where('e.role', '=', 'bot')
      .where(disputedId, 'is not', null)
      .where('m.role', '=', 'shopper')
      .where('b.role', '=', 'bot')
      .whereRef('m.conversation_id', '=', 'e.conversation_id')
      .where('r.message_id', 'is', null)
      .orderBy('m.created_at', 'desc')
      .limit(MAX_QUEUE_SCAN)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      conversationId: row.conversation_id,
      text: row.text,
      locale: this.localeOf(row.payload, row.locale),
      reason: 'disputed' as const,
      intent: row.intent,
      score: row.score,
      createdAt: toDate(row.created_at),
      nluReason: null,
      signal: (DISPUTE_SIGNALS as readonly string[]).includes(row.signal)
        ? (row.signal as DisputeSignal)
        : null,
      followUp: row.follow_up,
    }));
  }

  /** The shopper messages among `ids` (others are ignored), with the locale the bot answered them in. */
  async findShopperMessages(ids: readonly string[]): Promise<ReviewableMessage[]> {
    if (ids.length === 0) return [];
    const rows = await this.db()
      .selectFrom('messages as m')
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .leftJoin('messages as b', (join) => join.onRef('b.reply_to', '=', 'm.id').on('b.role', '=', 'bot'))
      .select(['m.id', 'm.text', 'c.locale', 'b.payload'])
      .where('m.role', '=', 'shopper')
      .where('m.id', 'in', [...ids])
      .orderBy('m.created_at')
      .orderBy('m.id')
      .execute();
    const found = new Map<string, ReviewableMessage>();
    for (const row of rows) {
      if (!found.has(row.id))
        found.set(row.id, { id: row.id, text: row.text, locale: this.localeOf(row.payload, row.locale) });
    }
    return [...found.values()];
  }

  /**
   * Records the review of shopper messages; a message reviewed before keeps its first review. Returns
   * how many were newly marked.
   */
  async markReviewed(input: {
    messageIds: readonly string[];
    status: 'assigned' | 'dismissed';
    intent: string | null;
    userId: string | null;
    now: Date;
  }): Promise<number> {
    if (input.messageIds.length === 0) return 0;
    const result = await this.db()
      .insertInto('unanswered_reviews')
      .values(
        input.messageIds.map((id) => ({
          message_id: id,
          status: input.status,
          intent: input.intent,
          reviewed_by: input.userId,
          reviewed_at: input.now.toISOString(),
        })),
      )
      .onConflict((oc) => oc.column('message_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n);
  }

  /** The engine's refusal reason a bot reply recorded (a short code), or null. */
  private nluReasonOf(payload: unknown): string | null {
    const reason = fromJson<{ nluReason?: unknown } | null>(this.dialect, payload)?.nluReason;
    return typeof reason === 'string' && /^[a-z-]{1,32}$/u.test(reason) ? reason : null;
  }

  private localeOf(payload: unknown, fallback: Locale): Locale {
    const parsed = fromJson<{ locale?: unknown } | null>(this.dialect, payload);
    const locale = parsed?.locale;
    return locale === 'ja' || locale === 'en' ? locale : fallback;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
