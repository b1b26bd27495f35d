/** Defines `<console-unanswered-page>`. */
import { defineOnce } from '../../internal/console-element.ts';
import { ConsoleUnansweredPage } from './unanswered-page.component.ts';

export { ConsoleUnansweredPage };

defineOnce('console-unanswered-page', ConsoleUnansweredPage);

declare global {
  interface HTMLElementTagNameMap {
    'console-unanswered-page': ConsoleUnansweredPage;
  }
}
