/**
 * The rows behind the console's analytics: shopper messages (with the decision of the bot's reply), bot
 * messages and escalations created in a time range, optionally of one locale. Only plain range selects:
 * bucketing by shop-time day and hour happens in TypeScript (server/console/analytics-report.ts), the same
 * on SQLite and PostgreSQL, whose date functions differ.
 */
import type { Kysely } from 'kysely';
import { fromJson, toDate } from './column-values.ts';
import type { Database } from './database-schema.ts';
import type { ConversationChannel, Decision, Locale } from './repository.ts';
import type { StorageDialect } from './storage-dialect.ts';

/** A shopper message and what the bot decided on it. */
export interface ShopperMessageFact {
  id: string;
  conversationId: string;
  text: string;
  createdAt: Date;
  /** The decision of the bot's reply (null when none was stored). */
  replyDecision: Decision | null;
}

/** A bot message: its intent, the shopper's rating and a flow outcome. */
export interface BotMessageFact {
  conversationId: string;
  decision: Decision | null;
  intent: string | null;
  /** 1 helpful, −1 not helpful, null not rated. */
  feedback: number | null;
  /** The flow outcome stored for analytics (payload.outcome), if any. */
  outcome: Record<string, unknown> | null;
  createdAt: Date;
}

/** An escalation (a handoff). */
export interface HandoffFact {
  conversationId: string;
  reason: string;
  createdAt: Date;
}

/** Everything one report is computed from. */
export interface AnalyticsFacts {
  shopperMessages: ShopperMessageFact[];
  botMessages: BotMessageFact[];
  handoffs: HandoffFact[];
}

/** Analytics reads over the shared database. */
export class AnalyticsQueries {
  constructor(
    private readonly db: () => Kysely<Database>,
    private readonly dialect: StorageDialect,
  ) {}

  /**
   * Facts created in [start, end). `locale` keeps conversations whose current locale is that one (a
   * conversation that switched language counts in the language it ended in); `channel` those of one
   * channel (the widget's `web`, or `line`).
   */
  async facts(range: {
    start: Date;
    end: Date;
    locale?: Locale;
    channel?: ConversationChannel;
  }): Promise<AnalyticsFacts> {
    const start = range.start.toISOString();
    const end = range.end.toISOString();
    const { locale, channel } = range;

    let shopper = this.db()
      .selectFrom('messages as m')
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .leftJoin('messages as b', (join) => join.onRef('b.reply_to', '=', 'm.id').on('b.role', '=', 'bot'))
      .select(['m.id', 'm.conversation_id', 'm.text', 'm.created_at', 'b.decision', 'b.seq'])
      .where('m.role', '=', 'shopper')
      .where('m.created_at', '>=', start)
      .where('m.created_at', '<', end);
    if (locale !== undefined) shopper = shopper.where('c.locale', '=', locale);
    if (channel !== undefined) shopper = shopper.where('c.channel', '=', channel);

    let bot = this.db()
      .selectFrom('messages as m')
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .select(['m.conversation_id', 'm.decision', 'm.intent', 'm.feedback', 'm.payload', 'm.created_at'])
      .where('m.role', '=', 'bot')
      .where('m.created_at', '>=', start)
      .where('m.created_at', '<', end);
    if (locale !== undefined) bot = bot.where('c.locale', '=', locale);
    if (channel !== undefined) bot = bot.where('c.channel', '=', channel);

    let escalations = this.db()
      .selectFrom('escalations as e')
      .innerJoin('conversations as c', 'c.id', 'e.conversation_id')
      .select(['e.conversation_id', 'e.reason', 'e.created_at'])
      .where('e.created_at', '>=', start)
      .where('e.created_at', '<', end);
    if (locale !== undefined) escalations = escalations.where('c.locale', '=', locale);
    if (channel !== undefined) escalations = escalations.where('c.channel', '=', channel);

    const [shopperRows, botRows, escalationRows] = [
      await shopper.orderBy('m.created_at').orderBy('b.seq').execute(),
      await bot.orderBy('m.created_at').execute(),
      await escalations.orderBy('e.created_at').execute(),
    ];

    // A shopper message answered twice (a retried reply) counts once, with its first reply.
    const shopperMessages = new Map<string, ShopperMessageFact>();
    for (const row of shopperRows) {
      if (shopperMessages.has(row.id)) continue;
      shopperMessages.set(row.id, {
        id: row.id,
        conversationId: row.conversation_id,
        text: row.text,
        createdAt: toDate(row.created_at),
        replyDecision: row.decision,
      });
    }
    return {
      shopperMessages: [...shopperMessages.values()],
      botMessages: botRows.map((row) => {
        const payload = fromJson<{ outcome?: unknown } | null>(this.dialect, row.payload);
        const outcome = payload?.outcome;
        return {
          conversationId: row.conversation_id,
          decision: row.decision,
          intent: row.intent,
          feedback: row.feedback,
          outcome:
            typeof outcome === 'object' && outcome !== null ? (outcome as Record<string, unknown>) : null,
          createdAt: toDate(row.created_at),
        };
      }),
      handoffs: escalationRows.map((row) => ({
        conversationId: row.conversation_id,
        reason: row.reason,
        createdAt: toDate(row.created_at),
      })),
    };
  }
}
