/**
 * Conversation news between processes and instances on PostgreSQL: a notice is a `NOTIFY` on one
 * channel (sent through the storage's pool), heard by a dedicated connection of every process that
 * `LISTEN`s, as model publications are (server/plugins/model-sync.ts). The payload names the schema
 * (several deployments may share a database), the sending process (which has told its own listeners
 * already) and the conversation. The listening connection reconnects with backoff when it drops;
 * notices sent meanwhile are lost, and show on the shopper's next visit.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../storage/database-schema.ts';
import type { NewsRegistry, NewsTransport } from './news-registry.ts';

/** The NOTIFY channel of conversation news. */
export const NEWS_CHANNEL = 'shopbot_conversation_news';

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

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
  let schema: string | undefined;
  let client: pg.Client | undefined;
  let closing = false;
  let delay = RECONNECT_MIN_MS;
  let timer: NodeJS.Timeout | undefined;

  const onNotice = (message: pg.Notification): void => {
    if (message.channel !== NEWS_CHANNEL || !message.payload) return;
    const [noticeSchema, noticeOrigin, conversationId] = message.payload.split('|');
    if (noticeSchema !== schema || noticeOrigin === origin || !conversationId) return;
    registry.deliver(conversationId);
  };

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on('error', () => {}); // Reported through 'end' below; an unhandled 'error' would crash.
    next.on('end', () => {
      if (closing || client !== next) return;
      client = undefined;
      log.warn({ retryInMs: delay }, 'conversation news connection lost; reconnecting');
      schedule();
    });
    await next.connect();
    schema = (await next.query<{ schema: string }>('select current_schema() as schema')).rows[0]?.schema;
    next.on('notification', onNotice);
    await next.query(`LISTEN ${NEWS_CHANNEL}`);
    client = next;
    delay = RECONNECT_MIN_MS;
  };

  const schedule = (): void => {
    if (closing) return;
    timer = setTimeout(() => {
      connect().catch((error: unknown) => {
        log.warn({ err: error }, 'conversation news could not connect');
        delay = Math.min(delay * 2, RECONNECT_MAX_MS);
        schedule();
      });
    }, delay);
    timer.unref();
  };

  try {
    await connect();
  } catch (error) {
    log.warn({ err: error }, 'conversation news could not connect; retrying');
    schedule();
  }

  return {
    kind: 'postgres',
    send(conversationId) {
      // current_schema() in the statement itself: the pool's connections share the listener's search_path.
      const payload = `|${origin}|${conversationId}`;
      sql`select pg_notify(${NEWS_CHANNEL}, current_schema() || ${payload})`
        .execute(db())
        .catch((error: unknown) => log.warn({ err: error }, 'conversation news could not be sent'));
    },
    async close() {
      closing = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
