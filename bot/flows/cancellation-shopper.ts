/**
 * The cancellation flow's steps for a verified shopper, from their real subscription: one offer that
 * fits it (「今は1ヶ月ごと・次回12月8日(火)のお届けです。2ヶ月ごとにしますか？」, or a skip, or a pause —
 * the first the shop allows now), always next to a "cancel anyway" button; pressing the offer makes
 * that change; still cancelling asks one confirmation, says what the minimum-deliveries terms mean for
 * them, and cancels in the chat. The retention outcome is recorded with the offer made. Pure.
 */
import { messageTable } from '../i18n/message-table.ts';
import type { Locale } from '../locale.ts';
import type { Subscription, SubscriptionChange } from '../shop/shop-data.ts';
import { cancellationMessages } from './cancellation-messages.ts';
import type { ActionResult, FlowInput, FlowStep } from './flow.ts';
import { flowButton } from './flow.ts';
import { formatInterval } from './format.ts';
import {
  changeAction,
  confirmStep,
  describeChange,
  doneMarkdown,
  failureStep,
  refusalStep,
} from './shopper-steps.ts';
import { formatShopDate, longerInterval, refusalOf, shopToday } from './shopper-subscriptions.ts';

const message = messageTable(cancellationMessages);

/** The part of the cancellation state these steps use (cancellation-flow.ts owns the schema). */
export interface ShopperCancellationState {
  name: 'cancellation';
  step: 'reason' | 'offer' | 'order' | 'pick' | 'confirm' | 'pending' | 'failed';
  reason?: 'surplus' | 'skin' | 'price' | 'other';
  reasonText?: string;
  subscriptionId?: string;
  /** The change offered instead (`offer`), or the cancellation to confirm (`confirm`). */
  change?: SubscriptionChange;
  /** What was offered, for the outcome (`none`: nothing the shop allows now). */
  offered?: string;
  action?: ReturnType<typeof changeAction>;
  retried?: boolean;
}
type Step<S> = FlowStep<S & { name: 'cancellation' }>;

/** Button intents of the offer (shared with the anonymous path's names). */
export const CANCEL_ACCEPT = 'flow.cancel.accept';
export const CANCEL_PROCEED = 'flow.cancel.proceed';

/** The offer that fits the reason and the real subscription, first allowed now; undefined: none. */
function offerFor(input: FlowInput, sub: Subscription, reason: string): SubscriptionChange | undefined {
  const today = shopToday(input);
  const preferred: SubscriptionChange[] =
    reason === 'surplus' ? [{ kind: 'interval', interval: longerInterval(sub) }] : [];
  const candidates: SubscriptionChange[] = [
    ...preferred,
    ...(reason === 'other' ? [{ kind: 'pause' as const }, { kind: 'skip' as const }] : []),
    { kind: 'skip' },
    { kind: 'pause' },
  ];
  return candidates.find((c) => refusalOf(sub, c.kind, today) === undefined);
}

/** The one offer for a verified shopper (or, with nothing to offer, the cancellation's confirmation). */
export function shopperOffer<S extends ShopperCancellationState>(
  input: FlowInput,
  state: S,
  sub: Subscription,
): Step<S> {
  const { locale } = input;
  const reason = state.reason ?? 'other';
  const change = offerFor(input, sub, reason);
  if (!change) return cancelConfirm(input, { ...state, offered: 'none' }, sub);
  const date = sub.nextDeliveryDate ? formatShopDate(sub.nextDeliveryDate, locale) : '';
  const proposed = change.kind === 'interval' ? formatInterval(change.interval, locale) : '';
  const [offer, accept] =
    change.kind === 'interval'
      ? [
          message(locale, 'cancelOfferRealInterval', {
            current: formatInterval(sub.interval, locale),
            date,
            proposed,
          }),
          message(locale, 'cancelAcceptRealInterval', { proposed }),
        ]
      : change.kind === 'skip'
        ? [message(locale, 'cancelOfferRealSkip', { date }), message(locale, 'cancelAcceptSkip')]
        : [message(locale, 'cancelOfferRealPause'), message(locale, 'cancelAcceptPause')];
  return {
    kind: 'ask',
    state: { ...state, step: 'offer', subscriptionId: sub.id, change, offered: change.kind },
    markdown: offer,
    quickReplies: [
      flowButton(accept, CANCEL_ACCEPT),
      flowButton(message(locale, 'cancelProceed'), CANCEL_PROCEED),
    ],
  };
}

/** What the minimum-deliveries terms mean for this shopper ('' when the shop has none). */
function minimumNote(locale: Locale, sub: Subscription): string {
  const min = sub.minimumDeliveries;
  if (min === undefined || min === 0) return '';
  const received = sub.deliveriesReceived;
  return received >= min
    ? message(locale, 'cancelMinimumMet', { min, received })
    : message(locale, 'cancelMinimumLeft', { min, received, left: min - received });
}

/** Still cancelling: one confirmation (or, if the shop does not allow it in the chat, a person). */
export function cancelConfirm<S extends ShopperCancellationState>(
  input: FlowInput,
  state: S,
  sub: Subscription,
): Step<S> {
  const { locale } = input;
  const refusal = refusalOf(sub, 'cancel', shopToday(input));
  if (refusal) return refusalStep(locale, sub, refusal);
  const change: SubscriptionChange = {
    kind: 'cancel',
    ...(state.reasonText || state.reason
      ? { reason: (state.reasonText ?? state.reason ?? '').slice(0, 500) }
      : {}),
  };
  const note = minimumNote(locale, sub);
  const what = `${describeChange(locale, sub, change)}${note ? `\n\n${note}\n\n` : ''}`;
  const next = { ...state, step: 'confirm' as const, subscriptionId: sub.id, change };
  delete next.retried;
  return confirmStep(locale, next, what, false);
}

/** The change (offer accepted, or cancellation confirmed) asked of the server. */
export function shopperAct<S extends ShopperCancellationState>(
  input: FlowInput,
  state: S,
  sub: Subscription,
): Step<S> {
  if (!state.change) return { kind: 'answer', markdown: message(input.locale, 'cancelKept') };
  const action = changeAction(input, sub.id, state.change);
  return { kind: 'action', action, state: { ...state, step: 'pending', action } };
}

/** The answer to the change: done (retained by the offer, or cancelled), or why not. */
export function shopperSettle<S extends ShopperCancellationState>(
  input: FlowInput,
  state: S,
  result: ActionResult,
): Step<S> {
  const reason = state.reason ?? 'other';
  const alternative = state.offered ?? 'none';
  if (!result.ok) return failureStep(input.locale, result, { ...state, step: 'failed' as const });
  const cancelled = state.change?.kind === 'cancel';
  return {
    kind: 'answer',
    markdown: doneMarkdown(input.locale, result.subscription),
    outcome: { flow: 'cancellation', result: cancelled ? 'cancelled' : 'retained', reason, alternative },
  };
}
