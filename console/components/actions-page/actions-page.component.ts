import { html, nothing } from 'lit';
import type { BotActionList } from '../../../server/schemas/console-api.ts';
import { api } from '../../api/api-client.ts';
import { LoadController } from '../../controllers/load-controller.ts';
import { ConsoleElement } from '../../internal/console-element.ts';
import { errorAlert } from '../../internal/error-alert.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import type { Translation } from '../../translations/index.ts';

/** The change kinds, each with its label. */
const KINDS: Record<string, keyof Translation> = {
  skip: 'actionKind_skip',
  interval: 'actionKind_interval',
  next_date: 'actionKind_next_date',
  pause: 'actionKind_pause',
  resume: 'actionKind_resume',
  cancel: 'actionKind_cancel',
};

/**
 * @summary ボットの操作: the changes the bot asked of the shop's system for verified shoppers
 * (`GET /actions`): when, who (the shop's customer id), what (the change and the subscription), and the
 * result with its code when it failed or was refused.
 */
export class ConsoleActionsPage extends ConsoleElement {
  static override styles = [componentStyles];

  private readonly actions = new LoadController(this, () => api.get<BotActionList>('/actions', {}));

  override render() {
    const list = this.actions.value;
    return html`
      <h1>${this.term('navActions')}</h1>
      ${errorAlert(this.localize, this.actions.error)}
      <p class="muted">${this.term('actionsIntro')}</p>
      <button type="button" @click=${() => this.actions.reload()}>↻ ${this.term('refresh')}</button>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>${this.term('createdAt')}</th>
              <th>${this.term('actionCustomer')}</th>
              <th>${this.term('actionWhat')}</th>
              <th>${this.term('actionSubscription')}</th>
              <th>${this.term('actionResult')}</th>
            </tr>
          </thead>
          <tbody>
            ${(list?.actions ?? []).map(
              (a) => html`<tr data-action=${a.id}>
                <td class="small">${this.localize.dateTime(a.createdAt)}</td>
                <td class="text">${a.customerId ?? '—'}</td>
                <td>${KINDS[a.kind] ? this.term(KINDS[a.kind] as keyof Translation) : a.kind}${
                  a.change?.kind === 'interval'
                    ? ` (${this.term('actionEvery', a.change.interval.count, a.change.interval.unit)})`
                    : a.change?.kind === 'next_date'
                      ? ` (${a.change.date})`
                      : ''
                }</td>
                <td class="text small">${a.subscriptionId}</td>
                <td data-result=${a.result}>${
                  a.result === 'done'
                    ? this.term('actionDone')
                    : html`${this.term('actionFailed')} <span class="small muted">${a.code ?? ''}</span>`
                }</td>
              </tr>`,
            )}
          </tbody>
        </table>
        ${list && list.actions.length === 0 ? html`<div class="empty">${this.term('noActions')}</div>` : nothing}
      </div>
    `;
  }
}
