/**
 * Carries out the subscription changes a shopper confirmed in the chat, through the shop's webhook:
 * HTTP POST of JSON, an HMAC-SHA256 signature over the raw body (`X-Signature: sha256=<hex>`), an
 * `Idempotency-Key` derived from the conversation and the action id (the id of the message that
 * confirmed it, kept on retry, so the shop's system can recognise a repeat), and a whole-request
 * timeout. Any 2xx is success; everything else becomes a failure with a code. Never throws.
 */
import { createHash, createHmac } from 'node:crypto';
import type { ActionResult, FlowAction } from '../../bot/flows/flow.ts';
import type { Locale } from '../../bot/nlu/types.ts';
import { type ConnectorMetrics, secondsSince } from '../metrics/instruments.ts';

/** What the server knows about the action besides the action itself. */
export interface ActionContext {
  conversationId: string;
  locale: Locale;
}

/** Carries out flow actions. */
export interface ActionExecutor {
  execute(action: FlowAction, context: ActionContext): Promise<ActionResult>;
}

/** The webhook options (shop config `subscriptionWebhook`). */
export interface SubscriptionWebhookOptions {
  url: string;
  /** HMAC-SHA256 key. */
  secret: string;
  /** Whole-request timeout, in ms. */
  timeoutMs: number;
}

/** The JSON body the webhook receives. */
export interface SubscriptionWebhookBody {
  type: FlowAction['type'];
  orderNumber: string;
  interval?: { unit: 'day' | 'week' | 'month'; count: number };
  items?: string;
  conversationId: string;
  locale: Locale;
}

/** `Idempotency-Key`: the same conversation and action give the same key (64 hex characters). */
export function idempotencyKey(conversationId: string, actionId: string): string {
  return createHash('sha256').update(`${conversationId}\n${actionId}`).digest('hex');
}

/** `X-Signature` of a raw body: `sha256=<hex HMAC-SHA256>`. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/**
 * The executor for a shop with a webhook. `metrics` counts each call as `webhook.<action type>` by
 * outcome (`ok` or the ACTION_ERR_ code) with its duration.
 */
export function createSubscriptionWebhook(
  options: SubscriptionWebhookOptions,
  metrics?: ConnectorMetrics,
): ActionExecutor {
  return {
    async execute(action, context) {
      const started = performance.now();
      const result = await call(action, context);
      metrics?.connectorCall(`webhook.${action.type}`, result.ok ? 'ok' : result.code, secondsSince(started));
      return result;
    },
  };

  async function call(action: FlowAction, context: ActionContext): Promise<ActionResult> {
    const payload: SubscriptionWebhookBody = {
      type: action.type,
      orderNumber: action.orderNumber,
      ...(action.interval ? { interval: action.interval } : {}),
      ...(action.items ? { items: action.items } : {}),
      conversationId: context.conversationId,
      locale: context.locale,
    };
    const body = JSON.stringify(payload);
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-signature': signBody(options.secret, body),
          'idempotency-key': idempotencyKey(context.conversationId, action.id),
        },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      // Read to the end so the connection is reused; the body itself means nothing to us.
      await response.arrayBuffer();
      return response.ok ? { ok: true } : { ok: false, code: 'ACTION_ERR_STATUS', status: response.status };
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      return { ok: false, code: name === 'TimeoutError' ? 'ACTION_ERR_TIMEOUT' : 'ACTION_ERR_NETWORK' };
    }
  }
}

/** The executor for a shop without a webhook (the bot then never asks for actions). */
export const NO_ACTIONS: ActionExecutor = {
  execute: async () => ({ ok: false, code: 'ACTION_ERR_NOT_CONFIGURED' }),
};
