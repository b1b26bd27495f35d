import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type {
  EscalationDetail,
  EscalationNote,
  EscalationSummary,
  IntentTitle,
  MailView,
  NoteBody,
  ReplyBody,
  ReplyResult,
  TranscriptLine,
} from '../../../server/schemas/console-api.ts';
import { type ApiError, api } from '../../api/api-client.ts';
import { intentTitles, titleOf } from '../../api/intent-titles.ts';
import { session } from '../../api/session.ts';
import { LoadController } from '../../controllers/load-controller.ts';
import { hashOf } from '../../controllers/route-controller.ts';
import { ConsoleElement } from '../../internal/console-element.ts';
import { errorAlert } from '../../internal/error-alert.ts';
import { handoffReasonLabel, mailStatusBadge, statusBadge } from '../../internal/escalation-labels.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import '../mail-frame/mail-frame.ts';
import '../markdown-preview/markdown-preview.ts';
import { escalationDetailStyles } from './escalation-detail.styles.ts';

/**
 * @summary One escalation: the facts, the transcript with the bot's decision, intent title and score on
 * every bot line, the mails as sent (HTML only in a sandboxed frame) with their delivery status, notes,
 * resolve / reopen and a reply to the shopper in the conversation's channel (widget, LINE) or by mail;
 * staff replies show in the transcript with their author and, in the widget, whether they were seen.
 * The bot's lines render as the widget shows them
 * (the console's markdown preview path); shoppers' words are text, never markup.
 */
export class ConsoleEscalationDetail extends ConsoleElement {
  static override styles = [componentStyles, escalationDetailStyles];

  /** The escalation's id. */
  @property() accessor escalationId = '';

  @state() accessor actionError: ApiError | undefined;
  @state() accessor notice = '';
  @state() accessor busy = false;
  @state() accessor titles: IntentTitle[] = [];
  private readonly detail = new LoadController(
    this,
    () => api.get<EscalationDetail>(`/escalations/${encodeURIComponent(this.escalationId)}`),
    false,
  );

  override connectedCallback(): void {
    super.connectedCallback();
    void intentTitles().then((titles) => {
      this.titles = titles;
    });
  }

