/**
 * Cancellation with one retention offer: ask why (four buttons), offer the alternative that fits the
 * reason once (interval change, product switch, skip, pause), then either the My Page steps for that
 * alternative (retained) or the cancellation steps, with the option to leave the order number and have
 * staff cancel (a handoff). For a verified shopper whose data the shop's system gave, the offer fits
 * their real subscription and both the alternative and the cancellation are done in the chat
 * (cancellation-shopper.ts); several subscriptions: which one first. Never loops: every line moves the
 * dialogue on, and "cancel anyway" is always a button away. Pure.
 */
import { type Static, Type } from '@sinclair/typebox';
import { intervalIn, orderNumberIn } from '../entities/slot-values.ts';
import { messageTable } from '../i18n/message-table.ts';
import type { Locale } from '../locale.ts';
import { SubscriptionChangeSchema } from '../shop/shop-data.ts';
import { cancellationMessages, type CancellationMessageKey as MessageKey } from './cancellation-messages.ts';
import {
  CANCEL_ACCEPT,
  CANCEL_PROCEED,
  cancelConfirm,
  shopperAct,
  shopperOffer,
  shopperSettle,
} from './cancellation-shopper.ts';
import {
  defineFlow,
  type FlowInput,
  type FlowStep,
  flowButton,
  onOffSetting,
  SubscriptionChangeActionSchema,
} from './flow.ts';
import { formatInterval } from './format.ts';
import { SHOP_ABORT, SHOP_CONFIRM, SHOP_RETRY, shopperMessage, unavailableStep } from './shopper-steps.ts';
import {
  liveSubscriptions,
  ownSubscription,
  pickButtons,
  pickedSubscription,
} from './shopper-subscriptions.ts';

const message = messageTable(cancellationMessages);

const CancelReasonSchema = Type.Union([
  Type.Literal('surplus'),
  Type.Literal('skin'),
  Type.Literal('price'),
  Type.Literal('other'),
]);
/** Why the shopper wants to cancel. */
export type CancelReason = Static<typeof CancelReasonSchema>;
/** What the bot offers instead. */
export type Alternative = 'interval' | 'switch' | 'skip' | 'pause';

/** The dialogue state. */
export const CancellationStateSchema = Type.Object({
  name: Type.Literal('cancellation'),
  /**
   * `reason`: waiting for the reason; `offer`: alternative offered; `order`: waiting for the order
   * number. A verified shopper's: `pick` (which subscription), `confirm` (the cancellation),
   * `pending` (the server carries out `action`; never stored), `failed` (a retry or a person).
   */
  step: Type.Union([
    Type.Literal('reason'),
    Type.Literal('offer'),
    Type.Literal('order'),
    Type.Literal('pick'),
    Type.Literal('confirm'),
    Type.Literal('pending'),
    Type.Literal('failed'),
  ]),
  reason: Type.Optional(CancelReasonSchema),
  /** The shopper's words when the reason was typed rather than chosen. */
  reasonText: Type.Optional(Type.String()),
  /** Set after one unreadable order number: the next unreadable line leaves the flow. */
  retried: Type.Optional(Type.Boolean()),
  /** A verified shopper's subscription the dialogue is about. */
  subscriptionId: Type.Optional(Type.String()),
  /** The change offered instead (`offer`) or the cancellation to confirm (`confirm`). */
  change: Type.Optional(SubscriptionChangeSchema),
  /** What was offered (the change's kind, or `none`), for the outcome. */
  offered: Type.Optional(Type.String()),
  /** The action sent (`pending`, `failed`): a retry sends it again with the same id. */
  action: Type.Optional(SubscriptionChangeActionSchema),
});
/** The dialogue state. */
export type CancellationState = Static<typeof CancellationStateSchema>;

const REASONS: Record<CancelReason, MessageKey> = {
  surplus: 'cancelReasonSurplus',
  skin: 'cancelReasonSkin',
  price: 'cancelReasonPrice',
  other: 'cancelReasonOther',
};
/** The one alternative offered per reason. */
export const ALTERNATIVE_FOR: Record<CancelReason, Alternative> = {
  surplus: 'interval',
  skin: 'switch',
  price: 'skip',
  other: 'pause',
};
const OFFERS: Record<Alternative, { offer: MessageKey; accept: MessageKey; retained: MessageKey }> = {
  interval: {
    offer: 'cancelOfferInterval',
    accept: 'cancelAcceptInterval',
    retained: 'cancelRetainedInterval',
  },
  switch: { offer: 'cancelOfferSwitch', accept: 'cancelAcceptSwitch', retained: 'cancelRetainedSwitch' },
  skip: { offer: 'cancelOfferSkip', accept: 'cancelAcceptSkip', retained: 'cancelRetainedSkip' },
  pause: { offer: 'cancelOfferPause', accept: 'cancelAcceptPause', retained: 'cancelRetainedPause' },
};

