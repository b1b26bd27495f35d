/**
 * Conversation news between processes and instances on PostgreSQL: a notice is a `NOTIFY` on one
 * channel (sent through the storage's pool), heard by a dedicated connection of every process that
 * `LISTEN`s (storage/pg-listener.ts, as for model publications). The payload names the schema (several
 * deployments may share a database), the sending process (which has told its own listeners already)
 * and the conversation. The listening connection reconnects with backoff when it drops; notices sent
 * meanwhile are lost, and show on the shopper's next visit.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../storage/database-schema.ts';
import { pgListener } from '../storage/pg-listener.ts';
import type { NewsRegistry, NewsTransport } from './news-registry.ts';

/** The NOTIFY channel of conversation news. */
export const NEWS_CHANNEL = 'shopbot_conversation_news';

/** What the transport reports. */
export interface NewsLog {
  warn(obj: object, msg: string): void;
}

/** Listens on NEWS_CHANNEL and notifies through `db`; resolves once listening (or retrying). */
export async function postgresNewsTransport(options: {
  databaseUrl: string;
  db: () => Kysely<Database>;
  registry: NewsRegistry;
  log: NewsLog;
}): Promise<NewsTransport> {
  const { databaseUrl, db, registry, log } = options;
  const origin = randomUUID();
  const listener = await pgListener({
    databaseUrl,
    channel: NEWS_CHANNEL,
    name: 'conversation news',
    fallback: 'retrying',
    log,
    onNotification({ payload, schema }) {
      if (!payload) return;
      const [noticeSchema, noticeOrigin, conversationId] = payload.split('|');
      if (noticeSchema !== schema || noticeOrigin === origin || !conversationId) return;
      registry.deliver(conversationId);
    },
  });

  return {
    kind: 'postgres',
    send(conversationId) {
      // current_schema() in the statement itself: the pool's connections share the listener's search_path.
      const payload = `|${origin}|${conversationId}`;
      sql`select pg_notify(${NEWS_CHANNEL}, current_schema() || ${payload})`
        .execute(db())
        .catch((error: unknown) => log.warn({ err: error }, 'conversation news could not be sent'));
    },
    close: () => listener.close(),
  };
}
