import { html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { checkEmail, type EmailProblem, normalizeEmail } from '../../chat/email.ts';
import { mailIcon } from '../../internal/icons.ts';
import { ShopChatElement } from '../../internal/shop-chat-element.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { emailFormStyles } from './email-form.styles.ts';

/**
 * @summary The handoff form: asks for the shopper's email address, validates it, and says when staff
 * will reply.
 *
 * @event shop-chat-email - A valid address was submitted; `detail` is `{ email }`.
 *
 * @csspart base - The form.
 * @csspart input - The email field.
 * @csspart submit - The submit button.
 */
export class ShopChatEmailForm extends ShopChatElement {
  static override styles = [componentStyles, emailFormStyles];

  @state() private accessor error: EmailProblem = null;
  @query('input') private accessor input!: HTMLInputElement;

  /** Focuses the email field. */
  override focus(): void {
    this.input?.focus();
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    const email = normalizeEmail(this.input.value);
    this.error = checkEmail(email);
    if (this.error) {
      this.input.focus();
      return;
    }
    this.emit('shop-chat-email', { email });
    this.input.value = '';
  }

  override render() {
    const promise = this.localize.term('replyPromise');
    return html`
      <form part="base" novalidate @submit=${this.onSubmit} aria-labelledby="title">
        <p id="title" class="title">${mailIcon}<span>${this.localize.term('emailTitle')}</span></p>
        <p class="promise" id="promise">${promise}</p>
        <label for="email">${this.localize.term('emailLabel')}</label>
        <div class="field">
          <input
            id="email"
            part="input"
            type="email"
            name="email"
            autocomplete="email"
            inputmode="email"
            required
            spellcheck="false"
            placeholder=${this.localize.term('emailPlaceholder')}
            aria-invalid=${this.error ? 'true' : 'false'}
            aria-describedby="error promise privacy"
            @input=${() => {
              if (this.error) this.error = null;
            }}
          />
          <button type="submit" part="submit">${this.localize.term('emailSubmit')}</button>
        </div>
        <p id="error" class="error" role="alert">${this.error ? this.localize.term(this.error) : nothing}</p>
        <p id="privacy" class="privacy">${this.localize.term('emailPrivacy')}</p>
      </form>
    `;
  }
}
