import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { ChatEntry, FeedbackValue, QuickReply } from '../../chat/types.ts';
import { clockIcon, thumbDownIcon, thumbUpIcon } from '../../internal/icons.ts';
import { ShopChatElement } from '../../internal/shop-chat-element.ts';
import { markdownStyles } from '../../markdown/markdown.styles.ts';
import { renderMarkdown } from '../../markdown/render-markdown.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { messageStyles } from './message.styles.ts';

/**
 * @summary One message of the transcript: the shopper's plain text, the bot's Markdown (sanitised), or
 * a notice; with its time, the helpful / not helpful control on answers, and the quick replies of the
 * latest bot message.
 *
 * @event shop-chat-quick-reply - A quick reply or clarify button was pressed; `detail` is the QuickReply.
 * @event shop-chat-feedback - A rating was chosen; `detail` is `{ messageId, value }`.
 *
 * @csspart bubble - The message bubble.
 * @csspart author - The "our staff" label above a staff reply.
 * @csspart meta - The time and delivery state line.
 * @csspart quick-replies - The row of quick reply buttons.
 * @csspart quick-reply - One quick reply button.
 * @csspart feedback - The helpful / not helpful buttons.
 */
export class ShopChatMessage extends ShopChatElement {
  static override styles = [componentStyles, markdownStyles, messageStyles];

  /** The message to show. */
  @property({ attribute: false }) accessor entry: ChatEntry | undefined;

  /** Show the quick replies (only the latest bot message offers them). */
  @property({ type: Boolean }) accessor interactive = false;

  /** The bot's rendered Markdown, rebuilt only when the text changes. */
  private markdownNode: HTMLElement | undefined;
  private renderedText: string | undefined;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('entry') && this.entry?.role === 'bot' && this.entry.text !== this.renderedText) {
      const node = document.createElement('div');
      node.className = 'markdown';
      node.append(renderMarkdown(this.entry.text));
      this.markdownNode = node;
      this.renderedText = this.entry.text;
    }
    if (this.entry) this.dataset.role = this.entry.role;
  }

  override render() {
    const entry = this.entry;
    if (!entry) return nothing;
    if (entry.role === 'notice') {
      return html`<p class="notice" part="bubble">${entry.text}</p>`;
    }
    const who = this.localize.term(entry.role === 'bot' ? 'shop' : entry.role === 'staff' ? 'staff' : 'you');
    return html`
      <div class="row ${entry.role}">
        ${entry.role === 'staff' ? html`<span class="author" part="author" aria-hidden="true">${who}</span>` : nothing}
        <div class="bubble" part="bubble">
          <span class="sr-only">${who}: </span>
          ${entry.role === 'bot' ? this.markdownNode : html`<span class="text">${entry.text}</span>`}
        </div>
        <div class="meta" part="meta">
          ${this.renderMeta(entry)}
          ${entry.role === 'bot' && entry.decision === 'answer' && entry.id ? this.renderFeedback(entry) : nothing}
        </div>
        ${this.interactive && entry.quickReplies.length > 0 ? this.renderQuickReplies(entry.quickReplies) : nothing}
      </div>
    `;
  }

  private renderMeta(entry: ChatEntry) {
    if (entry.status === 'failed') return html`<span class="failed">${this.localize.term('failed')}</span>`;
    if (entry.status === 'sending')
      return html`<span class="sending">${clockIcon}${this.localize.term('sending')}</span>`;
    if (!entry.createdAt) return nothing;
    return html`<time datetime=${entry.createdAt} title=${this.localize.dateTime(entry.createdAt)}
      >${this.localize.time(entry.createdAt)}</time
    >`;
  }

  private renderFeedback(entry: ChatEntry) {
    const button = (value: FeedbackValue, label: string, icon: unknown) => html`
      <button
        type="button"
        class="rate"
        aria-pressed=${entry.feedback === value ? 'true' : 'false'}
        aria-label=${label}
        title=${label}
        @click=${() => this.emit('shop-chat-feedback', { messageId: entry.id, value })}
      >
        ${icon}
      </button>
    `;
    return html`
      <div class="feedback" part="feedback" role="group" aria-label=${this.localize.term('feedbackQuestion')}>
        ${button('helpful', this.localize.term('helpful'), thumbUpIcon)}
        ${button('not-helpful', this.localize.term('notHelpful'), thumbDownIcon)}
        ${entry.feedback ? html`<span class="thanks" role="status">${this.localize.term('feedbackThanks')}</span>` : nothing}
      </div>
    `;
  }

  private renderQuickReplies(quickReplies: QuickReply[]) {
    return html`
      <div class="quick-replies" part="quick-replies" role="group" aria-label=${this.localize.term('quickReplies')}>
        ${quickReplies.map(
          (qr) => html`
            <button type="button" part="quick-reply" @click=${() => this.emit('shop-chat-quick-reply', qr)}>
              ${qr.label}
            </button>
          `,
        )}
      </div>
    `;
  }
}
