/** Defines `<shop-chat-email-form>`. */
import { defineOnce } from '../../internal/shop-chat-element.ts';
import { ShopChatEmailForm } from './email-form.component.ts';

export { ShopChatEmailForm };

defineOnce('shop-chat-email-form', ShopChatEmailForm);

declare global {
  interface HTMLElementTagNameMap {
    'shop-chat-email-form': ShopChatEmailForm;
  }
}
