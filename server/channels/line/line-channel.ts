/**
 * The LINE channel as a fastify plugin (docs/line.md): registered by server/app.ts only when
 * LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN are set. It adds POST /line/webhook (webhook-route.ts)
 * and runs the worker that answers the stored events with the widget's bot (line-turn.ts), sending
 * through the official SDK pointed at LINE_API_BASE_URL. With account linking configured it adds the
 * link pages (link-routes.ts) and answers the link words and LINE's accountLink event. `fastify.lineChannel`
 * exposes the inbox and the users (tests, the benchmark) and the push of staff replies (the console's
 * reply route).
 */
import { messagingApi } from '@line/bot-sdk';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { BusinessCalendar } from '../../../bot/calendar/business-calendar.ts';
import { chatModel } from '../../chat/chat-model.ts';
import type { LineLinking } from './line-account-link.ts';
import { LineInboxStore } from './line-inbox-store.ts';
import { LineLinkStore } from './line-link-store.ts';
import type { LineOptions } from './line-options.ts';
import { LineSender } from './line-sender.ts';
import { type LineStaffPush, lineStaffPush } from './line-staff-push.ts';
import { answerLineEvent } from './line-turn.ts';
import { LineUserStore } from './line-user-store.ts';
import { LineWorker } from './line-worker.ts';
import linkRoutes from './link-routes.ts';
import webhookRoute from './webhook-route.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The LINE channel, when it is on. */
    lineChannel?: {
      inbox: LineInboxStore;
      worker: LineWorker;
      users: LineUserStore;
      staffPush: LineStaffPush;
    };
  }
}

/** Options of the LINE channel plugin. */
export interface LineChannelOptions {
  line: LineOptions;
  maxTextLength: number;
  /** The conversation clock (tests freeze it); leases and retries keep the real one. */
  now: () => Date;
  calendar: BusinessCalendar;
}

/** How long LINE shows its loading indicator, in seconds (5–60, a multiple of 5): until the answer. */
const LOADING_SECONDS = 20;

const lineChannel: FastifyPluginAsync<LineChannelOptions> = async (fastify, options) => {
  const { line } = options;
  const db = () => fastify.storage.database();
  const inbox = new LineInboxStore(db, fastify.storage.dialect);
  const users = new LineUserStore(db);
  const api = new messagingApi.MessagingApiClient({
    channelAccessToken: line.channelAccessToken,
    baseURL: line.apiBaseUrl,
  });
  const sender = new LineSender(api, fastify.metrics, () => new Date());
  const log = fastify.log.child({ component: 'line' });
  const linkOptions = line.link && fastify.shopperTokens ? line.link : undefined;
  if (line.link && !fastify.shopperTokens) {
    log.warn(
      'LINE account linking off: no SHOPPER_TOKEN_SECRET, _PUBLIC_KEY or _JWKS_URL to verify the shop sign-in with',
    );
  }
  const links = new LineLinkStore(db);
  const linking: LineLinking | undefined = linkOptions
    ? {
        async linkUrl(lineUserId) {
          const { linkToken } = await api.issueLinkToken(lineUserId);
          await links.issued(linkToken, lineUserId, new Date());
          return `${linkOptions.publicUrl}/line/link?${new URLSearchParams({ linkToken })}`;
        },
        consume: (nonce, lineUserId) => links.consume(nonce, lineUserId, new Date()),
      }
    : undefined;
  const chatMetrics = fastify.metrics.chat('line');
  const worker = new LineWorker({
    inbox,
    answer: (event) =>
      answerLineEvent(
        {
          chat: {
            storage: fastify.storage,
            model: () => chatModel(fastify.botRuntime, log),
            now: options.now,
            calendar: options.calendar,
            // The handoff limit counts per LINE user, as the widget's counts per client address.
            escalations: fastify.limitedEscalations(`line:${event.lineUserId}`),
            ...(fastify.shopConnector ? { connector: fastify.shopConnector } : {}),
            maxTextLength: options.maxTextLength,
            maskText: fastify.privacy.mask,
            // A LINE user's message after a staff reply re-opens the resolved escalation.
            staffMessages: fastify.staffMessages,
            metrics: chatMetrics,
            log,
          },
          users,
          ...(linking ? { linking } : {}),
          admitMessage: async () => {
            const admitted = await fastify.clientLimits.admit('message', `line:${event.lineUserId}`);
            if (!admitted.allowed)
              fastify.refusalLog('LINE message refused: user over CLIENT_MESSAGES_*', 'line');
            return admitted.allowed;
          },
        },
        event,
      ),
    send: (event, messages, retried) => sender.send(event, messages, retried),
    showLoading: async (lineUserId) => {
      await api.showLoadingAnimation({ chatId: lineUserId, loadingSeconds: LOADING_SECONDS });
    },
    concurrency: line.concurrency,
    clock: () => new Date(),
    log,
  });
  fastify.decorate('lineChannel', {
    inbox,
    worker,
    users,
    staffPush: lineStaffPush({ users, sender }),
  });
  if (linkOptions) {
    // Link tokens and nonces expire by the real clock, as LINE's own link tokens do.
    await fastify.register(linkRoutes, {
      link: linkOptions,
      links,
      shopperTokens: fastify.shopperTokens,
      now: () => new Date(),
    });
  }
  await fastify.register(webhookRoute, {
    channelSecret: line.channelSecret,
    inbox,
    now: () => new Date(),
    onStored: () => worker.wake(),
  });
  // Answers only once the bot is loaded (events stored meanwhile wait in the inbox).
  fastify.addHook('onReady', async () => {
    fastify.botRuntime.ready.then(
      () => worker.start(),
      (error: unknown) => log.error({ err: error }, 'LINE worker not started: the bot did not load'),
    );
  });
  fastify.addHook('onClose', async () => worker.stop());
};

export default fp(lineChannel, {
  name: 'line-channel',
  dependencies: [
    'storage',
    'metrics',
    'bot-runtime',
    'client-limits',
    'privacy',
    'shopper-identity',
    'staff-replies',
  ],
});
