import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type {
  AnalyticsCsvQuery,
  AnalyticsQuery,
  AnalyticsReport,
} from '../../../server/schemas/console-api.ts';
import { api, apiUrl } from '../../api/api-client.ts';
import { LoadController } from '../../controllers/load-controller.ts';
import { ConsoleElement } from '../../internal/console-element.ts';
import { errorAlert } from '../../internal/error-alert.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import '../chart/chart.ts';
import { type AnalyticsCharts, analyticsCharts, dayOffset } from './analytics-charts.ts';
import { analyticsPageStyles } from './analytics-page.styles.ts';

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
  private charts: AnalyticsCharts | undefined;
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

  private renderReport(r: AnalyticsReport) {
    if (this.chartsOf !== r || !this.charts) {
      this.charts = analyticsCharts(r, this.localize);
      this.chartsOf = r;
    }
    const charts = this.charts;
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
          <console-chart .config=${charts.days} label=${this.term('chartDays')}></console-chart>
        </section>
        <section class="card wide">
          <h2>${this.term('chartHours')} ${this.csv('hours')}</h2>
          <console-chart .config=${charts.hours} label=${this.term('chartHours')}></console-chart>
        </section>
        <section class="card">
          <h2>${this.term('chartHandoffs')} ${this.csv('handoffs')}</h2>
          ${
            r.handoffsByReason.length > 0
              ? html`<console-chart .config=${charts.handoffs} label=${this.term('chartHandoffs')}></console-chart>`
              : html`<div class="empty">${this.term('noData')}</div>`
          }
        </section>
        <section class="card">
          <h2>${this.term('chartCancellation')}</h2>
          <p class="small muted">${this.term('cancellationSummary', c.started, retainedTotal, c.cancelled)}</p>
          ${
            c.started > 0
              ? html`<console-chart .config=${charts.cancellation} label=${this.term('chartCancellation')}></console-chart>`
              : html`<div class="empty">${this.term('noData')}</div>`
          }
        </section>
        <section class="card">
          <h2>${this.term('chartIntents')} ${this.csv('intents')}</h2>
          <console-chart .config=${charts.intents} label=${this.term('chartIntents')}></console-chart>
        </section>
        <section class="card">
          <h2>${this.term('chartFeedback')} ${this.csv('feedback')}</h2>
          <console-chart .config=${charts.feedback} label=${this.term('chartFeedback')}></console-chart>
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
