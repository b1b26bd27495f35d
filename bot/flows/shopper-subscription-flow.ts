/**
 * A verified shopper's subscription, from the shop's live data (FlowInput.shopper): the next delivery
 * with its change deadline and buttons to skip, move the date or change the interval; and skip, interval
 * change, next-date change, pause and resume done in the chat after one confirmation, answered with the
 * new next date. Several subscriptions: it asks which one first. A change past the deadline or not in
 * the shop's `allowedChanges` is refused with the reason and a person on offer. The shop's system down:
 * the general answer and a person. Anonymous shoppers never reach it (`accepts`): subscription-flow.ts
 * answers them as before. Pure; the server carries the action out and checks its subscription id.
 */
import { type Static, Type } from '@sinclair/typebox';
import { toLocal } from '../calendar/zoned-time.ts';
import type { QuickReply } from '../dialogue/types.ts';
import { dateIn, IntervalSchema, intervalIn } from '../entities/slot-values.ts';
import { type Subscription, type SubscriptionChange, SubscriptionChangeSchema } from '../shop/shop-data.ts';
import {
  defineFlow,
  type FlowInput,
  type FlowStep,
  flowButton,
  onOffSetting,
  SubscriptionChangeActionSchema,
} from './flow.ts';
import { formatInterval } from './format.ts';
import {
  changeAction,
  confirmStep,
  describeChange,
  doneMarkdown,
  failureStep,
  shopperMessage as message,
  NO,
  productOf,
  refusalStep,
  SHOP_ABORT,
  SHOP_CONFIRM,
  SHOP_RETRY,
  staffButton,
  unavailableStep,
  YES,
} from './shopper-steps.ts';
import { shopperMessages } from './shopper-subscription-messages.ts';
import {
  formatShopDate,
  liveSubscriptions,
  ownSubscription,
  pickButtons,
  pickedSubscription,
  refusalOf,
  shopToday,
} from './shopper-subscriptions.ts';

const WishSchema = Type.Union([
  Type.Literal('show'),
  Type.Literal('skip'),
  Type.Literal('interval'),
  Type.Literal('next_date'),
  Type.Literal('pause'),
  Type.Literal('resume'),
]);
/** What the shopper asked for (`show`: the next delivery). */
export type Wish = Static<typeof WishSchema>;

/** The dialogue state. */
export const ShopperSubscriptionStateSchema = Type.Object({
  name: Type.Literal('shopperSubscription'),
  /**
   * `pick`: which subscription; `menu`: the next delivery shown, its buttons on offer; `value`: the new
   * interval or date; `confirm`: the change asked; `pending`: the server carries out `action` (never
   * stored); `failed`: the shop's system did not answer, a retry or a person on offer.
   */
  step: Type.Union([
    Type.Literal('pick'),
    Type.Literal('menu'),
    Type.Literal('value'),
    Type.Literal('confirm'),
    Type.Literal('pending'),
    Type.Literal('failed'),
  ]),
  wish: WishSchema,
  subscriptionId: Type.Optional(Type.String()),
  /** A new interval the shopper already gave (「2ヶ月ごとにしたい」). */
  interval: Type.Optional(IntervalSchema),
  /** The change to confirm (`confirm`). */
  change: Type.Optional(SubscriptionChangeSchema),
  /** The action sent (`pending`, `failed`): a retry sends it again with the same id. */
  action: Type.Optional(SubscriptionChangeActionSchema),
  /** Set after one unreadable answer: the next one leaves the flow. */
  retried: Type.Optional(Type.Boolean()),
});
/** The dialogue state. */
export type ShopperSubscriptionState = Static<typeof ShopperSubscriptionStateSchema>;
type Step = FlowStep<ShopperSubscriptionState>;

/** Menu button intents (after the next delivery is shown). */
export const MENU_SKIP = 'flow.shopper.skip';
export const MENU_DATE = 'flow.shopper.date';
export const MENU_INTERVAL = 'flow.shopper.interval';
export const MENU_RESUME = 'flow.shopper.resume';
const MENU: Record<string, Wish> = {
  [MENU_SKIP]: 'skip',
  [MENU_DATE]: 'next_date',
  [MENU_INTERVAL]: 'interval',
  [MENU_RESUME]: 'resume',
};

const WISHES: Record<string, Wish> = {
  'subscription.next_delivery': 'show',
  'subscription.skip': 'skip',
  'subscription.interval_change': 'interval',
  'subscription.pause': 'pause',
};
const INTENT_OF: Record<Wish, string> = {
  show: 'subscription.next_delivery',
  skip: 'subscription.skip',
  interval: 'subscription.interval_change',
  next_date: 'subscription.next_delivery',
  pause: 'subscription.pause',
  resume: 'subscription.pause',
};
/** Interval buttons: the choices shops offer most. */
const SUGGESTED_MONTHS = [1, 2, 3];
const INTERVAL_VALUE = 'flow.shopper.every';

