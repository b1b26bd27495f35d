/**
 * Carries out the subscription changes a verified shopper confirmed in the chat, through the shop
 * connector. The server decides who may act, not the bot: a change runs only for the connection's
 * verified shopper, on a subscription id that came from THAT shopper's data read for this turn, so an
 * id copied from another customer's buttons (or left in a stored state) is refused before the shop is
 * asked. The Idempotency-Key is derived from the conversation and the action id (the id of the message
 * that confirmed it, kept on retry), so a repeated message never changes a subscription twice. Nothing
 * is ever carried out for an anonymous shopper: an order number proves nothing about who asks.
 * Never throws.
 */
import { createHash } from 'node:crypto';
import type { ActionResult, FlowAction } from '../../bot/flows/flow.ts';
import type { ShopperContext } from '../../bot/shop/shop-data.ts';
import type { ConnectorErrorCode, ShopConnector } from '../connector/shop-connector.ts';

/** Why the server refused an action before asking the shop (audit codes). */
export type ActionRefusalCode =
  /** No shop connector is configured. */
  | 'ACTION_ERR_NO_CONNECTOR'
  /** The connection has no verified shopper. */
  | 'ACTION_ERR_NOT_VERIFIED'
  /** The subscription is not among the verified shopper's (or their data could not be read). */
  | 'ACTION_ERR_NOT_OWN';

/** What happened to an action: the bot's result, and the precise code for the audit and the log. */
export interface ActionOutcome {
  result: ActionResult;
  /** Absent on success. */
  code?: ActionRefusalCode | ConnectorErrorCode;
}

/** What the server knows about the action besides the action itself. */
export interface ActionContext {
  conversationId: string;
  /** The connection's verified shopper and their data as read for this turn; absent when anonymous. */
  shopper: ShopperContext | undefined;
}

/** `Idempotency-Key`: the same conversation and action give the same key (64 hex characters). */
export function idempotencyKey(conversationId: string, actionId: string): string {
  return createHash('sha256').update(`${conversationId}\n${actionId}`).digest('hex');
}

/** The connector's codes as the bot sees them: the shop's no is final, anything else may be retried. */
const RESULT_OF: Record<ConnectorErrorCode, ActionResult> = {
  CONNECTOR_ERR_REFUSED: { ok: false, code: 'ACTION_ERR_REFUSED' },
  CONNECTOR_ERR_NOT_FOUND: { ok: false, code: 'ACTION_ERR_NOT_ALLOWED' },
  CONNECTOR_ERR_NOT_CONFIGURED: { ok: false, code: 'ACTION_ERR_NOT_ALLOWED' },
  CONNECTOR_ERR_TIMEOUT: { ok: false, code: 'ACTION_ERR_UNAVAILABLE' },
  CONNECTOR_ERR_NETWORK: { ok: false, code: 'ACTION_ERR_UNAVAILABLE' },
  CONNECTOR_ERR_STATUS: { ok: false, code: 'ACTION_ERR_UNAVAILABLE' },
  CONNECTOR_ERR_INVALID_RESPONSE: { ok: false, code: 'ACTION_ERR_UNAVAILABLE' },
};

function refused(code: ActionRefusalCode): ActionOutcome {
  return { result: { ok: false, code: 'ACTION_ERR_NOT_ALLOWED' }, code };
}

/** Carries out `action` for the connection's verified shopper, or refuses it. */
export async function carryOutAction(
  connector: ShopConnector | undefined,
  action: FlowAction,
  context: ActionContext,
): Promise<ActionOutcome> {
  if (!connector) return refused('ACTION_ERR_NO_CONNECTOR');
  const { shopper } = context;
  if (!shopper) return refused('ACTION_ERR_NOT_VERIFIED');
  const own =
    shopper.subscriptions !== 'unavailable' &&
    shopper.subscriptions.some((s) => s.id === action.subscriptionId);
  if (!own) return refused('ACTION_ERR_NOT_OWN');
  try {
    const answer = await connector.changeSubscription(
      shopper.shopper.customerId,
      action.subscriptionId,
      action.change,
      idempotencyKey(context.conversationId, action.id),
    );
    if (answer.ok) return { result: { ok: true, subscription: answer.value } };
    return { result: RESULT_OF[answer.code], code: answer.code };
  } catch {
    // The port promises not to throw; an implementation that does is treated as unreachable.
    return { result: { ok: false, code: 'ACTION_ERR_UNAVAILABLE' }, code: 'CONNECTOR_ERR_NETWORK' };
  }
}
