/** Defines `<shop-chat-message-list>`. */
import { defineOnce } from '../../internal/shop-chat-element.ts';
import { ShopChatMessageList } from './message-list.component.ts';

export { ShopChatMessageList };

defineOnce('shop-chat-message-list', ShopChatMessageList);

declare global {
  interface HTMLElementTagNameMap {
    'shop-chat-message-list': ShopChatMessageList;
  }
}
