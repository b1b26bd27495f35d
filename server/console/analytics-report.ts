/**
 * The console's analytics report from raw facts (server/storage/analytics-queries.ts): counts per
 * shop-time day and hour of day, handoffs by reason, top intents, top unanswered questions, ratings by
 * intent and cancellation-flow outcomes. Pure; the zone and the day range are passed in.
 *
 * Definitions (per bucket): `messages` are shopper messages; `answered` / `clarified` / `unanswered`
 * count those whose bot reply decided `answer` / `clarify` / `none` (flow questions, handoff steps and
 * handoffs count in none of the three); `conversations` are the distinct conversations with a shopper
 * message in the bucket; `handoffs` are escalations created in the bucket.
 */
import { normalizeText } from '../../bot/nlu/normalize.ts';
import type { AnalyticsBucket, AnalyticsReport } from '../schemas/console-api.ts';
import type { AnalyticsFacts } from '../storage/analytics-queries.ts';
import { type DayKey, dayOf, eachDay, hourOf } from './shop-days.ts';

/** Rows in each "top" list. */
export const TOP_LIMIT = 20;
/** The intent whose flow the cancellation outcomes belong to. */
const CANCEL_INTENT = 'subscription.cancel';

interface Tally {
  conversations: Set<string>;
  messages: number;
  answered: number;
  clarified: number;
  unanswered: number;
  handoffs: number;
}

function emptyTally(): Tally {
  return { conversations: new Set(), messages: 0, answered: 0, clarified: 0, unanswered: 0, handoffs: 0 };
}

function toBucket(key: string, t: Tally): AnalyticsBucket {
  const conversations = t.conversations.size;
  return {
    key,
    conversations,
    messages: t.messages,
    answered: t.answered,
    clarified: t.clarified,
    unanswered: t.unanswered,
    handoffs: t.handoffs,
    answerRate: t.messages === 0 ? 0 : t.answered / t.messages,
    handoffRate: conversations === 0 ? 0 : t.handoffs / conversations,
  };
}

/** Count map → rows sorted by count (descending), then key. */
function ranked(counts: Map<string, number>, limit: number): [string, number][] {
  return [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).slice(0, limit);
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Builds the report for shop-time days `from`…`to` (both included) from facts of exactly that range. */
export function buildAnalyticsReport(
  facts: AnalyticsFacts,
  range: { from: DayKey; to: DayKey; timeZone: string },
): AnalyticsReport {
  const { timeZone } = range;
  const totals = emptyTally();
  const days = new Map<string, Tally>(eachDay(range.from, range.to).map((d) => [d, emptyTally()]));
  const hours = new Map<string, Tally>(
    Array.from({ length: 24 }, (_, h) => [String(h).padStart(2, '0'), emptyTally()]),
  );
  const talliesOf = (at: Date): Tally[] => {
    const day = days.get(dayOf(at, timeZone));
    const hour = hours.get(hourOf(at, timeZone))!;
    return day ? [totals, day, hour] : [totals, hour];
  };

  // Same wording, same question: 「送料はいくら？」 and 「送料はいくら」 count together under the first seen.
  const unansweredCounts = new Map<string, number>();
  const unansweredLabel = new Map<string, string>();
  for (const m of facts.shopperMessages) {
    for (const t of talliesOf(m.createdAt)) {
      t.conversations.add(m.conversationId);
      t.messages += 1;
      if (m.replyDecision === 'answer') t.answered += 1;
      else if (m.replyDecision === 'clarify') t.clarified += 1;
      else if (m.replyDecision === 'none') t.unanswered += 1;
    }
    if (m.replyDecision === 'none') {
      const key = normalizeText(m.text).replace(/[?？!！。.、,]+$/u, '');
      if (!unansweredLabel.has(key)) unansweredLabel.set(key, m.text);
      increment(unansweredCounts, key);
    }
  }

  const reasons = new Map<string, number>();
  for (const h of facts.handoffs) {
    for (const t of talliesOf(h.createdAt)) t.handoffs += 1;
    increment(reasons, h.reason);
  }

  const intents = new Map<string, number>();
  const feedback = new Map<string, { helpful: number; notHelpful: number }>();
  const cancellationConversations = new Set<string>();
  const retained = new Map<string, number>();
  const declined = new Map<string, number>();
  let cancelled = 0;
  for (const b of facts.botMessages) {
    if (b.decision === 'answer' && b.intent !== null) increment(intents, b.intent);
    if (b.feedback === 1 || b.feedback === -1) {
      const key = b.intent ?? '(none)';
      const entry = feedback.get(key) ?? { helpful: 0, notHelpful: 0 };
      if (b.feedback === 1) entry.helpful += 1;
      else entry.notHelpful += 1;
      feedback.set(key, entry);
    }
    // The flow's first reply asks (why, or an offer); the plain corpus answer (flow off) does not.
    if (b.intent === CANCEL_INTENT && b.decision === 'ask') cancellationConversations.add(b.conversationId);
    const outcome = b.outcome;
    if (outcome?.flow === 'cancellation') {
      cancellationConversations.add(b.conversationId);
      if (outcome.result === 'retained') increment(retained, String(outcome.alternative ?? 'unknown'));
      else if (outcome.result === 'cancelled') {
        cancelled += 1;
        if (outcome.alternative !== undefined) increment(declined, String(outcome.alternative));
      }
    }
  }

  return {
    from: range.from,
    to: range.to,
    totals: toBucket('total', totals),
    days: [...days].map(([key, t]) => toBucket(key, t)),
    hours: [...hours].map(([key, t]) => toBucket(key, t)),
    handoffsByReason: ranked(reasons, Number.POSITIVE_INFINITY).map(([reason, count]) => ({ reason, count })),
    topIntents: ranked(intents, TOP_LIMIT).map(([intent, count]) => ({ intent, count })),
    topUnanswered: ranked(unansweredCounts, TOP_LIMIT).map(([key, count]) => ({
      text: unansweredLabel.get(key) ?? key,
      count,
    })),
    feedbackByIntent: [...feedback]
      .sort(
        ([a, x], [b, y]) =>
          y.helpful + y.notHelpful - (x.helpful + x.notHelpful) || (a < b ? -1 : a > b ? 1 : 0),
      )
      .map(([intent, counts]) => ({ intent, ...counts })),
    cancellation: {
      started: cancellationConversations.size,
      retained: Object.fromEntries(ranked(retained, Number.POSITIVE_INFINITY)),
      cancelled,
      cancelledAfterOffer: Object.fromEntries(ranked(declined, Number.POSITIVE_INFINITY)),
    },
  };
}
