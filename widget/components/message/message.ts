/** Defines `<shop-chat-message>`. */
import { defineOnce } from '../../internal/shop-chat-element.ts';
import { ShopChatMessage } from './message.component.ts';

export { ShopChatMessage };

defineOnce('shop-chat-message', ShopChatMessage);

declare global {
  interface HTMLElementTagNameMap {
    'shop-chat-message': ShopChatMessage;
  }
}
