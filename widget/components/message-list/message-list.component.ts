import { html, nothing } from 'lit';
import { property, query } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatEntry } from '../../chat/types.ts';
import { ShopChatElement } from '../../internal/shop-chat-element.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import '../message/message.ts';
import { messageListStyles } from './message-list.styles.ts';

/** Within this distance of the bottom (px) the list follows new messages; further up, it stays put. */
const FOLLOW_THRESHOLD_PX = 120;

/**
 * @summary The transcript: a polite live region that announces new messages, the typing indicator,
 * and scrolling that follows new messages unless the shopper scrolled up to read.
 *
 * @csspart base - The scrolling log.
 * @csspart typing - The typing indicator.
 */
export class ShopChatMessageList extends ShopChatElement {
  static override styles = [componentStyles, messageListStyles];

  /** The transcript, oldest first. */
  @property({ attribute: false }) accessor entries: ChatEntry[] = [];

  /** Show the typing indicator (a message waits for its answer). */
  @property({ type: Boolean }) accessor waiting = false;

  @query('.log') private accessor log!: HTMLElement;

  private follow = true;
  private lastCount = 0;
  /** Keeps the newest message in view when the list shrinks (email form, phone keyboard). */
  private readonly resizeObserver =
    typeof ResizeObserver === 'undefined'
      ? undefined
      : new ResizeObserver(() => {
          if (this.follow && this.log) this.log.scrollTop = this.log.scrollHeight;
        });

  override firstUpdated(): void {
    this.resizeObserver?.observe(this.log);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
  }

  /** Scrolls to the newest message. */
  scrollToEnd(): void {
    this.follow = true;
    if (this.log) this.log.scrollTop = this.log.scrollHeight;
  }

  override updated(): void {
    const last = this.entries.at(-1);
    // A message the shopper just sent always scrolls into view, even if they had scrolled up.
    if (this.entries.length !== this.lastCount && last?.role === 'shopper') this.follow = true;
    this.lastCount = this.entries.length;
    if (this.follow) this.log.scrollTop = this.log.scrollHeight;
  }

  private onScroll(): void {
    const { scrollTop, scrollHeight, clientHeight } = this.log;
    this.follow = scrollHeight - scrollTop - clientHeight < FOLLOW_THRESHOLD_PX;
  }

  override render() {
    const lastIndex = this.entries.length - 1;
    return html`
      <div
        class="log"
        part="base"
        role="log"
        aria-live="polite"
        aria-relevant="additions"
        aria-label=${this.localize.term('title')}
        tabindex="0"
        @scroll=${this.onScroll}
      >
        ${this.entries.length === 0 ? html`<p class="empty">${this.localize.term('empty')}</p>` : nothing}
        ${repeat(
          this.entries,
          (e) => e.key,
          (e, i) => html`<shop-chat-message
            lang=${this.localize.locale}
            .entry=${e}
            ?interactive=${i === lastIndex && e.role === 'bot'}
          ></shop-chat-message>`,
        )}
        ${
          this.waiting
            ? html`<div class="typing" part="typing" role="status">
                <span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>
                <span class="sr-only">${this.localize.term('typing')}</span>
              </div>`
            : nothing
        }
      </div>
    `;
  }
}
