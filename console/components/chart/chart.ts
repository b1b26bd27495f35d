/** Defines `<console-chart>`. */
import { defineOnce } from '../../internal/console-element.ts';
import { ConsoleChart } from './chart.component.ts';

export { ConsoleChart };

defineOnce('console-chart', ConsoleChart);

declare global {
  interface HTMLElementTagNameMap {
    'console-chart': ConsoleChart;
  }
}