/** The next delivery, with the changes still possible as buttons. */
function showNext(input: FlowInput, sub: Subscription): Step {
  const { locale } = input;
  const today = shopToday(input);
  const product = productOf(sub);
  const offered = (
    wish: Wish,
    intent: string,
    label: 'shopSkip' | 'shopChangeDate' | 'shopChangeInterval' | 'shopResume',
  ): QuickReply[] =>
    wish !== 'show' && refusalOf(sub, wish, today) === undefined
      ? [flowButton(message(locale, label), intent)]
      : [];
  let markdown: string;
  if (sub.status === 'paused' || !sub.nextDeliveryDate) {
    markdown = message(locale, 'shopPaused', { product });
  } else {
    const deadline = sub.changeDeadline;
    const params = {
      product,
      date: formatShopDate(sub.nextDeliveryDate, locale),
      deadline: deadline ? formatShopDate(deadline, locale) : '',
    };
    markdown = message(locale, deadline && today > deadline ? 'shopNextLocked' : 'shopNext', params);
  }
  const buttons =
    sub.status === 'paused'
      ? offered('resume', MENU_RESUME, 'shopResume')
      : [
          ...offered('skip', MENU_SKIP, 'shopSkip'),
          ...offered('next_date', MENU_DATE, 'shopChangeDate'),
          ...offered('interval', MENU_INTERVAL, 'shopChangeInterval'),
        ];
  if (buttons.length === 0) return { kind: 'answer', markdown, quickReplies: [staffButton(locale)] };
  return {
    kind: 'ask',
    state: { name: 'shopperSubscription', step: 'menu', wish: 'show', subscriptionId: sub.id },
    markdown,
    quickReplies: buttons,
  };
}

function askValue(
  input: FlowInput,
  state: ShopperSubscriptionState,
  sub: Subscription,
  again: boolean,
): Step {
  const { locale } = input;
  const next: ShopperSubscriptionState = {
    ...state,
    step: 'value',
    subscriptionId: sub.id,
    ...(again ? { retried: true } : {}),
  };
  if (again) {
    return { kind: 'ask', state: next, markdown: message(locale, 'shopValueAgain'), quickReplies: [] };
  }
  if (state.wish === 'interval') {
    const choices = SUGGESTED_MONTHS.filter(
      (count) => sub.interval.unit !== 'month' || sub.interval.count !== count,
    );
    return {
      kind: 'ask',
      state: next,
      markdown: message(locale, 'shopAskInterval', { current: formatInterval(sub.interval, locale) }),
      quickReplies: choices.map((count) =>
        flowButton(formatInterval({ unit: 'month', count }, locale), INTERVAL_VALUE),
      ),
    };
  }
  return {
    kind: 'ask',
    state: next,
    markdown: message(locale, 'shopAskDate', {
      deadline: sub.changeDeadline ? formatShopDate(sub.changeDeadline, locale) : '',
    }),
    quickReplies: [],
  };
}

function confirm(
  input: FlowInput,
  state: ShopperSubscriptionState,
  sub: Subscription,
  change: SubscriptionChange,
): Step {
  const next: ShopperSubscriptionState = { ...state, step: 'confirm', subscriptionId: sub.id, change };
  delete next.retried;
  return confirmStep(input.locale, next, describeChange(input.locale, sub, change), false);
}

/** The wish applied to one subscription: shown, refused, asked for its value, or confirmed. */
function forSubscription(input: FlowInput, state: ShopperSubscriptionState, sub: Subscription): Step {
  // 「休止したい」 about a paused subscription, or 「再開したい」 read as the pause intent: resume.
  const wish = state.wish === 'pause' && sub.status === 'paused' ? 'resume' : state.wish;
  if (wish === 'show') return showNext(input, sub);
  const refusal = refusalOf(sub, wish, shopToday(input));
  if (refusal) return refusalStep(input.locale, sub, refusal);
  const current = { ...state, wish, subscriptionId: sub.id };
  switch (wish) {
    case 'interval':
      return current.interval
        ? confirm(input, current, sub, { kind: 'interval', interval: current.interval })
        : askValue(input, current, sub, false);
    case 'next_date':
      return askValue(input, current, sub, false);
    default:
      return confirm(input, current, sub, { kind: wish });
  }
}

