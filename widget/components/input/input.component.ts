import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { sendIcon } from '../../internal/icons.ts';
import { ShopChatElement } from '../../internal/shop-chat-element.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { inputStyles } from './input.styles.ts';

/** The textarea grows with its text up to this many pixels, then scrolls. */
const MAX_HEIGHT_PX = 128;

/**
 * @summary The message box. Enter sends; Shift+Enter is a newline; Enter that confirms a Japanese IME
 * conversion (`isComposing`, or keyCode 229 in browsers that end the composition first) never sends.
 *
 * @event shop-chat-send - The shopper sent a message; `detail` is `{ text }`.
 *
 * @csspart base - The form.
 * @csspart textarea - The text area.
 * @csspart send-button - The send button.
 * @csspart limit - The warning shown while the text is longer than the server accepts.
 */
export class ShopChatInput extends ShopChatElement {
  static override styles = [componentStyles, inputStyles];
  static override shadowRootOptions = { ...ShopChatElement.shadowRootOptions, delegatesFocus: true };

  /**
   * The longest message the server accepts, in characters (Unicode code points, as the server counts).
   * Longer text is kept and counted, never cut: a textarea `maxlength` counts UTF-16 units and would
   * silently drop the end of a pasted text with emoji.
   */
  @property({ type: Number }) accessor maxlength = 1000;

  @state() private accessor value = '';
  @query('textarea') private accessor textarea!: HTMLTextAreaElement;

  /** True between compositionstart and compositionend (an IME conversion is open). */
  private composing = false;

  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter') return;
    // keyCode 229: Safari and some Android keyboards report the confirming Enter after compositionend.
    if (event.isComposing || this.composing || event.keyCode === 229) return;
    if (event.shiftKey) return; // a newline
    event.preventDefault();
    this.submit();
  }

  private onInput(): void {
    this.value = this.textarea.value;
    this.resize();
  }

  private resize(): void {
    const ta = this.textarea;
    ta.style.height = 'auto';
    ta.style.height = `${Math.min(ta.scrollHeight, MAX_HEIGHT_PX)}px`;
  }

  /** Characters over the limit (0 when the text may be sent). */
  private get excess(): number {
    return Math.max(0, [...this.value].length - this.maxlength);
  }

  private submit(event?: Event): void {
    event?.preventDefault();
    const text = this.textarea.value;
    if (!text.trim() || this.excess > 0) return;
    this.emit('shop-chat-send', { text });
    this.textarea.value = '';
    this.value = '';
    this.resize();
    this.textarea.focus();
  }

  override render() {
    return html`
      <form part="base" @submit=${this.submit}>
        <label class="sr-only" for="message">${this.localize.term('inputLabel')}</label>
        <textarea
          id="message"
          part="textarea"
          rows="1"
          enterkeyhint="send"
          autocomplete="off"
          placeholder=${this.localize.term('inputPlaceholder')}
          aria-describedby="hint limit"
          aria-invalid=${this.excess > 0 ? 'true' : 'false'}
          @keydown=${this.onKeydown}
          @input=${this.onInput}
          @compositionstart=${() => {
            this.composing = true;
          }}
          @compositionend=${() => {
            this.composing = false;
          }}
        ></textarea>
        <span id="hint" class="sr-only">${this.localize.term('inputHint')}</span>
        <button
          type="submit"
          part="send-button"
          aria-label=${this.localize.term('send')}
          title=${this.localize.term('send')}
          ?disabled=${!this.value.trim() || this.excess > 0}
        >
          ${sendIcon}
        </button>
      </form>
      ${
        this.excess > 0
          ? html`<p id="limit" class="limit" part="limit" role="alert">
              ${this.localize.term('inputTooLong', this.maxlength, [...this.value].length)}
            </p>`
          : nothing
      }
    `;
  }
}