/** Button intents. */
export { CANCEL_ACCEPT, CANCEL_PROCEED };
export const CANCEL_SELF = 'flow.cancel.self';
const REASON_INTENT = 'flow.cancel.reason.';

/** Typed reasons, for shoppers who write instead of pressing a button. */
const REASON_WORDS: [CancelReason, RegExp][] = [
  ['surplus', /余|使い切れ|たまって|溜まって|多すぎ|too much|left ?over|pil(e|ing) up|surplus/iu],
  ['skin', /肌|かぶれ|荒れ|合わな|skin|rash|irritat|suit/iu],
  ['price', /価格|値段|高い|高く|お金|節約|price|expensive|cost|afford/iu],
];
const YES = /^(はい|お願い|おねがい|それで|そうします|変える|します|yes|ok|okay|sure|please)/iu;
const NO = /(いいえ|解約|やめ|結構|けっこう|不要|いらない|\bno\b|cancel|nope)/iu;

function reasonOf(input: FlowInput): CancelReason | undefined {
  if (input.chosen?.startsWith(REASON_INTENT)) {
    const id = input.chosen.slice(REASON_INTENT.length) as CancelReason;
    if (id in REASONS) return id;
  }
  return REASON_WORDS.find(([, words]) => words.test(input.text))?.[0];
}

function askReason(locale: Locale, subscriptionId?: string): FlowStep<CancellationState> {
  return {
    kind: 'ask',
    state: { name: 'cancellation', step: 'reason', ...(subscriptionId ? { subscriptionId } : {}) },
    markdown: message(locale, 'cancelAskReason'),
    quickReplies: (Object.keys(REASONS) as CancelReason[]).map((r) =>
      flowButton(message(locale, REASONS[r]), `${REASON_INTENT}${r}`),
    ),
  };
}

function offer(locale: Locale, reason: CancelReason, reasonText?: string): FlowStep<CancellationState> {
  const keys = OFFERS[ALTERNATIVE_FOR[reason]];
  return {
    kind: 'ask',
    state: { name: 'cancellation', step: 'offer', reason, ...(reasonText ? { reasonText } : {}) },
    markdown: message(locale, keys.offer),
    quickReplies: [
      flowButton(message(locale, keys.accept), CANCEL_ACCEPT),
      flowButton(message(locale, 'cancelProceed'), CANCEL_PROCEED),
    ],
  };
}

function retained(input: FlowInput, reason: CancelReason): FlowStep<CancellationState> {
  const alternative = ALTERNATIVE_FOR[reason];
  const interval = alternative === 'interval' ? intervalIn(input.text) : undefined;
  const markdown = message(input.locale, OFFERS[alternative].retained, {
    myPageUrl: input.settings.myPageUrl,
    days: input.settings.changeDeadlineDays,
    interval: interval
      ? message(input.locale, 'cancelIntervalChosen', { interval: formatInterval(interval, input.locale) })
      : '',
  }).trim();
  return {
    kind: 'answer',
    markdown,
    outcome: { flow: 'cancellation', result: 'retained', reason, alternative },
  };
}

function steps(input: FlowInput, state: CancellationState): FlowStep<CancellationState> {
  const reason = state.reason ?? 'other';
  return {
    kind: 'ask',
    state: { ...state, step: 'order' },
    markdown: message(input.locale, 'cancelSteps', {
      myPageUrl: input.settings.myPageUrl,
      days: input.settings.changeDeadlineDays,
    }),
    quickReplies: [flowButton(message(input.locale, 'cancelSelf'), CANCEL_SELF)],
    outcome: { flow: 'cancellation', result: 'cancelled', reason },
  };
}

