/**
 * Flow actions: the shop's subscription webhook when `subscriptionWebhook` is configured, else an
 * executor that refuses (the bot then hands subscription changes to staff instead of asking for them).
 */
import fp from 'fastify-plugin';
import {
  type ActionExecutor,
  createSubscriptionWebhook,
  NO_ACTIONS,
} from '../actions/subscription-webhook.ts';
import type { ShopConfig } from '../config/shop-config-schema.ts';

declare module 'fastify' {
  interface FastifyInstance {
    actions: ActionExecutor;
  }
}

/** Options of the actions plugin. */
export interface ActionsPluginOptions {
  shop: ShopConfig;
}

export default fp<ActionsPluginOptions>(
  async (fastify, options) => {
    const webhook = options.shop.subscriptionWebhook;
    fastify.decorate('actions', webhook ? createSubscriptionWebhook(webhook, fastify.metrics) : NO_ACTIONS);
  },
  { name: 'actions', dependencies: ['metrics'] },
);
