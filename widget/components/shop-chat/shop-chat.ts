/** Defines `<shop-chat>` (and, through its imports, every part it uses). */
import { defineOnce } from '../../internal/shop-chat-element.ts';
import { ShopChat } from './shop-chat.component.ts';

export { ShopChat };

defineOnce('shop-chat', ShopChat);

declare global {
  interface HTMLElementTagNameMap {
    'shop-chat': ShopChat;
  }
}
