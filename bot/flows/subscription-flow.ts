/**
 * Subscription changes for a shopper the bot does not know (anonymous): the My Page steps first (the
 * corpus answer), with the offer to have staff do it. The order number and the new value (an interval
 * such as 「2ヶ月ごと」, or the items in the shopper's words; skip and pause need none) are collected and
 * the request goes to staff as a handoff with the case filled in. Nothing is ever carried out on an
 * order number alone: order numbers are printed on slips and often sequential, so they prove nothing
 * about who asks. A verified shopper's changes are made in the chat by shopper-subscription-flow.ts.
 * `subscription.next_delivery` only answers. Pure.
 */
import { type Static, Type } from '@sinclair/typebox';
import { type Interval, IntervalSchema, intervalIn, orderNumberIn } from '../entities/slot-values.ts';
import { messageTable } from '../i18n/message-table.ts';
import type { Locale } from '../locale.ts';
import { defineFlow, type FlowInput, type FlowStep, flowButton, onOffSetting } from './flow.ts';
import { escapeMarkdown, formatInterval } from './format.ts';
import { type SubscriptionMessageKey as MessageKey, subscriptionMessages } from './subscription-messages.ts';

const message = messageTable(subscriptionMessages);

const SubscriptionChangeSchema = Type.Union([
  Type.Literal('interval'),
  Type.Literal('skip'),
  Type.Literal('pause'),
  Type.Literal('items'),
]);
/** What the shopper wants to change. */
export type SubscriptionChange = Static<typeof SubscriptionChangeSchema>;

/** The dialogue state. */
export const SubscriptionStateSchema = Type.Object({
  name: Type.Literal('subscription'),
  /** `order`: waiting for the order number; `value`: for the interval or items. */
  step: Type.Union([Type.Literal('order'), Type.Literal('value')]),
  change: SubscriptionChangeSchema,
  orderNumber: Type.Optional(Type.String()),
  interval: Type.Optional(IntervalSchema),
  items: Type.Optional(Type.String()),
  /** Set after one unreadable answer: the next unreadable line leaves the flow. */
  retried: Type.Optional(Type.Boolean()),
});
/** The dialogue state. */
export type SubscriptionState = Static<typeof SubscriptionStateSchema>;

/** Button intents. */
export const SUB_SELF = 'flow.sub.self';
export const SUB_INTERVAL = 'flow.sub.interval';

const CHANGES: Record<string, SubscriptionChange> = {
  'subscription.interval_change': 'interval',
  'subscription.skip': 'skip',
  'subscription.pause': 'pause',
  'subscription.change_items': 'items',
};
/** The intent each change belongs to (a waiting state's intent). */
const INTENTS: Record<SubscriptionChange, string> = {
  interval: 'subscription.interval_change',
  skip: 'subscription.skip',
  pause: 'subscription.pause',
  items: 'subscription.change_items',
};
const NOUNS: Record<SubscriptionChange, MessageKey> = {
  interval: 'subNounInterval',
  skip: 'subNounSkip',
  pause: 'subNounPause',
  items: 'subNounItems',
};
/** Interval buttons: the choices shops offer most. */
const SUGGESTED_INTERVALS: Interval[] = [
  { unit: 'month', count: 1 },
  { unit: 'month', count: 2 },
  { unit: 'month', count: 3 },
];

/** The change in words: 「お届け周期を2ヶ月ごとに変更」; `markdown` escapes the shopper's own words. */
function describe(locale: Locale, state: SubscriptionState, markdown: boolean): string {
  switch (state.change) {
    case 'interval':
      return message(locale, 'subWhatInterval', {
        interval: state.interval ? formatInterval(state.interval, locale) : '',
      });
    case 'skip':
      return message(locale, 'subWhatSkip');
    case 'pause':
      return message(locale, 'subWhatPause');
    case 'items': {
      const items = state.items ?? '';
      return message(locale, 'subWhatItems', { items: markdown ? escapeMarkdown(items) : items });
    }
  }
}

function askOrder(input: FlowInput, state: SubscriptionState, key: MessageKey): FlowStep<SubscriptionState> {
  return {
    kind: 'ask',
    state,
    markdown: message(input.locale, key),
    quickReplies: [flowButton(message(input.locale, 'subSelf'), SUB_SELF)],
  };
}

