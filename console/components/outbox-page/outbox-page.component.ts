import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { OutboxList, OutboxQuery } from '../../../server/schemas/console-api.ts';
import { api } from '../../api/api-client.ts';
import { LoadController } from '../../controllers/load-controller.ts';
import { hashOf } from '../../controllers/route-controller.ts';
import { ConsoleElement } from '../../internal/console-element.ts';
import { errorAlert } from '../../internal/error-alert.ts';
import { mailStatusBadge } from '../../internal/escalation-labels.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { outboxPageStyles } from './outbox-page.styles.ts';

type MailStatus = NonNullable<OutboxQuery['status']>;
const STATUSES: MailStatus[] = ['pending', 'sending', 'sent', 'failed'];

/**
 * @summary 送信箱: the mail outbox (`GET /outbox`): counts per status, the mails waiting, sent and failed
 * with their attempts and last error, and a banner when no SMTP server is configured (mail then waits
 * here and in the server log).
 */
export class ConsoleOutboxPage extends ConsoleElement {
  static override styles = [componentStyles, outboxPageStyles];

  @state() accessor status: MailStatus | '' = '';
  private readonly outbox = new LoadController(this, () =>
    api.get<OutboxList>('/outbox', { status: this.status }),
  );

  override render() {
    const outbox = this.outbox.value;
    return html`
      <h1>${this.term('navOutbox')}</h1>
      ${errorAlert(this.localize, this.outbox.error)}
      ${
        outbox && !outbox.smtpConfigured
          ? html`<div class="alert warning" role="alert" data-banner="smtp">${this.term('smtpNotConfigured')}</div>`
          : nothing
      }
      ${
        outbox
          ? html`<div class="cards">
              ${STATUSES.map(
                (s) => html`<div class="stat" data-count=${s}>
                  <div class="label">${this.term(`mail_${s}`)}</div>
                  <div class="value">${this.localize.count(outbox.counts[s])}</div>
                </div>`,
              )}
            </div>`
          : nothing
      }
      <div class="tabs" role="group" aria-label=${this.term('status')}>
        ${(['', ...STATUSES] as const).map(
          (s) =>
            html`<button type="button" aria-pressed=${this.status === s ? 'true' : 'false'} @click=${() => {
              this.status = s;
              void this.outbox.reload();
            }}>${s === '' ? this.term('all') : this.term(`mail_${s}`)}</button>`,
        )}
        <button type="button" @click=${() => this.outbox.reload()}>↻ ${this.term('refresh')}</button>
      </div>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>${this.term('createdAt')}</th>
              <th>${this.term('status')}</th>
              <th>${this.term('mailTo')}</th>
              <th>${this.term('subject')}</th>
              <th class="num">${this.term('attemptsShort')}</th>
              <th>${this.term('nextAttempt')}</th>
              <th>${this.term('lastError')}</th>
            </tr>
          </thead>
          <tbody>
            ${(outbox?.mails ?? []).map(
              (m) => html`<tr data-mail=${m.id}>
                <td class="small">${this.localize.dateTime(m.createdAt)}</td>
                <td>${mailStatusBadge(this.localize, m.status)}</td>
                <td class="text">${m.to}${m.envelopeTo && m.envelopeTo !== m.to ? html`<br /><span class="small muted">${m.envelopeTo}</span>` : nothing}</td>
                <td class="subject text" data-field="subject">${
                  // No whitespace around the subject: this cell keeps white-space (pre-wrap) for the text.
                  m.escalationId
                    ? html`<a href=${hashOf('escalations', m.escalationId)}>${m.subject}</a>`
                    : m.subject
                }</td>
                <td class="num">${m.attempts}</td>
                <td class="small">${m.status === 'sent' ? this.localize.dateTime(m.sentAt) : this.localize.dateTime(m.nextAttemptAt)}</td>
                <td class="small text">${m.lastError ?? ''}</td>
              </tr>`,
            )}
          </tbody>
        </table>
        ${outbox && outbox.mails.length === 0 ? html`<div class="empty">${this.term('noMail')}</div>` : nothing}
      </div>
    `;
  }
}
