/**
 * The analytics page's charts, made from a report: pure data (Chart.js configurations), so the page
 * only draws them and tests can read them.
 */
import type { AnalyticsReport } from '../../../server/schemas/console-api.ts';
import type { ConsoleChartConfig } from '../../controllers/chart-controller.ts';
import type { LocalizeController } from '../../controllers/localize-controller.ts';
import { handoffReasonLabel } from '../../internal/escalation-labels.ts';

/** Chart colours (the console's accent first; distinguishable for common colour blindness). */
const COLORS = ['#2f6fdb', '#e8833a', '#1b9e77', '#d95f9b', '#7570b3', '#a6761d', '#66a61e', '#999999'];
const GOOD = '#1b9e77';
const BAD = '#d9534f';

/** The page's charts by name. */
export type AnalyticsCharts = Record<
  'days' | 'hours' | 'handoffs' | 'intents' | 'feedback' | 'cancellation',
  ConsoleChartConfig
>;

/** A day `days` before `now` in the browser's zone, YYYY-MM-DD. */
export function dayOffset(days: number, now: Date = new Date()): string {
  const date = new Date(now.getTime() - days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The report's charts as Chart.js configurations: conversations with the answer and handoff rates per
 * day (a day without messages or conversations has no rate, not 0 %), answers per hour of day, handoffs
 * by reason, top intents, feedback per intent and the cancellation flow's outcomes.
 */
export function analyticsCharts(r: AnalyticsReport, localize: LocalizeController): AnalyticsCharts {
  const pct = {
    min: 0,
    max: 1,
    ticks: { callback: (v: string | number) => `${Math.round(Number(v) * 100)}%` },
  };
  const retained = Object.entries(r.cancellation.retained);
  return {
    days: {
      type: 'bar',
      data: {
        labels: r.days.map((d) => d.key.slice(5)),
        datasets: [
          {
            type: 'bar',
            label: localize.term('conversations'),
            data: r.days.map((d) => d.conversations),
            backgroundColor: COLORS[0],
            yAxisID: 'y',
          },
          {
            type: 'line',
            label: localize.term('answerRate'),
            data: r.days.map((d) => (d.messages > 0 ? d.answerRate : null)),
            borderColor: GOOD,
            backgroundColor: GOOD,
            yAxisID: 'rate',
            tension: 0.25,
          },
          {
            type: 'line',
            label: localize.term('handoffRate'),
            data: r.days.map((d) => (d.conversations > 0 ? d.handoffRate : null)),
            borderColor: BAD,
            backgroundColor: BAD,
            yAxisID: 'rate',
            tension: 0.25,
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        scales: {
          y: { beginAtZero: true, position: 'left' },
          rate: { ...pct, position: 'right', grid: { drawOnChartArea: false } },
        },
      },
    } as ConsoleChartConfig,
    hours: {
      type: 'bar',
      data: {
        labels: r.hours.map((h) => `${h.key}時`),
        datasets: [
          {
            label: localize.term('answered'),
            data: r.hours.map((h) => h.answered),
            backgroundColor: GOOD,
            stack: 'm',
          },
          {
            label: localize.term('clarified'),
            data: r.hours.map((h) => h.clarified),
            backgroundColor: '#f0ad4e',
            stack: 'm',
          },
          {
            label: localize.term('unansweredLabel'),
            data: r.hours.map((h) => h.unanswered),
            backgroundColor: BAD,
            stack: 'm',
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } },
      },
    },
    handoffs: {
      type: 'doughnut',
      data: {
        labels: r.handoffsByReason.map((h) => handoffReasonLabel(localize, h.reason)),
        datasets: [{ data: r.handoffsByReason.map((h) => h.count), backgroundColor: COLORS }],
      },
      options: { maintainAspectRatio: false, plugins: { legend: { position: 'right' } } },
    },
    intents: {
      type: 'bar',
      data: {
        labels: r.topIntents.map((i) => i.intent),
        datasets: [
          {
            label: localize.term('count'),
            data: r.topIntents.map((i) => i.count),
            backgroundColor: COLORS[0],
          },
        ],
      },
      options: { indexAxis: 'y', maintainAspectRatio: false, plugins: { legend: { display: false } } },
    },
    feedback: {
      type: 'bar',
      data: {
        labels: r.feedbackByIntent.map((f) => f.intent),
        datasets: [
          {
            label: localize.term('helpful'),
            data: r.feedbackByIntent.map((f) => f.helpful),
            backgroundColor: GOOD,
            stack: 'f',
          },
          {
            label: localize.term('notHelpful'),
            data: r.feedbackByIntent.map((f) => f.notHelpful),
            backgroundColor: BAD,
            stack: 'f',
          },
        ],
      },
      options: {
        indexAxis: 'y',
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true } },
      },
    },
    cancellation: {
      type: 'doughnut',
      data: {
        labels: [
          ...retained.map(([alt]) => localize.term('retainedWith', alternativeLabel(localize, alt))),
          localize.term('cancelled'),
        ],
        datasets: [
          {
            data: [...retained.map(([, n]) => n), r.cancellation.cancelled],
            backgroundColor: [...COLORS.slice(2, 2 + retained.length), BAD],
          },
        ],
      },
      options: { maintainAspectRatio: false, plugins: { legend: { position: 'right' } } },
    },
  };
}

/** A retention alternative of the cancellation flow in words; an unknown one as is. */
export function alternativeLabel(localize: LocalizeController, key: string): string {
  const labels: Record<string, string> = {
    interval: localize.term('alt_interval'),
    switch: localize.term('alt_switch'),
    skip: localize.term('alt_skip'),
    pause: localize.term('alt_pause'),
  };
  return labels[key] ?? key;
}
