import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type {
  AssignUnansweredBody,
  DismissUnansweredBody,
  IntentList,
  ReviewResult,
  UnansweredGroup,
  UnansweredList,
} from '../../../server/schemas/console-api.ts';
import { type ApiError, api } from '../../api/api-client.ts';
import { LoadController } from '../../controllers/load-controller.ts';
import { ConsoleElement } from '../../internal/console-element.ts';
import { errorAlert } from '../../internal/error-alert.ts';
import { nluReasonLabel } from '../../internal/nlu-reason-label.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { unansweredPageStyles } from './unanswered-page.styles.ts';

/**
 * @summary 未回答: what shoppers asked that the bot could not answer (or that they rated down), similar
 * questions grouped, biggest first. A group is assigned to an intent (its messages become utterances)
 * or dismissed. Shoppers' texts are shown as text.
 */
export class ConsoleUnansweredPage extends ConsoleElement {
  static override styles = [componentStyles, unansweredPageStyles];

  @state() accessor locale = '';
  @state() accessor actionError: ApiError | undefined;
  @state() accessor notice = '';
  private readonly list = new LoadController(this, () =>
    api.get<UnansweredList>('/unanswered', { locale: this.locale }),
  );
  private readonly intents = new LoadController(this, () => api.get<IntentList>('/intents'));

  override render() {
    const list = this.list.value;
    const groups = list?.groups ?? [];
    return html`
      <h1>${this.term('navUnanswered')}</h1>
      <div class="toolbar">
        <label class="field">
          ${this.term('locale')}
          <select @change=${(e: Event) => {
            this.locale = (e.target as HTMLSelectElement).value;
            void this.list.reload();
          }}>
            <option value="">${this.term('allLocales')}</option>
            <option value="ja">${this.term('locale_ja')}</option>
            <option value="en">${this.term('locale_en')}</option>
          </select>
        </label>
        ${list ? html`<p class="muted" data-total=${list.total}>${this.term('unansweredCount', list.total, groups.length)}</p>` : nothing}
      </div>
      ${errorAlert(this.localize, this.list.error)} ${errorAlert(this.localize, this.actionError)}
      ${this.notice ? html`<div class="alert success" role="status">${this.notice}</div>` : nothing}
      ${groups.map((group, index) => this.renderGroup(group, index))}
      ${list && groups.length === 0 ? html`<div class="card empty">${this.term('noUnanswered')}</div>` : nothing}
    `;
  }

  private renderGroup(group: UnansweredGroup, index: number) {
    const intentIds = [
      ...new Set(
        (this.intents.value?.intents ?? [])
          .filter((i) => i.id !== 'none' && i.locale === (group.messages[0]?.locale ?? i.locale))
          .map((i) => `${i.id}\u0000${i.title}`),
      ),
    ].map((key) => key.split('\u0000') as [string, string]);
    const selectId = `intent-${index}`;
    return html`
      <section class="card group" data-group=${index}>
        <div class="count">${group.count}<small>${this.term('times')}</small></div>
        <div>
          <div class="label text">${group.label}</div>
          <div class="small muted">
            ${group.suggestedIntent ? html`${this.term('suggested')}: <span class="mono">${group.suggestedIntent}</span>` : nothing}
          </div>
          <details>
            <summary class="small">${this.term('showMessages', group.messages.length)}</summary>
            <ul>
              ${group.messages.map(
                (m) => html`<li>
                  <span class="text">${m.text}</span>
                  <span class="small muted">
                    · ${this.term(`unansweredReason_${m.reason}`)}${
                      m.nluReason
                        ? html` (<span data-field="nlu-reason">${nluReasonLabel(this.localize, m.nluReason)}</span>)`
                        : nothing
                    } · ${m.intent ?? '—'} ${this.localize.score(m.score)} ·
                    ${this.localize.dateTime(m.createdAt)}</span
                  >
                  ${
                    m.signal
                      ? html`<div class="small dispute" data-signal=${m.signal}>
                          ${this.term(`disputeSignal_${m.signal}`)}${
                            m.followUp === null
                              ? nothing
                              : html` · ${this.term('followUp')}: <span class="text">${m.followUp}</span>`
                          }
                        </div>`
                      : nothing
                  }
                </li>`,
              )}
            </ul>
          </details>
        </div>
        <form class="assign" @submit=${(e: SubmitEvent) => this.assign(e, group)}>
          <label class="small" for=${selectId}>${this.term('assignTo')}</label>
          <div class="row">
            <select id=${selectId} name="intent" required>
              <option value="">${this.term('chooseIntent')}</option>
              ${intentIds.map(
                ([id, title]) =>
                  html`<option value=${id} ?selected=${id === group.suggestedIntent}>${title} (${id})</option>`,
              )}
            </select>
            <button class="primary" type="submit" data-action="assign">${this.term('assign')}</button>
          </div>
          <div><button type="button" data-action="dismiss" @click=${() => this.dismiss(group)}>${this.term('dismiss')}</button></div>
        </form>
      </section>
    `;
  }

  private async assign(event: SubmitEvent, group: UnansweredGroup): Promise<void> {
    event.preventDefault();
    const intent = String(new FormData(event.currentTarget as HTMLFormElement).get('intent') ?? '');
    if (!intent) return;
    const body: AssignUnansweredBody = { messageIds: group.messages.map((m) => m.id), intent };
    await this.review('/unanswered/assign', body, (n) => this.term('assigned', n, intent));
  }

  private async dismiss(group: UnansweredGroup): Promise<void> {
    const body: DismissUnansweredBody = { messageIds: group.messages.map((m) => m.id) };
    await this.review('/unanswered/dismiss', body, (n) => this.term('dismissed', n));
  }

  private async review(path: string, body: unknown, notice: (n: number) => string): Promise<void> {
    this.actionError = undefined;
    try {
      const result = await api.post<ReviewResult>(path, body);
      this.notice = notice(result.reviewed);
      await this.list.reload();
    } catch (error) {
      this.actionError = error as ApiError;
    }
  }
}