function askValue(input: FlowInput, state: SubscriptionState, again: boolean): FlowStep<SubscriptionState> {
  const { locale } = input;
  const next: SubscriptionState = { ...state, step: 'value', ...(again ? { retried: true } : {}) };
  if (state.change === 'items') {
    return { kind: 'ask', state: next, markdown: message(locale, 'subAskItems'), quickReplies: [] };
  }
  return {
    kind: 'ask',
    state: next,
    markdown: message(locale, again ? 'subIntervalAgain' : 'subAskInterval'),
    quickReplies: SUGGESTED_INTERVALS.map((i) => flowButton(formatInterval(i, locale), SUB_INTERVAL)),
  };
}

/** The request for staff: the handoff dialogue takes it with the case filled in. */
function toStaff(input: FlowInput, state: SubscriptionState): FlowStep<SubscriptionState> {
  return {
    kind: 'handoff',
    reason: 'change-request',
    lead: message(input.locale, 'subRequestLead'),
    summary: message(input.locale, 'subCase', {
      order: state.orderNumber ?? '',
      what: describe(input.locale, state, false),
    }),
  };
}

/** Every slot known: the request goes to staff. */
function ready(input: FlowInput, state: SubscriptionState): FlowStep<SubscriptionState> {
  const clean: SubscriptionState = { ...state };
  delete clean.retried;
  return toStaff(input, clean);
}

/** The order number is known: ask what is still missing. */
function afterOrder(input: FlowInput, state: SubscriptionState): FlowStep<SubscriptionState> {
  if (state.change === 'interval' && !state.interval) return askValue(input, state, false);
  if (state.change === 'items' && !state.items) return askValue(input, state, false);
  return ready(input, state);
}

/** The subscription-change flow. */
export const subscriptionFlow = defineFlow({
  name: 'subscription',
  configKey: 'subscription',
  settingsSchema: onOffSetting(
    'Subscription changes of anonymous shoppers: My Page steps, then the request handed to staff.',
  ),
  stateSchema: SubscriptionStateSchema,
  isOn: (on) => on,
  intents: [...Object.keys(CHANGES), 'subscription.next_delivery'],
  messages: subscriptionMessages,
  start(input): FlowStep<SubscriptionState> {
    const change = input.intent === undefined ? undefined : CHANGES[input.intent];
    const topics = input.corpusQuickReplies ?? [];
    // The next delivery date is only explained: moving it is a date pick on My Page.
    if (!change) return { kind: 'answer', markdown: input.corpusAnswer ?? '', quickReplies: topics };
    const interval = change === 'interval' ? intervalIn(input.text) : undefined;
    const state: SubscriptionState = {
      name: 'subscription',
      step: 'order',
      change,
      ...(interval ? { interval } : {}),
    };
    const order = orderNumberIn(input.text, input.settings.orderNumberPattern);
    let step: FlowStep<SubscriptionState>;
    if (order) {
      step = afterOrder(input, { ...state, orderNumber: order });
    } else {
      const what = message(input.locale, NOUNS[change]);
      step = {
        kind: 'ask',
        state,
        markdown: message(input.locale, 'subOfferStaff', { what }),
        quickReplies: [flowButton(message(input.locale, 'subSelf'), SUB_SELF)],
      };
    }
    // The My Page steps always come first; the topic buttons of that answer stay on offer (they leave
    // the flow).
    if (step.kind !== 'ask') return step;
    return {
      ...step,
      markdown: input.corpusAnswer ? `${input.corpusAnswer}\n\n${step.markdown}` : step.markdown,
      quickReplies: [...step.quickReplies, ...topics],
    };
  },
  next(input, state, strict) {
    const { locale } = input;
    const text = input.text.trim();
    switch (state.step) {
      case 'order': {
        if (input.chosen === SUB_SELF) return { kind: 'answer', markdown: message(locale, 'subSelfDone') };
        const interval = state.change === 'interval' ? intervalIn(text) : undefined;
        const known = { ...state, ...(interval ? { interval } : {}) };
        const order = orderNumberIn(text, input.settings.orderNumberPattern);
        if (order) return afterOrder(input, { ...known, orderNumber: order });
        // The new interval came first: still a step forward, ask for the number once more.
        if (interval) return askOrder(input, known, 'subAskOrder');
        if (strict || state.retried) return undefined;
        return askOrder(input, { ...state, retried: true }, 'subOrderAgain');
      }
      case 'value': {
        if (state.change === 'interval') {
          const interval = intervalIn(text);
          if (interval) return ready(input, { ...state, interval });
          if (strict || state.retried) return undefined;
          return askValue(input, state, true);
        }
        // Items in the shopper's words: a strict read wants at least a quantity (「2本に」).
        if (strict && !/\d/u.test(text.normalize('NFKC'))) return undefined;
        return text ? ready(input, { ...state, items: text }) : undefined;
      }
    }
  },
  intentOf(state) {
    return INTENTS[state.change];
  },
});