/** A date the shopper typed, as `YYYY-MM-DD` (the shop decides whether it can deliver then). */
function typedDate(input: FlowInput): string | undefined {
  const local = toLocal(input.now, input.settings.calendar.timeZone);
  const date = dateIn(input.text, local);
  if (!date) return undefined;
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function act(state: ShopperSubscriptionState, action: ShopperSubscriptionState['action'] & object): Step {
  return { kind: 'action', action, state: { ...state, step: 'pending', action } };
}

/** The verified shopper's subscription flow. */
export const shopperSubscriptionFlow = defineFlow({
  name: 'shopperSubscription',
  configKey: 'shopperSubscription',
  settingsSchema: onOffSetting(
    "A verified shopper's subscription from the shop connector: next delivery, and changes done in the chat.",
  ),
  stateSchema: ShopperSubscriptionStateSchema,
  isOn: (on) => on,
  intents: Object.keys(WISHES),
  accepts: (input) => input.shopper !== undefined,
  messages: shopperMessages,
  start(input): Step {
    const wish = WISHES[input.intent ?? ''] ?? 'show';
    const live = liveSubscriptions(input);
    if (live === 'unavailable') return unavailableStep(input);
    if (live.length === 0) {
      return {
        kind: 'answer',
        markdown: message(input.locale, 'shopNoSubscription'),
        quickReplies: [staffButton(input.locale)],
      };
    }
    const interval = wish === 'interval' ? intervalIn(input.text) : undefined;
    const state: ShopperSubscriptionState = {
      name: 'shopperSubscription',
      step: 'pick',
      wish,
      ...(interval ? { interval } : {}),
    };
    const named = pickedSubscription(input);
    const only = live.length === 1 ? live[0] : named;
    if (only) return forSubscription(input, state, only);
    return {
      kind: 'ask',
      state,
      markdown: message(input.locale, 'shopPick', { count: live.length }),
      quickReplies: pickButtons(live),
    };
  },
  next(input, state, strict) {
    const { locale } = input;
    const text = input.text.trim();
    // The conversation went on without a verified shopper (resumed anonymously): leave the flow.
    if (!input.shopper) return undefined;
    if (state.step === 'pick') {
      const sub = pickedSubscription(input);
      if (sub) return forSubscription(input, { ...state, retried: false }, sub);
      // A button naming no subscription of this shopper (stale, or someone else's) is asked again once.
      if ((strict && !input.chosen) || state.retried) return undefined;
      const live = liveSubscriptions(input);
      if (live === 'unavailable') return unavailableStep(input);
      return {
        kind: 'ask',
        state: { ...state, retried: true },
        markdown: message(locale, 'shopPickAgain'),
        quickReplies: pickButtons(live),
      };
    }
    // Every later step is about one subscription: it must still be this shopper's.
    if (liveSubscriptions(input) === 'unavailable') return unavailableStep(input);
    const sub = ownSubscription(input, state.subscriptionId);
    if (!sub) return undefined;
    switch (state.step) {
      case 'menu': {
        const wish = input.chosen ? MENU[input.chosen] : undefined;
        return wish ? forSubscription(input, { ...state, wish }, sub) : undefined;
      }
      case 'value': {
        if (state.wish === 'interval') {
          const interval = intervalIn(text);
          if (interval) return confirm(input, state, sub, { kind: 'interval', interval });
        } else {
          const date = typedDate(input);
          if (date) return confirm(input, state, sub, { kind: 'next_date', date });
        }
        return strict || state.retried ? undefined : askValue(input, state, sub, true);
      }
      case 'confirm': {
        const change = state.change;
        if (!change) return undefined;
        if (input.chosen === SHOP_CONFIRM || (!input.chosen && YES.test(text))) {
          return act(state, changeAction(input, sub.id, change));
        }
        if (input.chosen === SHOP_ABORT || (!input.chosen && NO.test(text))) {
          return { kind: 'answer', markdown: message(locale, 'shopAborted') };
        }
        if (strict || state.retried) return undefined;
        return confirmStep(locale, { ...state, retried: true }, '', true);
      }
      case 'failed':
        if (state.action && input.chosen === SHOP_RETRY) return act(state, state.action);
        return undefined;
      case 'pending':
        // Never stored: the server settles the action before it saves the state.
        return undefined;
    }
  },
  intentOf(state) {
    return INTENT_OF[state.wish];
  },
  settle(input, state, result): Step {
    if (result.ok) return { kind: 'answer', markdown: doneMarkdown(input.locale, result.subscription) };
    return failureStep(input.locale, result, { ...state, step: 'failed' });
  },
});
