/** Defines `<console-actions-page>`. */
import { defineOnce } from '../../internal/console-element.ts';
import { ConsoleActionsPage } from './actions-page.component.ts';

export { ConsoleActionsPage };

defineOnce('console-actions-page', ConsoleActionsPage);

declare global {
  interface HTMLElementTagNameMap {
    'console-actions-page': ConsoleActionsPage;
  }
}
