import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type {
  AnalyticsCsvQuery,
  AnalyticsQuery,
  AnalyticsReport,
} from '../../../server/schemas/console-api.ts';
import { api, apiUrl } from '../../api/api-client.ts';
import type { ConsoleChartConfig } from '../../controllers/chart-controller.ts';
import { LoadController } from '../../controllers/load-controller.ts';
import { ConsoleElement } from '../../internal/console-element.ts';
import { errorAlert } from '../../internal/error-alert.ts';
import { handoffReasonLabel } from '../../internal/escalation-labels.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import '../chart/chart.ts';
import { analyticsPageStyles } from './analytics-page.styles.ts';

/** Chart colours (the console's accent first; distinguishable for common colour blindness). */
const COLORS = ['#2f6fdb', '#e8833a', '#1b9e77', '#d95f9b', '#7570b3', '#a6761d', '#66a61e', '#999999'];
const GOOD = '#1b9e77';
const BAD = '#d9534f';

/** A day `days` before today in the browser's zone, YYYY-MM-DD. */
function dayOffset(days: number): string {
  const date = new Date(Date.now() - days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * @summary 分析: conversations per day, answer rate, handoffs by reason, top intents, top unanswered
 * questions, feedback per intent, cancellation outcomes, by day and by hour of day, as Chart.js charts;
 * every table downloadable as CSV (`GET /analytics.csv`).
 */
export class ConsoleAnalyticsPage extends ConsoleElement {
  static override styles = [componentStyles, analyticsPageStyles];

  @state() accessor query: AnalyticsQuery = { from: dayOffset(29), to: dayOffset(0) };
  private readonly report = new LoadController(this, () =>
    api.get<AnalyticsReport>('/analytics', { ...this.query }),
  );
  /** Charts are rebuilt only when a new report arrives (a new config object redraws a chart). */
  private charts: Record<string, ConsoleChartConfig> = {};
  private chartsOf: AnalyticsReport | undefined;

  private setQuery(key: keyof AnalyticsQuery, value: string): void {
    const next = { ...this.query };
    if (value) (next as Record<string, string>)[key] = value;
    else delete next[key];
    this.query = next;
    void this.report.reload();
  }

  private csv(report: AnalyticsCsvQuery['report']) {
    return html`<a href=${apiUrl('/analytics.csv', { ...this.query, report })} download="analytics-${report}.csv"
      data-csv=${report}>${this.term('downloadCsv')}</a>`;
  }

  override render() {
    const report = this.report.value;
    const input = (key: keyof AnalyticsQuery) => (e: Event) =>
      this.setQuery(key, (e.target as HTMLInputElement).value);
    return html`
      <h1>${this.term('navAnalytics')}</h1>
      <div class="toolbar">
        <label class="field">${this.term('from')}<input type="date" name="from" .value=${this.query.from ?? ''} @change=${input('from')} /></label>
        <label class="field">${this.term('to')}<input type="date" name="to" .value=${this.query.to ?? ''} @change=${input('to')} /></label>
        <label class="field">
          ${this.term('locale')}
          <select name="locale" @change=${input('locale')}>
            <option value="">${this.term('allLocales')}</option>
            <option value="ja">${this.term('locale_ja')}</option>
            <option value="en">${this.term('locale_en')}</option>
          </select>
        </label>
      </div>
      ${errorAlert(this.localize, this.report.error)}
      ${report ? this.renderReport(report) : this.report.loading ? html`<p class="muted">${this.term('loading')}</p>` : nothing}
    `;
  }

  private buildCharts(r: AnalyticsReport): Record<string, ConsoleChartConfig> {
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
              label: this.term('conversations'),
              data: r.days.map((d) => d.conversations),
              backgroundColor: COLORS[0],
              yAxisID: 'y',
            },
            {
              type: 'line',
              label: this.term('answerRate'),
              data: r.days.map((d) => (d.messages > 0 ? d.answerRate : null)),
              borderColor: GOOD,
              backgroundColor: GOOD,
              yAxisID: 'rate',
              tension: 0.25,
            },
            {
              type: 'line',
              label: this.term('handoffRate'),
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
              label: this.term('answered'),
              data: r.hours.map((h) => h.answered),
              backgroundColor: GOOD,
              stack: 'm',
            },
            {
              label: this.term('clarified'),
              data: r.hours.map((h) => h.clarified),
              backgroundColor: '#f0ad4e',
              stack: 'm',
            },
            {
              label: this.term('unansweredLabel'),
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
          labels: r.handoffsByReason.map((h) => handoffReasonLabel(this.localize, h.reason)),
          datasets: [{ data: r.handoffsByReason.map((h) => h.count), backgroundColor: COLORS }],
        },
        options: { maintainAspectRatio: false, plugins: { legend: { position: 'right' } } },
      },
      intents: {
        type: 'bar',
        data: {
          labels: r.topIntents.map((i) => i.intent),
          datasets: [
            { label: this.term('count'), data: r.topIntents.map((i) => i.count), backgroundColor: COLORS[0] },
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
              label: this.term('helpful'),
              data: r.feedbackByIntent.map((f) => f.helpful),
              backgroundColor: GOOD,
              stack: 'f',
            },
            {
              label: this.term('notHelpful'),
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
            ...retained.map(([alt]) => this.term('retainedWith', this.alternative(alt))),
            this.term('cancelled'),
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

  private alternative(key: string): string {
    const labels: Record<string, string> = {
      interval: this.term('alt_interval'),
      switch: this.term('alt_switch'),
      skip: this.term('alt_skip'),
      pause: this.term('alt_pause'),
    };
    return labels[key] ?? key;
  }

  private renderReport(r: AnalyticsReport) {
    if (this.chartsOf !== r) {
      this.charts = this.buildCharts(r);
      this.chartsOf = r;
    }
    const t = r.totals;
    const stat = (label: string, value: string, key: string) =>
      html`<div class="stat" data-stat=${key}><div class="label">${label}</div><div class="value">${value}</div></div>`;
    const c = r.cancellation;
    const retainedTotal = Object.values(c.retained).reduce((a, b) => a + b, 0);
    return html`
      <div class="cards">
        ${stat(this.term('conversations'), this.localize.count(t.conversations), 'conversations')}
        ${stat(this.term('messages'), this.localize.count(t.messages), 'messages')}
        ${stat(this.term('answerRate'), this.localize.percent(t.answerRate), 'answerRate')}
        ${stat(this.term('handoffRate'), this.localize.percent(t.handoffRate), 'handoffRate')}
        ${stat(this.term('handoffs'), this.localize.count(t.handoffs), 'handoffs')}
      </div>
      <div class="charts">
        <section class="card wide">
          <h2>${this.term('chartDays')} ${this.csv('days')}</h2>
          <console-chart .config=${this.charts.days} label=${this.term('chartDays')}></console-chart>
        </section>
        <section class="card wide">
          <h2>${this.term('chartHours')} ${this.csv('hours')}</h2>
          <console-chart .config=${this.charts.hours} label=${this.term('chartHours')}></console-chart>
        </section>
        <section class="card">
          <h2>${this.term('chartHandoffs')} ${this.csv('handoffs')}</h2>
          ${
            r.handoffsByReason.length > 0
              ? html`<console-chart .config=${this.charts.handoffs} label=${this.term('chartHandoffs')}></console-chart>`
              : html`<div class="empty">${this.term('noData')}</div>`
          }
        </section>
        <section class="card">
          <h2>${this.term('chartCancellation')}</h2>
          <p class="small muted">${this.term('cancellationSummary', c.started, retainedTotal, c.cancelled)}</p>
          ${
            c.started > 0
              ? html`<console-chart .config=${this.charts.cancellation} label=${this.term('chartCancellation')}></console-chart>`
              : html`<div class="empty">${this.term('noData')}</div>`
          }
        </section>
        <section class="card">
          <h2>${this.term('chartIntents')} ${this.csv('intents')}</h2>
          <console-chart .config=${this.charts.intents} label=${this.term('chartIntents')}></console-chart>
        </section>
        <section class="card">
          <h2>${this.term('chartFeedback')} ${this.csv('feedback')}</h2>
          <console-chart .config=${this.charts.feedback} label=${this.term('chartFeedback')}></console-chart>
        </section>
        <section class="card wide">
          <h2>${this.term('chartUnanswered')} ${this.csv('unanswered')}</h2>
          <table class="list">
            <thead><tr><th>${this.term('question')}</th><th class="num">${this.term('count')}</th></tr></thead>
            <tbody>
              ${r.topUnanswered.map((u) => html`<tr><td class="text">${u.text}</td><td class="num">${u.count}</td></tr>`)}
            </tbody>
          </table>
          ${r.topUnanswered.length === 0 ? html`<div class="empty">${this.term('noData')}</div>` : nothing}
        </section>
      </div>
    `;
  }
}
