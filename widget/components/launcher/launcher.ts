/** Defines `<shop-chat-launcher>`. */
import { defineOnce } from '../../internal/shop-chat-element.ts';
import { ShopChatLauncher } from './launcher.component.ts';

export { ShopChatLauncher };

defineOnce('shop-chat-launcher', ShopChatLauncher);

declare global {
  interface HTMLElementTagNameMap {
    'shop-chat-launcher': ShopChatLauncher;
  }
}
