import { html } from 'lit';
import { property, query } from 'lit/decorators.js';
import { ChartController, type ConsoleChartConfig } from '../../controllers/chart-controller.ts';
import { ConsoleElement } from '../../internal/console-element.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { chartStyles } from './chart.styles.ts';

/**
 * @summary A Chart.js chart (bar, line or doughnut) that fills its box; a new `config` object redraws it.
 *
 * @cssproperty --console-chart-height - The chart's height (default 260px).
 */
export class ConsoleChart extends ConsoleElement {
  static override styles = [componentStyles, chartStyles];

  /** The Chart.js configuration (replace the object to redraw). */
  @property({ attribute: false }) accessor config: ConsoleChartConfig | undefined;
  /** The accessible name of the chart (its data is also in the table or CSV beside it). */
  @property() accessor label = '';

  @query('canvas') accessor canvas: HTMLCanvasElement | null = null;

  constructor() {
    super();
    new ChartController(
      this,
      () => this.canvas,
      () => this.config,
    );
  }

  override render() {
    return html`<div class="wrap"><canvas role="img" aria-label=${this.label}></canvas></div>`;
  }
}
