import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { chatIcon, closeIcon } from '../../internal/icons.ts';
import { ShopChatElement } from '../../internal/shop-chat-element.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { launcherStyles } from './launcher.styles.ts';

/**
 * @summary The round button that opens and closes the chat.
 *
 * @csspart base - The button.
 * @csspart badge - The unread count.
 *
 * @cssproperty --shop-chat-launcher-size - The button's diameter (default 56px).
 */
export class ShopChatLauncher extends ShopChatElement {
  static override styles = [componentStyles, launcherStyles];
  static override shadowRootOptions = { ...ShopChatElement.shadowRootOptions, delegatesFocus: true };

  /** Whether the chat window is open (the icon and label change). */
  @property({ type: Boolean, reflect: true }) accessor open = false;

  /** Bot messages that arrived while the window was closed. */
  @property({ type: Number }) accessor unread = 0;

  override render() {
    const label = this.open ? this.localize.term('launcherClose') : this.localize.term('launcherOpen');
    return html`
      <button part="base" type="button" aria-expanded=${this.open ? 'true' : 'false'} aria-label=${label}>
        ${this.open ? closeIcon : chatIcon}
        ${
          this.unread > 0 && !this.open
            ? html`<span part="badge" class="badge" aria-label=${this.localize.term('unread', this.unread)}
                >${this.unread}</span
              >`
            : null
        }
      </button>
    `;
  }
}
