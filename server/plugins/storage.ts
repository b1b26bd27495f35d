/**
 * Opens storage (SQLite by default, PostgreSQL with DATABASE_URL), runs migrations, and closes it last
 * on shutdown so in-flight writes finish first.
 */
import fp from 'fastify-plugin';
import { openStorage } from '../storage/open-storage.ts';
import type { Storage } from '../storage/repository.ts';

declare module 'fastify' {
  interface FastifyInstance {
    storage: Storage;
  }
}

/** Options: an already open storage (tests), or how to open one. */
export interface StoragePluginOptions {
  storage?: Storage;
  databaseUrl?: string;
  dataDir: string;
  sqliteSynchronous: 'full' | 'normal';
}

export default fp<StoragePluginOptions>(
  async (fastify, options) => {
    const storage =
      options.storage ??
      (await openStorage({
        ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
        dataDir: options.dataDir,
        sqliteSynchronous: options.sqliteSynchronous,
      }));
    fastify.decorate('storage', storage);
    fastify.log.info({ dialect: storage.dialect }, 'storage ready');
    if (!options.storage) fastify.addHook('onClose', async () => storage.close());
  },
  { name: 'storage' },
);
