/** Defines `<console-escalations-page>`. */
import { defineOnce } from '../../internal/console-element.ts';
import { ConsoleEscalationsPage } from './escalations-page.component.ts';

export { ConsoleEscalationsPage };

defineOnce('console-escalations-page', ConsoleEscalationsPage);

declare global {
  interface HTMLElementTagNameMap {
    'console-escalations-page': ConsoleEscalationsPage;
  }
}
