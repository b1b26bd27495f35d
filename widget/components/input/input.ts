/** Defines `<shop-chat-input>`. */
import { defineOnce } from '../../internal/shop-chat-element.ts';
import { ShopChatInput } from './input.component.ts';

export { ShopChatInput };

defineOnce('shop-chat-input', ShopChatInput);

declare global {
  interface HTMLElementTagNameMap {
    'shop-chat-input': ShopChatInput;
  }
}
