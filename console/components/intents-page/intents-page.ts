/** Defines `<console-intents-page>`. */
import { defineOnce } from '../../internal/console-element.ts';
import { ConsoleIntentsPage } from './intents-page.component.ts';

export { ConsoleIntentsPage };

defineOnce('console-intents-page', ConsoleIntentsPage);

declare global {
  interface HTMLElementTagNameMap {
    'console-intents-page': ConsoleIntentsPage;
  }
}
