/**
 * Latency summaries for the load benchmark: exact percentiles over every sample (the runs are bounded, so
 * the samples fit in memory), in milliseconds rounded to 0.01 ms.
 */

/** Percentiles of one latency distribution, in ms; all 0 when there are no samples. */
export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** Nearest-rank percentile of an ascending array (q in 0–1). */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(q * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

/** Summarises latency samples given in ms (the array is copied, not sorted in place). */
export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count: sorted.length,
    mean: sorted.length ? round2(sum / sorted.length) : 0,
    p50: round2(percentile(sorted, 0.5)),
    p95: round2(percentile(sorted, 0.95)),
    p99: round2(percentile(sorted, 0.99)),
    max: round2(sorted.length ? sorted[sorted.length - 1]! : 0),
  };
}
