/**
 * Makes a model published on one instance reach the others within a second on PostgreSQL: a dedicated
 * connection LISTENs on the publication channel (model-store.ts NOTIFYs at commit) and asks the bot
 * runtime to load the newest publication. When the connection drops it reconnects with backoff; the
 * runtime's periodic check (MODEL_POLL_SECONDS) covers notifications missed meanwhile. SQLite is one
 * process's file, so there is nothing to listen to there.
 */
import fp from 'fastify-plugin';
import pg from 'pg';
import { MODEL_CHANNEL } from '../storage/model-store.ts';

/** Options of the model sync plugin. */
export interface ModelSyncOptions {
  /** DATABASE_URL; the plugin does nothing without it. */
  databaseUrl?: string;
}

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

export default fp<ModelSyncOptions>(
  async (fastify, options) => {
    const { databaseUrl } = options;
    if (!databaseUrl || fastify.storage.dialect !== 'postgres') return;
    let client: pg.Client | undefined;
    let closing = false;
    let delay = RECONNECT_MIN_MS;
    let timer: NodeJS.Timeout | undefined;

    const connect = async (): Promise<void> => {
      const next = new pg.Client({ connectionString: databaseUrl });
      next.on('error', () => {}); // Reported through 'end' below; an unhandled 'error' would crash.
      next.on('end', () => {
        if (closing || client !== next) return;
        client = undefined;
        fastify.log.warn({ retryInMs: delay }, 'model sync connection lost; reconnecting');
        schedule();
      });
      await next.connect();
      const schema = (await next.query<{ schema: string }>('select current_schema() as schema')).rows[0]
        ?.schema;
      next.on('notification', (message) => {
        if (message.channel !== MODEL_CHANNEL || message.payload !== schema) return;
        fastify.botRuntime
          .refresh()
          .then(
            (swapped) => swapped && fastify.log.info('model swapped after a publication on another instance'),
          )
          .catch((error: unknown) =>
            fastify.log.warn({ err: error }, 'model refresh after notification failed'),
          );
      });
      await next.query(`LISTEN ${MODEL_CHANNEL}`);
      client = next;
      delay = RECONNECT_MIN_MS;
      // Anything published while we were not listening.
      if (fastify.botRuntime.live()) await fastify.botRuntime.refresh();
    };

    const schedule = (): void => {
      if (closing) return;
      timer = setTimeout(() => {
        connect().catch((error: unknown) => {
          fastify.log.warn({ err: error }, 'model sync could not connect');
          delay = Math.min(delay * 2, RECONNECT_MAX_MS);
          schedule();
        });
      }, delay);
      timer.unref();
    };

    try {
      await connect();
    } catch (error) {
      fastify.log.warn({ err: error }, 'model sync could not connect; relying on the periodic check');
      schedule();
    }
    fastify.addHook('onClose', async () => {
      closing = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => {});
    });
  },
  { name: 'model-sync', dependencies: ['storage', 'bot-runtime'] },
);
