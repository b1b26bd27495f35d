/**
 * Conversation news between the workers of a Node cluster (SERVER_PROCESSES > 1 on SQLite): a worker
 * sends its notice to the primary over the cluster's IPC channel and the primary relays it to every
 * other worker, the same channel the shared limits use (server/limits/cluster-limit-store.ts). No
 * answer is awaited: a notice lost with a dying worker shows on the shopper's next visit.
 */
import type { Worker } from 'node:cluster';
import type { IpcChannel } from '../limits/cluster-limit-store.ts';
import type { NewsRegistry, NewsTransport } from './news-registry.ts';

/** The notice a worker sends and the primary relays. */
interface NewsMessage {
  type: typeof NEWS_MESSAGE;
  conversationId: string;
}

const NEWS_MESSAGE = 'shop-bot:conversation-news';

function isNews(message: unknown): message is NewsMessage {
  const news = message as Partial<NewsMessage> | null;
  return news?.type === NEWS_MESSAGE && typeof news.conversationId === 'string';
}

/** A worker's transport: notices out to the primary, the others' notices into `registry`. */
export function clusterNewsTransport(channel: IpcChannel, registry: NewsRegistry): NewsTransport {
  const onMessage = (message: unknown): void => {
    if (isNews(message)) registry.deliver(message.conversationId);
  };
  channel.on('message', onMessage);
  return {
    kind: 'cluster',
    send(conversationId) {
      try {
        const message: NewsMessage = { type: NEWS_MESSAGE, conversationId };
        channel.send(message);
      } catch {
        // The primary is gone (shutting down): the message is stored; the next visit shows it.
      }
    },
    async close() {
      channel.off('message', onMessage);
    },
  };
}

/** In the primary: relays each worker's notice to every other connected worker. */
export function serveClusterNews(cluster: {
  on(event: 'message', listener: (worker: Worker, message: unknown) => void): unknown;
  readonly workers?: NodeJS.Dict<Worker>;
}): void {
  cluster.on('message', (from, message) => {
    if (!isNews(message)) return;
    const relayed: NewsMessage = { type: NEWS_MESSAGE, conversationId: message.conversationId };
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker && worker !== from && worker.isConnected()) worker.send(relayed);
    }
  });
}
