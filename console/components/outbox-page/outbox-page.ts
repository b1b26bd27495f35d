/** Defines `<console-outbox-page>`. */
import { defineOnce } from '../../internal/console-element.ts';
import { ConsoleOutboxPage } from './outbox-page.component.ts';

export { ConsoleOutboxPage };

defineOnce('console-outbox-page', ConsoleOutboxPage);

declare global {
  interface HTMLElementTagNameMap {
    'console-outbox-page': ConsoleOutboxPage;
  }
}
