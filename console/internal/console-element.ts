/** The base class of the console's components: the localize controller and a bubbling event helper. */
import { LitElement } from 'lit';
import { LocalizeController, type TermArgs } from '../controllers/localize-controller.ts';
import type { Translation } from '../translations/index.ts';

export class ConsoleElement extends LitElement {
  protected readonly localize: LocalizeController = new LocalizeController(this);

  /** Shorthand for `this.localize.term`. */
  protected term<K extends keyof Translation>(key: K, ...args: TermArgs<K>): string {
    return this.localize.term(key, ...args);
  }

  /** Dispatches a bubbling event that crosses shadow roots (the console's components nest). */
  protected emit<T>(name: string, detail?: T): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
  }
}

/** Defines a custom element once. */
export function defineOnce(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}
