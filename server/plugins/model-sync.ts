/**
 * Makes a model published on one instance reach the others within a second on PostgreSQL: a dedicated
 * connection LISTENs on the publication channel (model-store.ts NOTIFYs at commit) and asks the bot
 * runtime to load the newest publication. When the connection drops it reconnects with backoff
 * (storage/pg-listener.ts); the runtime's periodic check (MODEL_POLL_SECONDS) covers notifications missed
 * meanwhile. SQLite is one process's file, so there is nothing to listen to there.
 */
import fp from 'fastify-plugin';
import { MODEL_CHANNEL } from '../storage/model-store.ts';
import { pgListener } from '../storage/pg-listener.ts';

/** Options of the model sync plugin. */
export interface ModelSyncOptions {
  /** DATABASE_URL; the plugin does nothing without it. */
  databaseUrl?: string;
}

export default fp<ModelSyncOptions>(
  async (fastify, options) => {
    const { databaseUrl } = options;
    if (!databaseUrl || fastify.storage.dialect !== 'postgres') return;
    const listener = await pgListener({
      databaseUrl,
      channel: MODEL_CHANNEL,
      name: 'model sync',
      fallback: 'relying on the periodic check',
      log: fastify.log,
      onNotification({ payload, schema }) {
        // The payload is the publishing schema: deployments sharing the database ignore each other.
        if (payload !== schema) return;
        fastify.botRuntime
          .refresh()
          .then(
            (swapped) => swapped && fastify.log.info('model swapped after a publication on another instance'),
          )
          .catch((error: unknown) =>
            fastify.log.warn({ err: error }, 'model refresh after notification failed'),
          );
      },
      async onConnected() {
        // Anything published while we were not listening.
        if (fastify.botRuntime.live()) await fastify.botRuntime.refresh();
      },
    });
    fastify.addHook('onClose', () => listener.close());
  },
  { name: 'model-sync', dependencies: ['storage', 'bot-runtime'] },
);