  /** An intent's title (its id when the corpus no longer has it), or — . */
  private intentLabel(intent: string | null, locale: string): string {
    return intent ? (titleOf(this.titles, intent, locale) ?? intent) : '—';
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('escalationId') && this.escalationId) void this.detail.reload();
  }

  override render() {
    const detail = this.detail.value;
    return html`
      <p><a href=${hashOf('escalations')}>← ${this.term('backToEscalations')}</a></p>
      ${errorAlert(this.localize, this.detail.error)} ${errorAlert(this.localize, this.actionError)}
      ${this.notice ? html`<div class="alert success" role="status">${this.notice}</div>` : nothing}
      ${detail ? this.renderDetail(detail) : this.detail.loading ? html`<p class="muted">${this.term('loading')}</p>` : nothing}
    `;
  }

  private renderDetail({ escalation, transcript, mails, notes }: EscalationDetail) {
    const canWrite = session.can('escalations:write');
    return html`
      <div class="head">
        <h1>${this.term('escalationTitle')}</h1>
        ${statusBadge(this.localize, escalation.status)}
        <span class="spacer"></span>
        ${
          canWrite
            ? escalation.status === 'open'
              ? html`<button class="primary" type="button" data-action="resolve" ?disabled=${this.busy}
                  @click=${() => this.setStatus('resolve')}>${this.term('resolve')}</button>`
              : html`<button type="button" data-action="reopen" ?disabled=${this.busy}
                  @click=${() => this.setStatus('reopen')}>${this.term('reopen')}</button>`
            : nothing
        }
      </div>
      <section class="card">${this.renderFacts(escalation)}</section>
      <div class="columns">
        <div>
          <section class="card">
            <h2>${this.term('transcript')}</h2>
            <ol class="transcript" data-section="transcript">
              ${transcript.map((line) => this.renderLine(line, escalation.locale))}
            </ol>
          </section>
          <section class="card">
            <h2>${this.term('mails')}</h2>
            ${mails.length === 0 ? html`<p class="muted">${this.term('noMails')}</p>` : nothing}
            ${mails.map((mail) => this.renderMail(mail))}
          </section>
        </div>
        <div>
          <section class="card">
            <h2>${this.term('notes')}</h2>
            ${this.renderNotes(notes)}
            ${
              canWrite
                ? html`<form @submit=${this.addNote} data-form="note">
                    <label class="field">${this.term('newNote')}<textarea name="text" rows="3" required maxlength="5000"></textarea></label>
                    <div><button type="submit" ?disabled=${this.busy}>${this.term('addNote')}</button></div>
                  </form>`
                : nothing
            }
          </section>
          ${
            canWrite
              ? html`<section class="card">
                  <h2>${this.term('replyToShopper')}</h2>
                  <form @submit=${this.reply} data-form="reply">
                    <p class="small muted">${this.term('replyHelp', escalation.email)}</p>
                    <fieldset class="via" data-field="via">
                      <legend>${this.term('replyVia')}</legend>
                      <label><input type="radio" name="via" value="chat" checked />${this.term(`replyVia_${escalation.channel}`)}</label>
                      <label><input type="radio" name="via" value="mail" />${this.term('replyVia_mail')}</label>
                    </fieldset>
                    <label class="field">${this.term('subject')}<input name="subject" maxlength="200" placeholder=${this.term('subjectPlaceholder')} /></label>
                    <label class="field">${this.term('message')}<textarea name="text" rows="6" required maxlength="20000"></textarea></label>
                    <div><button class="primary" type="submit" ?disabled=${this.busy}>${this.term('sendReply')}</button></div>
                  </form>
                </section>`
              : nothing
          }
        </div>
      </div>
    `;
  }

  /** 「熟成黒酢カプセル 90粒 × 1 · 2ヶ月ごと · 次回 2026-12-18 · お届け中」 as it was at handoff. */
  private subscriptionLine(s: NonNullable<EscalationSummary['subscriptions']>[number]): string {
    return [
      `${s.productName} × ${s.quantity}`,
      this.term('subscriptionEvery', s.interval.count, s.interval.unit),
      ...(s.nextDeliveryDate ? [this.term('subscriptionNext', s.nextDeliveryDate)] : []),
      this.term(`subscription_${s.status}`),
    ].join(' · ');
  }

  private renderFacts(e: EscalationSummary) {
    return html`<dl>
      <dt>${this.term('createdAt')}</dt>
      <dd>${this.localize.dateTime(e.createdAt)}</dd>
      <dt>${this.term('reason')}</dt>
      <dd>${handoffReasonLabel(this.localize, e.reason)}</dd>
      <dt>${this.term('intent')}</dt>
      <dd data-field="intent" title=${e.intent ?? ''}>${this.intentLabel(e.intent, e.locale)} (${this.localize.score(e.score)})</dd>
      <dt>${this.term('shopperEmail')}</dt>
      <dd class="text">${e.email}</dd>
      ${
        e.customerId
          ? html`<dt>${this.term('customerId')}</dt>
              <dd class="text" data-field="customer">${e.customerId}</dd>`
          : nothing
      }
      ${
        e.subscriptions?.length
          ? html`<dt>${this.term('subscriptionsAtHandoff')}</dt>
              <dd data-field="subscriptions">${e.subscriptions.map(
                (s) => html`<div class="text" data-subscription-id=${s.id}>${this.subscriptionLine(s)}</div>`,
              )}</dd>`
          : nothing
      }
      <dt>${this.term('summary')}</dt>
      <dd class="text">${e.summary ?? '—'}</dd>
      <dt>${this.term('locale')}</dt>
      <dd>${this.term(`locale_${e.locale}`)}</dd>
      ${
        // Only LINE is named: the widget is where every other escalation comes from.
        e.channel === 'line'
          ? html`<dt>${this.term('channel')}</dt>
              <dd data-field="channel">${this.term('channel_line')}</dd>`
          : nothing
      }
      ${
        e.resolvedAt
          ? html`<dt>${this.term('resolvedAt')}</dt>
              <dd data-field="resolved">${this.localize.dateTime(e.resolvedAt)} · ${e.resolvedBy ?? '—'}</dd>`
          : nothing
      }
    </dl>`;
  }

  private renderLine(line: TranscriptLine, locale: string) {
    const who =
      line.role === 'staff'
        ? `${this.term('staffLine')} (${line.staff?.name ?? '—'})`
        : this.term(line.role === 'shopper' ? 'shopper' : 'bot');
    return html`<li class="line ${line.role}" data-seq=${line.seq}>
      ${
        line.role === 'bot'
          ? html`<console-markdown-preview .markdown=${line.text}></console-markdown-preview>`
          : html`<div class="bubble text">${line.text}</div>`
      }
      <div class="meta">
        #${line.seq} ${who} · ${this.localize.dateTime(line.createdAt)}
        ${
          line.role === 'bot'
            ? html` · <span data-field="decision" data-decision=${line.decision ?? ''}>${this.decisionLabel(line.decision)}</span>
                · <span data-field="intent" title=${line.intent ?? ''}>${this.intentLabel(line.intent, locale)}</span>
                · <span data-field="score">${this.localize.score(line.score)}</span>`
            : nothing
        }
        ${line.feedback ? html` · ${this.term(line.feedback === 'helpful' ? 'helpful' : 'notHelpful')}` : nothing}
        ${
          // Whether the widget showed it (LINE does not say).
          line.staff?.channel === 'web'
            ? html` · <span data-field="seen">${line.staff.seenAt ? this.term('staffSeen', this.localize.dateTime(line.staff.seenAt)) : this.term('staffUnseen')}</span>`
            : nothing
        }
      </div>
    </li>`;
  }

  /** A stored decision (bot/respond.ts BotReply.decision) in words; an unknown one as is. */
  private decisionLabel(decision: string | null): string {
    switch (decision) {
      case 'answer':
      case 'clarify':
      case 'none':
      case 'handoff':
      case 'ask':
        return this.term(`transcriptDecision_${decision}`);
      case null:
        return '—';
      default:
        return decision;
    }
  }

  private renderMail(mail: MailView) {
    return html`<div class="mail" data-mail=${mail.id}>
      <h3 class="text">${mail.subject}</h3>
      <p class="small">
        ${mailStatusBadge(this.localize, mail.status)} ${this.term('mailTo')}: <span class="text">${mail.to}</span>
        ${mail.replyTo ? html` · Reply-To: <span class="text">${mail.replyTo}</span>` : nothing}
        · ${this.term('attempts', mail.attempts)}
        ${mail.sentAt ? html` · ${this.term('sentAt')}: ${this.localize.dateTime(mail.sentAt)}` : nothing}
      </p>
      ${mail.lastError ? html`<div class="alert error text">${mail.lastError}</div>` : nothing}
      <console-mail-frame .mailHtml=${mail.html} subject=${mail.subject}></console-mail-frame>
    </div>`;
  }

  private renderNotes(notes: EscalationNote[]) {
    if (notes.length === 0) return html`<p class="muted">${this.term('noNotes')}</p>`;
    return html`<ul class="notes">
      ${notes.map(
        (n) => html`<li>
          <div class="small muted">${n.authorName} · ${this.localize.dateTime(n.createdAt)}</div>
          <div class="text">${n.text}</div>
        </li>`,
      )}
    </ul>`;
  }

  private async run(action: () => Promise<unknown>, notice: string): Promise<boolean> {
    this.busy = true;
    this.actionError = undefined;
    try {
      await action();
      this.notice = notice;
      await this.detail.reload();
      return true;
    } catch (error) {
      this.actionError = error as ApiError;
      return false;
    } finally {
      this.busy = false;
    }
  }

  private setStatus(action: 'resolve' | 'reopen'): Promise<boolean> {
    return this.run(
      () => api.post(`/escalations/${this.escalationId}/${action}`),
      this.term(action === 'resolve' ? 'resolvedNotice' : 'reopenedNotice'),
    );
  }

  private async addNote(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const body: NoteBody = { text: String(new FormData(form).get('text') ?? '') };
    if (
      await this.run(() => api.post(`/escalations/${this.escalationId}/notes`, body), this.term('noteAdded'))
    )
      form.reset();
  }

  private async reply(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const body: ReplyBody = {
      text: String(data.get('text') ?? ''),
      via: data.get('via') === 'mail' ? 'mail' : 'chat',
    };
    const subject = String(data.get('subject') ?? '').trim();
    if (subject) body.subject = subject;
    let sent: ReplyResult | undefined;
    const done = await this.run(async () => {
      sent = await api.post<ReplyResult>(`/escalations/${this.escalationId}/reply`, body);
    }, '');
    if (!done || !sent) return;
    form.reset();
    this.notice = sent.fallback
      ? this.term('replyFallback')
      : this.term(sent.via === 'mail' ? 'replyQueued' : `replySent_${sent.via}`);
  }
}
