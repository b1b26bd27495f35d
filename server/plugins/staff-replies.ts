/**
 * Staff replies in the conversation (docs/handoff.md): the staff messages' store, and the news that a
 * conversation has a new one, carried to every process that may hold the shopper's socket: PostgreSQL
 * `LISTEN/NOTIFY` when the database is shared (several instances, or a cluster on PostgreSQL), the
 * cluster primary's IPC relay for SERVER_PROCESSES > 1 on SQLite, nothing to carry in one process.
 */
import cluster from 'node:cluster';
import fp from 'fastify-plugin';
import { clusterNewsTransport } from '../conversation-news/cluster-news.ts';
import {
  type ConversationNews,
  conversationNews,
  LOCAL_TRANSPORT,
  NewsRegistry,
  type NewsTransport,
} from '../conversation-news/news-registry.ts';
import { postgresNewsTransport } from '../conversation-news/postgres-news.ts';
import type { IpcChannel } from '../limits/cluster-limit-store.ts';
import { StaffMessageStore } from '../storage/staff-message-store.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Staff messages of conversations' transcripts. */
    staffMessages: StaffMessageStore;
    /** "Conversation X has news", over every process and instance. */
    conversationNews: ConversationNews;
  }
}

/** Options of the staff replies plugin. */
export interface StaffRepliesOptions {
  /** DATABASE_URL: with PostgreSQL, the news travel by LISTEN/NOTIFY. */
  databaseUrl?: string;
}

export default fp<StaffRepliesOptions>(
  async (fastify, options) => {
    const registry = new NewsRegistry();
    let transport: NewsTransport = LOCAL_TRANSPORT;
    if (fastify.storage.dialect === 'postgres' && options.databaseUrl) {
      transport = await postgresNewsTransport({
        databaseUrl: options.databaseUrl,
        db: () => fastify.storage.database(),
        registry,
        log: fastify.log.child({ component: 'conversation-news' }),
      });
    } else if (cluster.isWorker) {
      transport = clusterNewsTransport(process as unknown as IpcChannel, registry);
    }
    fastify.decorate(
      'staffMessages',
      new StaffMessageStore(() => fastify.storage.database(), fastify.storage.dialect),
    );
    fastify.decorate('conversationNews', conversationNews(registry, transport));
    fastify.addHook('onClose', () => transport.close());
  },
  { name: 'staff-replies', dependencies: ['storage'] },
);
