import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatEntry } from '../../chat/types.ts';
import { ShopChatElement } from '../../internal/shop-chat-element.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import '../message/message.ts';
import { messageListStyles } from './message-list.styles.ts';

/** Within this distance of the bottom (px) the list follows new messages; further up, it stays put. */
const FOLLOW_THRESHOLD_PX = 120;
/** Room kept above a long message shown from its start (px; the log's own padding). */
const TOP_GAP_PX = 16;

/**
 * @summary The transcript: a polite live region that announces new messages, the typing indicator,
 * and scrolling that brings each new message into view once it has rendered (a long one from its
 * start), unless the shopper scrolled up to read: then a "new message" pill offers to jump to it.
 *
 * @csspart base - The scrolling log.
 * @csspart typing - The typing indicator.
 * @csspart new-message - The pill shown when a message arrives while the shopper reads further up.
 */
export class ShopChatMessageList extends ShopChatElement {
  static override styles = [componentStyles, messageListStyles];

  /** The transcript, oldest first. */
  @property({ attribute: false }) accessor entries: ChatEntry[] = [];

  /** Show the typing indicator (a message waits for its answer). */
  @property({ type: Boolean }) accessor waiting = false;

  /** A bot message arrived while the shopper had scrolled up: show the pill. */
  @state() private accessor unseen = false;

  @query('.log') private accessor log!: HTMLElement;
  @query('.content') private accessor content!: HTMLElement;

  /** Keep the newest message in view (false while the shopper reads further up). */
  private follow = true;
  private lastCount = 0;
  /**
   * The newest message arrived and the shopper has not scrolled since: show it from its start if it is
   * taller than the list. Once the shopper scrolls, following means staying at the end.
   */
  private anchored = false;
  /**
   * The shopper moved the list (wheel, touch, scrollbar, keys) since this element last scrolled it. Only
   * then does a scroll event say where they want to be: the browser also scrolls by itself, clamping
   * scrollTop when content shrinks (the typing indicator gives way to a reply not yet rendered).
   */
  private userScrolled = false;
  /**
   * Re-reveals the newest message whenever the content or the list changes size: a message's Markdown
   * renders after the list's own update, and the email form or a phone keyboard shrinks the list.
   */
  private readonly resizeObserver =
    typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => this.reveal());

  override firstUpdated(): void {
    this.resizeObserver?.observe(this.log);
    this.resizeObserver?.observe(this.content);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
  }

  /** Brings the newest message into view and follows new ones again. */
  scrollToEnd(): void {
    this.follow = true;
    this.anchored = true;
    this.unseen = false;
    this.reveal();
  }

  override updated(): void {
    const last = this.entries.at(-1);
    const added = this.entries.length > this.lastCount;
    this.lastCount = this.entries.length;
    // A message the shopper just sent always scrolls into view, even if they had scrolled up.
    if (added && last?.role === 'shopper') this.follow = true;
    if (added && !this.follow && (last?.role === 'bot' || last?.role === 'staff')) this.unseen = true;
    if (added) this.anchored = true;
    this.reveal();
  }

  /**
   * While following: scrolls so the newest item (message or typing indicator) is in view: to the end
   * when it fits, else to its start (a long answer is read from the top).
   */
  private reveal(): void {
    if (!this.follow || !this.log || !this.content) return;
    const newest = this.content.lastElementChild as HTMLElement | null;
    const view = this.log.clientHeight;
    const end = this.log.scrollHeight - view;
    let target = end;
    if (newest && this.anchored && newest.offsetHeight > view - 2 * TOP_GAP_PX) {
      // Taller than the room between the paddings: whole if it fits at all, else from its start.
      const spare = view - newest.offsetHeight;
      target = newest.offsetTop - (spare > 0 ? spare / 2 : TOP_GAP_PX);
    }
    target = Math.max(0, Math.min(end, target));
    if (Math.abs(this.log.scrollTop - target) < 1) return;
    this.userScrolled = false;
    this.log.scrollTop = target;
  }

  private readonly onUserScroll = (): void => {
    this.userScrolled = true;
  };

  private onScroll(): void {
    const { scrollTop, scrollHeight, clientHeight } = this.log;
    if (!this.userScrolled) return;
    this.anchored = false;
    this.follow = scrollHeight - scrollTop - clientHeight < FOLLOW_THRESHOLD_PX;
    if (this.follow) this.unseen = false;
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
        @wheel=${this.onUserScroll}
        @touchmove=${this.onUserScroll}
        @pointerdown=${this.onUserScroll}
        @keydown=${this.onUserScroll}
      >
        <div class="content">
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
      </div>
      ${
        this.unseen
          ? html`<button type="button" class="new-message" part="new-message" @click=${this.scrollToEnd}>
              ${this.localize.term('newMessage')}
            </button>`
          : nothing
      }
    `;
  }
}
