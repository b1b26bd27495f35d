/**
 * The effects step: carries out what a turn asks for, in the order the guarantees need. The action
 * runs first, through the shop connector and only for the turn's verified shopper on one of their own
 * subscriptions (server/actions/subscription-actions.ts; a retry of the message runs it again under
 * the same id, so the shop's system sees the same Idempotency-Key), then the bot answers its result;
 * a handoff is recorded (escalation and mail, committed) before its reply exists, so a shopper told
 * "we will reply" always has an escalation. The action's audit row is not written here: it rides with
 * the completed turn (`audit`) and the transcript commits it in the reply's own transaction, so a reply
 * saying "done" never exists without its row, nor the row without the reply.
 */
import { randomUUID } from 'node:crypto';
import { message } from '../../bot/i18n/messages.ts';
import type { Bot } from '../../bot/respond.ts';
import { snapshotOf } from '../../bot/shop/shop-data.ts';
import { carryOutAction } from '../actions/subscription-actions.ts';
import type { ShopConnector } from '../connector/shop-connector.ts';
import type { EscalationService } from '../mail/escalation-service.ts';
import type { BotActionRecord } from '../storage/bot-action-store.ts';
import type { Conversation } from '../storage/repository.ts';
import type { ActionFacts } from './bot-message-payload.ts';
import { settleTurn } from './dialogue.ts';
import { askInfo, type CompletedTurn, type Turn } from './turn.ts';

/** What the effects step needs. */
export interface EffectsDependencies {
  bot: Bot;
  /** The shop's system; absent: every action is refused. */
  connector?: ShopConnector;
  /** Records completed handoffs (escalation + mail); a retry with the same handoff id records nothing new. */
  escalations: EscalationService;
  log: { warn(obj: object, msg: string): void };
}

/** Carries out the turn's action, if any, and returns the bot's turn for its result. */
async function runAction(
  deps: EffectsDependencies,
  turn: Turn,
  conversation: Conversation,
  email: string | null,
): Promise<{ turn: Turn; facts?: ActionFacts; audit?: BotActionRecord }> {
  const { action } = turn.effects;
  if (!action) return { turn };
  const { result, code } = await carryOutAction(deps.connector, action, {
    conversationId: conversation.id,
    shopper: turn.shopper,
  });
  const facts: ActionFacts = {
    id: action.id,
    type: action.type,
    subscriptionId: action.subscriptionId,
    change: action.change,
    ...(turn.shopper ? { customerId: turn.shopper.shopper.customerId } : {}),
    ok: result.ok,
    ...(code ? { code } : {}),
  };
  // The log gets the code, never the customer id.
  if (!result.ok)
    deps.log.warn({ conversationId: conversation.id, action: action.id, code }, 'flow action failed');
  const audit: BotActionRecord = {
    id: randomUUID(),
    conversationId: conversation.id,
    actionId: action.id,
    customerId: turn.shopper?.shopper.customerId ?? null,
    kind: action.change.kind,
    subscriptionId: action.subscriptionId,
    change: action.change,
    result: result.ok ? 'done' : 'failed',
    code: code ?? null,
    createdAt: turn.now,
  };
  return { turn: settleTurn(deps.bot, turn, result, email), facts, audit };
}

/**
 * Runs a turn's effects (action, then handoff) and returns what is stored and sent. `email`: the address
 * a handoff the bot starts in its answer to an action's result offers (default the conversation's).
 */
export async function runEffects(
  deps: EffectsDependencies,
  first: Turn,
  conversation: Conversation,
  email: string | null = conversation.email,
): Promise<CompletedTurn> {
  const { turn, facts, audit } = await runAction(deps, first, conversation, email);
  const { reply } = turn;
  const action = facts && audit ? { action: facts, audit } : {};
  const { handoff } = turn.effects;
  if (!handoff) {
    const asking = askInfo(reply);
    return {
      messageId: turn.messageId,
      now: turn.now,
      reply,
      markdown: reply.markdown,
      ...(asking ? { handoff: asking } : {}),
      ...action,
    };
  }
  const recorded = await deps.escalations.record({
    conversation,
    handoff,
    intent: reply.intent,
    score: reply.score,
    locale: reply.locale,
    now: turn.now,
    // What the shopper's subscriptions were as the bot answered: staff see what they saw.
    ...(turn.shopper && turn.shopper.subscriptions !== 'unavailable'
      ? { subscriptions: snapshotOf(turn.shopper.subscriptions) }
      : {}),
  });
  return {
    messageId: turn.messageId,
    now: turn.now,
    reply,
    markdown: `${reply.markdown}\n\n${message(reply.locale, 'handoffTicket', { ticket: recorded.ticket })}`,
    handoff: {
      step: 'done',
      email: handoff.email,
      ticket: recorded.ticket,
      open: handoff.promise.open,
      nextOpening: handoff.promise.nextOpening?.toISOString() ?? null,
    },
    ...action,
  };
}
