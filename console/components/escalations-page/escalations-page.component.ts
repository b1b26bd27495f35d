import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { EscalationList, EscalationQuery, IntentTitle } from '../../../server/schemas/console-api.ts';
import { api } from '../../api/api-client.ts';
import { intentTitles, titleOf } from '../../api/intent-titles.ts';
import { LoadController } from '../../controllers/load-controller.ts';
import { hashOf } from '../../controllers/route-controller.ts';
import { ConsoleElement } from '../../internal/console-element.ts';
import { errorAlert } from '../../internal/error-alert.ts';
import { handoffReasonLabel, statusBadge } from '../../internal/escalation-labels.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { escalationsPageStyles } from './escalations-page.styles.ts';

/** The handoff reasons (bot/respond.ts HandoffReason), for the filter. */
const REASONS = ['user-requested', 'low-confidence', 'repeated-fallback', 'defect-report', 'change-request'];

/**
 * @summary エスカレーション: conversations handed to staff (`GET /escalations`), filtered by status, reason,
 * intent (chosen by title from the corpus's intents) and days; a row opens the escalation.
 */
export class ConsoleEscalationsPage extends ConsoleElement {
  static override styles = [componentStyles, escalationsPageStyles];

  @state() accessor filters: EscalationQuery = { status: 'open' };
  @state() accessor titles: IntentTitle[] = [];
  private readonly list = new LoadController(this, () =>
    api.get<EscalationList>('/escalations', { ...this.filters }),
  );

  override connectedCallback(): void {
    super.connectedCallback();
    void intentTitles().then((titles) => {
      this.titles = titles;
    });
  }

  /** One choice per intent id, titled in the staff member's language, in title order. */
  private intentChoices(): { id: string; title: string }[] {
    const ids = [...new Set(this.titles.map((t) => t.id))].filter((id) => id !== 'none');
    return ids
      .map((id) => ({ id, title: titleOf(this.titles, id, this.localize.locale) ?? id }))
      .sort((a, b) => a.title.localeCompare(b.title, this.localize.locale));
  }

  private setFilter(key: keyof EscalationQuery, value: string): void {
    const next: EscalationQuery = { ...this.filters };
    if (value === '') delete next[key];
    else (next as Record<string, string>)[key] = value;
    this.filters = next;
    void this.list.reload();
  }

  override render() {
    const rows = this.list.value?.escalations ?? [];
    const f = this.filters;
    const input = (key: keyof EscalationQuery) => (e: Event) =>
      this.setFilter(key, (e.target as HTMLInputElement | HTMLSelectElement).value.trim());
    return html`
      <h1>${this.term('navEscalations')}</h1>
      <form class="toolbar" data-section="filters" @submit=${(e: Event) => e.preventDefault()}>
        <label class="field">
          ${this.term('status')}
          <select name="status" @change=${input('status')}>
            <option value="" ?selected=${!f.status}>${this.term('all')}</option>
            <option value="open" ?selected=${f.status === 'open'}>${this.term('escalation_open')}</option>
            <option value="resolved" ?selected=${f.status === 'resolved'}>${this.term('escalation_resolved')}</option>
          </select>
        </label>
        <label class="field">
          ${this.term('reason')}
          <select name="reason" @change=${input('reason')}>
            <option value="">${this.term('all')}</option>
            ${REASONS.map((r) => html`<option value=${r} ?selected=${f.reason === r}>${this.handoffReason(r)}</option>`)}
          </select>
        </label>
        <label class="field">
          ${this.term('intent')}
          <select name="intent" @change=${input('intent')}>
            <option value="" ?selected=${!f.intent}>${this.term('all')}</option>
            ${this.intentChoices().map(
              (c) => html`<option value=${c.id} ?selected=${f.intent === c.id}>${c.title}</option>`,
            )}
          </select>
        </label>
        <label class="field">
          ${this.term('from')}
          <input name="from" type="date" @change=${input('from')} />
        </label>
        <label class="field">
          ${this.term('to')}
          <input name="to" type="date" @change=${input('to')} />
        </label>
      </form>
      ${errorAlert(this.localize, this.list.error)}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>${this.term('createdAt')}</th>
              <th>${this.term('status')}</th>
              <th>${this.term('reason')}</th>
              <th>${this.term('intent')}</th>
              <th class="num">${this.term('score')}</th>
              <th>${this.term('shopperEmail')}</th>
              <th>${this.term('summary')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (e) => html`
                <tr class="clickable" data-escalation=${e.id} @click=${() => {
                  window.location.hash = hashOf('escalations', e.id);
                }}>
                  <td class="small"><a href=${hashOf('escalations', e.id)}>${this.localize.dateTime(e.createdAt)}</a></td>
                  <td>${statusBadge(this.localize, e.status)}</td>
                  <td>${this.handoffReason(e.reason)}</td>
                  <td title=${e.intent ?? ''}>${e.intent ? (titleOf(this.titles, e.intent, e.locale) ?? e.intent) : '—'}</td>
                  <td class="num">${this.localize.score(e.score)}</td>
                  <td class="text">${e.email}</td>
                  <td class="summary text">${e.summary ?? ''}</td>
                </tr>
              `,
            )}
          </tbody>
        </table>
        ${rows.length === 0 && !this.list.loading ? html`<div class="empty">${this.term('noEscalations')}</div>` : nothing}
      </div>
    `;
  }

  private handoffReason(reason: string): string {
    return handoffReasonLabel(this.localize, reason);
  }
}
