/** The base class of the widget's components: a reflected `lang` and the localize controller. */
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { LocalizeController } from '../controllers/localize-controller.ts';

export class ShopChatElement extends LitElement {
  /** The language of the component's strings (`ja` or `en`); `<shop-chat>` sets it on its parts. */
  @property({ reflect: true }) override accessor lang = '';

  protected readonly localize: LocalizeController = new LocalizeController(this);

  /** Dispatches a bubbling event that crosses shadow roots (our components nest). */
  protected emit<T>(name: string, detail?: T): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
  }
}

/** Defines a custom element once (the script may be included twice on a page). */
export function defineOnce(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}
