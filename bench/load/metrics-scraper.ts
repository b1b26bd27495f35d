/**
 * `--metrics`: scrapes a chat server's METRICS_PORT the way Prometheus would (GET /metrics every few
 * seconds) while the loops run, so "with metrics" costs what it costs in production: recording on every
 * message, and a scrape (the outbox query and the text) now and then.
 */

/** Seconds between scrapes (Prometheus is usually set to 15 s; shorter here so short windows see some). */
export const SCRAPE_INTERVAL_MS = 5000;

/** A running scraper. */
export interface MetricsScraper {
  /** Stops scraping; resolves with the scrapes made and those that failed. */
  stop(): { scrapes: number; failures: number };
}

/** Scrapes `http://127.0.0.1:<port>/metrics` every SCRAPE_INTERVAL_MS until stopped. */
export function scrapeMetrics(port: number): MetricsScraper {
  let scrapes = 0;
  let failures = 0;
  const scrape = async () => {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(4000) });
      await response.text();
      scrapes += 1;
      if (!response.ok) failures += 1;
    } catch {
      failures += 1;
    }
  };
  const timer = setInterval(() => void scrape(), SCRAPE_INTERVAL_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      return { scrapes, failures };
    },
  };
}
