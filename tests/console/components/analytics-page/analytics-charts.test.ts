import { describe, expect, test } from 'vitest';
import {
  alternativeLabel,
  analyticsCharts,
  dayOffset,
} from '../../../../console/components/analytics-page/analytics-charts.ts';
import { LocalizeController } from '../../../../console/controllers/localize-controller.ts';
import type { AnalyticsReport } from '../../../../server/schemas/console-api.ts';
import { FakeHost } from '../../../helpers/controller-host.ts';

// No navigator in Node: the console speaks Japanese, its default.
const localize = new LocalizeController(new FakeHost());

/** One day or hour of the report. */
function bucket(key: string, counts: { conversations: number; messages: number; answerRate?: number }) {
  return {
    key,
    conversations: counts.conversations,
    messages: counts.messages,
    answered: 3,
    clarified: 1,
    unanswered: 2,
    handoffs: 1,
    answerRate: counts.answerRate ?? 0.5,
    handoffRate: 0.25,
  };
}

const REPORT: AnalyticsReport = {
  from: '2026-11-01',
  to: '2026-11-02',
  totals: bucket('total', { conversations: 4, messages: 8 }),
  days: [
    bucket('2026-11-01', { conversations: 4, messages: 8, answerRate: 0.75 }),
    bucket('2026-11-02', { conversations: 0, messages: 0 }),
  ],
  hours: [bucket('9', { conversations: 1, messages: 2 })],
  handoffsByReason: [{ reason: 'user-requested', count: 2 }],
  topIntents: [{ intent: 'shipping.fee', count: 5 }],
  topUnanswered: [],
  feedbackByIntent: [{ intent: 'shipping.fee', helpful: 3, notHelpful: 1 }],
  cancellation: {
    started: 5,
    retained: { skip: 2, pause: 1 },
    cancelled: 2,
    cancelledAfterOffer: { skip: 1 },
  },
};

describe('dayOffset', () => {
  test('counts back whole days and writes YYYY-MM-DD', () => {
    const now = new Date(2026, 0, 3, 12, 0);
    expect(dayOffset(0, now)).toBe('2026-01-03');
    expect(dayOffset(3, now)).toBe('2025-12-31');
  });
});

describe('analyticsCharts', () => {
  const charts = analyticsCharts(REPORT, localize);

  test('a day without messages or conversations has no rate rather than 0 %', () => {
    const [conversations, answerRate, handoffRate] = charts.days.data.datasets;
    expect(charts.days.data.labels).toEqual(['11-01', '11-02']);
    expect(conversations?.data).toEqual([4, 0]);
    expect(answerRate?.data).toEqual([0.75, null]);
    expect(handoffRate?.data).toEqual([0.25, null]);
  });

  test('hours are labelled in Japanese and stack answered, clarified and unanswered', () => {
    expect(charts.hours.data.labels).toEqual(['9時']);
    expect(charts.hours.data.datasets.map((d) => d.data)).toEqual([[3], [1], [2]]);
  });

  test('handoff reasons are shown in words', () => {
    expect(charts.handoffs.data.labels).toEqual(['お客さまの希望']);
  });

  test('the cancellation chart lists each retention, then the cancellations', () => {
    expect(charts.cancellation.data.datasets[0]?.data).toEqual([2, 1, 2]);
    expect(charts.cancellation.data.labels).toHaveLength(3);
    expect(charts.cancellation.data.labels?.[0]).toContain(alternativeLabel(localize, 'skip'));
    expect(charts.cancellation.data.labels?.[2]).toBe(localize.term('cancelled'));
  });
});

describe('alternativeLabel', () => {
  test('an alternative the console does not know is shown as is', () => {
    expect(alternativeLabel(localize, 'upgrade')).toBe('upgrade');
    expect(alternativeLabel(localize, 'skip')).not.toBe('skip');
  });
});
