/** Defines `<console-analytics-page>`. */
import { defineOnce } from '../../internal/console-element.ts';
import { ConsoleAnalyticsPage } from './analytics-page.component.ts';

export { ConsoleAnalyticsPage };

defineOnce('console-analytics-page', ConsoleAnalyticsPage);

declare global {
  interface HTMLElementTagNameMap {
    'console-analytics-page': ConsoleAnalyticsPage;
  }
}
