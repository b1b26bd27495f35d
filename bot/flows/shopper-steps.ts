/**
 * The steps the verified shopper's flows (subscription changes, cancellation) build alike: the fallback
 * when the shop's system is down, a refusal that says why and offers a person, the confirmation of a
 * change in words, the action named after the confirming message, and the answer to its result (the new
 * next date). Pure; each flow keeps its own state.
 */
import { messageTable } from '../i18n/message-table.ts';
import type { Locale } from '../locale.ts';
import type { Subscription, SubscriptionChange } from '../shop/shop-data.ts';
import type { ActionResult, FlowAction, FlowInput, FlowStep } from './flow.ts';
import { flowButton } from './flow.ts';
import { escapeMarkdown, formatInterval } from './format.ts';
import { shopperMessages } from './shopper-subscription-messages.ts';
import { type ChangeRefusal, formatShopDate, STAFF_INTENT } from './shopper-subscriptions.ts';

/** Sentences of the verified shopper's flows. */
export const shopperMessage = messageTable(shopperMessages);

/** Button intents shared by the verified shopper's flows. */
export const SHOP_CONFIRM = 'flow.shopper.confirm';
export const SHOP_ABORT = 'flow.shopper.abort';
export const SHOP_RETRY = 'flow.shopper.retry';

/** The button that offers a person (it leaves the flow for the handoff dialogue). */
export function staffButton(locale: Locale) {
  return flowButton(shopperMessage(locale, 'shopStaff'), STAFF_INTENT);
}

/** The product's name as markdown text (it comes from the shop's system: text, never markup). */
export function productOf(subscription: Subscription): string {
  return escapeMarkdown(subscription.productName);
}

/** The shop's system did not answer: the general (corpus) answer, and a person on offer. */
export function unavailableStep<S extends { name: string }>(input: FlowInput): FlowStep<S> {
  const sorry = shopperMessage(input.locale, 'shopUnavailable');
  return {
    kind: 'answer',
    markdown: input.corpusAnswer ? `${input.corpusAnswer}\n\n${sorry}` : sorry,
    quickReplies: [staffButton(input.locale), ...(input.corpusQuickReplies ?? [])],
  };
}

/** A change that cannot be made now: why, and a person on offer. */
export function refusalStep<S extends { name: string }>(
  locale: Locale,
  subscription: Subscription,
  refusal: ChangeRefusal,
): FlowStep<S> {
  const params = {
    product: productOf(subscription),
    deadline: subscription.changeDeadline ? formatShopDate(subscription.changeDeadline, locale) : '',
  };
  const key = refusal === 'deadline' ? 'shopDeadlinePassed' : 'shopNotAllowed';
  return {
    kind: 'answer',
    markdown: shopperMessage(locale, key, params),
    quickReplies: [staffButton(locale)],
  };
}

/** A change in words: 「定期便Aの次回のお届け（12月8日(火)）をスキップします。」 */
export function describeChange(
  locale: Locale,
  subscription: Subscription,
  change: SubscriptionChange,
): string {
  const product = productOf(subscription);
  const next = subscription.nextDeliveryDate;
  const date = next ? formatShopDate(next, locale) : '';
  switch (change.kind) {
    case 'skip':
      return shopperMessage(locale, 'shopWhatSkip', { product, date });
    case 'interval':
      return shopperMessage(locale, 'shopWhatInterval', {
        product,
        from: formatInterval(subscription.interval, locale),
        to: formatInterval(change.interval, locale),
      });
    case 'next_date':
      return shopperMessage(locale, 'shopWhatNextDate', {
        product,
        from: date,
        to: formatShopDate(change.date, locale),
      });
    case 'pause':
      return shopperMessage(locale, 'shopWhatPause', { product });
    case 'resume':
      return shopperMessage(locale, 'shopWhatResume', { product });
    case 'cancel':
      return shopperMessage(locale, 'shopWhatCancel', { product });
  }
}

/** The question before a change is made, with its two buttons; `extra` follows the change in words. */
export function confirmStep<S extends { name: string }>(
  locale: Locale,
  state: S,
  what: string,
  again: boolean,
): FlowStep<S> {
  return {
    kind: 'ask',
    state,
    markdown: again
      ? shopperMessage(locale, 'shopConfirmAgain')
      : shopperMessage(locale, 'shopConfirm', { what }),
    quickReplies: [
      flowButton(shopperMessage(locale, 'shopConfirmYes'), SHOP_CONFIRM),
      flowButton(shopperMessage(locale, 'shopConfirmNo'), SHOP_ABORT),
    ],
  };
}

/** The action for a change confirmed by this line: named after its message (kept on a retry). */
export function changeAction(
  input: FlowInput,
  subscriptionId: string,
  change: SubscriptionChange,
): FlowAction {
  return {
    // A clock fallback only for callers without message ids (the server always gives one).
    id: input.messageId ?? input.now.toISOString(),
    type: 'subscription.change',
    subscriptionId,
    change,
  };
}

/** The answer to a change done: the subscription as it is now (its new next date). */
export function doneMarkdown(locale: Locale, after: Subscription): string {
  const product = productOf(after);
  if (after.status === 'cancelled') return shopperMessage(locale, 'shopDoneCancelled', { product });
  if (after.status === 'paused' || !after.nextDeliveryDate) {
    return shopperMessage(locale, 'shopDonePaused', { product });
  }
  return shopperMessage(locale, 'shopDone', {
    product,
    date: formatShopDate(after.nextDeliveryDate, locale),
    interval: formatInterval(after.interval, locale),
  });
}

/**
 * The answer to a change that did not go through: the shop's refusal is final (a person on offer);
 * an unreachable system may be tried again under the same action (`failed`, a state the flow keeps).
 */
export function failureStep<S extends { name: string }>(
  locale: Locale,
  result: Extract<ActionResult, { ok: false }>,
  failed: S,
): FlowStep<S> {
  if (result.code !== 'ACTION_ERR_UNAVAILABLE') {
    return {
      kind: 'answer',
      markdown: shopperMessage(locale, 'shopRefused'),
      quickReplies: [staffButton(locale)],
    };
  }
  return {
    kind: 'ask',
    state: failed,
    markdown: shopperMessage(locale, 'shopFailed'),
    quickReplies: [flowButton(shopperMessage(locale, 'shopRetry'), SHOP_RETRY), staffButton(locale)],
  };
}

/** Typed confirmations, for shoppers who write instead of pressing a button. */
export const YES = /^(はい|お願い|おねがい|それで|手続き|します|進め|yes|ok|okay|sure|please|go ahead)/iu;
/** Typed refusals. */
export const NO = /(いいえ|やめ|結構|けっこう|不要|いらない|しない|\bno\b|nope|don'?t)/iu;
