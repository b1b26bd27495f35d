/**
 * A Chart.js chart as a reactive controller: created on the host's canvas after the first render,
 * given new data when the host's config changes, destroyed when the host leaves the page. Only the
 * chart types the console draws are registered (bar, line, doughnut), which keeps the bundle small.
 */
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);
Chart.defaults.font.family =
  'system-ui, -apple-system, "Hiragino Sans", "Noto Sans CJK JP", "Noto Sans JP", Meiryo, sans-serif';
Chart.defaults.color = '#3d4451';
// Staff read numbers, not motion; and screenshots stay the same from run to run.
Chart.defaults.animation = false;

/** The chart configurations the console uses. */
export type ConsoleChartConfig = ChartConfiguration<'bar' | 'line' | 'doughnut'>;

export class ChartController implements ReactiveController {
  private chart: Chart | undefined;
  private drawn: ConsoleChartConfig | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly canvas: () => HTMLCanvasElement | null | undefined,
    private readonly config: () => ConsoleChartConfig | undefined,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const config = this.config();
    const canvas = this.canvas();
    if (!config || !canvas || config === this.drawn) return;
    this.drawn = config;
    if (
      this.chart &&
      this.chart.canvas === canvas &&
      (this.chart.config as { type?: string }).type === config.type
    ) {
      this.chart.data = config.data;
      if (config.options) this.chart.options = config.options;
      this.chart.update();
      return;
    }
    this.chart?.destroy();
    this.chart = new Chart(canvas, config as ChartConfiguration);
  }

  hostDisconnected(): void {
    this.chart?.destroy();
    this.chart = undefined;
    this.drawn = undefined;
  }
}