/** The cancellation flow. */
export const cancellationFlow = defineFlow({
  name: 'cancellation',
  configKey: 'cancellation',
  settingsSchema: onOffSetting('Ask why and offer one alternative.'),
  stateSchema: CancellationStateSchema,
  isOn: (on) => on,
  intents: ['subscription.cancel'],
  messages: cancellationMessages,
  start(input): FlowStep<CancellationState> {
    const reason = reasonOf(input);
    const live = liveSubscriptions(input);
    // A verified shopper with running subscriptions: from their real data. Else (anonymous, the shop's
    // system down, nothing running): the My Page steps and staff, as for everyone.
    if (input.shopper && live !== 'unavailable' && live.length > 0) {
      const only = live.length === 1 ? live[0] : pickedSubscription(input);
      if (!only) {
        return {
          kind: 'ask',
          state: { name: 'cancellation', step: 'pick', ...(reason ? { reason } : {}) },
          markdown: shopperMessage(input.locale, 'shopPick', { count: live.length }),
          quickReplies: pickButtons(live),
        };
      }
      if (reason) return shopperOffer(input, { name: 'cancellation', step: 'offer', reason }, only);
      return askReason(input.locale, only.id);
    }
    return reason ? offer(input.locale, reason) : askReason(input.locale);
  },
  next(input, state, strict) {
    const { locale } = input;
    if (state.subscriptionId || state.step === 'pick') return nextForShopper(input, state, strict);
    switch (state.step) {
      case 'reason': {
        const reason = reasonOf(input);
        if (reason) return offer(locale, reason);
        // A typed reason we do not recognise is still a reason: never ask twice.
        return strict ? undefined : offer(locale, 'other', input.text.trim());
      }
      case 'offer': {
        const reason = state.reason ?? 'other';
        const text = input.text.trim();
        if (input.chosen === CANCEL_ACCEPT) return retained(input, reason);
        if (input.chosen === CANCEL_PROCEED) return steps(input, state);
        if (ALTERNATIVE_FOR[reason] === 'interval' && intervalIn(text)) return retained(input, reason);
        if (NO.test(text)) return steps(input, state);
        if (YES.test(text)) return retained(input, reason);
        // Unclear: the shopper still wants to cancel; never block with a second offer.
        return strict ? undefined : steps(input, state);
      }
      case 'order': {
        if (input.chosen === CANCEL_SELF)
          return { kind: 'answer', markdown: message(locale, 'cancelSelfDone') };
        const order = orderNumberIn(input.text, input.settings.orderNumberPattern);
        if (order) {
          const reason = message(locale, REASONS[state.reason ?? 'other']);
          return {
            kind: 'handoff',
            reason: 'change-request',
            lead: message(locale, 'cancelRequestLead'),
            summary: message(locale, 'cancelCase', {
              order,
              reason: state.reasonText ? `${reason}: ${state.reasonText}` : reason,
            }),
          };
        }
        if (strict || state.retried) return undefined;
        return {
          kind: 'ask',
          state: { ...state, retried: true },
          markdown: message(locale, 'cancelOrderAgain'),
          quickReplies: [flowButton(message(locale, 'cancelSelf'), CANCEL_SELF)],
        };
      }
      default:
        return undefined;
    }
  },
  settle(input, state, result) {
    return shopperSettle(input, state, result);
  },
});

/** One line of a verified shopper's cancellation (their subscription is in the state). */
function nextForShopper(
  input: FlowInput,
  state: CancellationState,
  strict: boolean,
): FlowStep<CancellationState> | undefined {
  const { locale } = input;
  const text = input.text.trim();
  // The conversation went on without a verified shopper (resumed anonymously): leave the flow.
  if (!input.shopper) return undefined;
  if (liveSubscriptions(input) === 'unavailable') return unavailableStep(input);
  if (state.step === 'pick') {
    const sub = pickedSubscription(input);
    if (!sub) return undefined;
    return state.reason ? shopperOffer(input, { ...state, step: 'offer' }, sub) : askReason(locale, sub.id);
  }
  // Every later step is about one subscription: it must still be this shopper's.
  const sub = ownSubscription(input, state.subscriptionId);
  if (!sub) return undefined;
  switch (state.step) {
    case 'reason': {
      const reason = reasonOf(input);
      if (reason) return shopperOffer(input, { ...state, reason }, sub);
      return strict ? undefined : shopperOffer(input, { ...state, reason: 'other', reasonText: text }, sub);
    }
    case 'offer': {
      if (input.chosen === CANCEL_ACCEPT || (!input.chosen && YES.test(text)))
        return shopperAct(input, state, sub);
      if (input.chosen === CANCEL_PROCEED || (!input.chosen && NO.test(text))) {
        return cancelConfirm(input, state, sub);
      }
      // Unclear: the shopper still wants to cancel; never block with a second offer.
      return strict ? undefined : cancelConfirm(input, state, sub);
    }
    case 'confirm': {
      if (input.chosen === SHOP_CONFIRM || (!input.chosen && YES.test(text)))
        return shopperAct(input, state, sub);
      if (input.chosen === SHOP_ABORT) {
        return {
          kind: 'answer',
          markdown: message(locale, 'cancelKept'),
          outcome: {
            flow: 'cancellation',
            result: 'retained',
            reason: state.reason ?? 'other',
            alternative: 'kept',
          },
        };
      }
      return undefined;
    }
    case 'failed':
      if (state.action && input.chosen === SHOP_RETRY) {
        return { kind: 'action', action: state.action, state: { ...state, step: 'pending' } };
      }
      return undefined;
    default:
      return undefined;
  }
}
