/**
 * docs/operations.md, docs/grafana-dashboard.json and docs/prometheus-alerts.yml stay true to the metrics
 * registry: every metric a dashboard panel or an alert rule queries exists, and every `shopbot_` metric is
 * in the guide's table.
 */
import fs from 'node:fs';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createPrometheusInstruments } from '../../server/metrics/prometheus-instruments.ts';

/** The registry's metrics, as the server builds them. */
async function registryMetrics(): Promise<{ name: string; type: unknown }[]> {
  const registry = new Registry();
  createPrometheusInstruments(registry, {
    outbox: async () => ({ pending: 0, sending: 0, failed: 0, oldestUnsentAt: null }),
    modelVersion: () => 'v1',
    openSockets: () => 0,
  });
  const metrics = await registry.getMetricsAsJSON();
  registry.clear();
  return metrics;
}

/** Every series name the registry exposes (a histogram's `_bucket`, `_sum`, `_count` included). */
async function exposedNames(): Promise<Set<string>> {
  return new Set(
    (await registryMetrics()).flatMap((metric) =>
      String(metric.type) === 'histogram'
        ? [`${metric.name}_bucket`, `${metric.name}_sum`, `${metric.name}_count`]
        : [metric.name],
    ),
  );
}

/** Metric names a PromQL expression reads (`up` is Prometheus' own, per scrape target). */
function metricsIn(expression: string): string[] {
  return [...expression.matchAll(/\b((?:shopbot|nodejs|process)_[a-z0-9_]+)\b/gu)].map((m) => m[1]!);
}

const dashboard = JSON.parse(fs.readFileSync('docs/grafana-dashboard.json', 'utf8')) as {
  panels: { title: string; targets: { expr: string }[] }[];
};
const alerts = parseYaml(fs.readFileSync('docs/prometheus-alerts.yml', 'utf8')) as {
  groups: { rules: { alert: string; expr: string }[] }[];
};
const guide = fs.readFileSync('docs/operations.md', 'utf8');

describe('docs/grafana-dashboard.json', () => {
  it('queries only metrics the registry exposes', async () => {
    const names = await exposedNames();
    const used = dashboard.panels.flatMap((panel) => panel.targets.flatMap((t) => metricsIn(t.expr)));
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((name) => !names.has(name))).toEqual([]);
  });
});

describe('docs/prometheus-alerts.yml', () => {
  const rules = alerts.groups.flatMap((group) => group.rules);

  it('queries only metrics the registry exposes', async () => {
    const names = await exposedNames();
    const used = rules.flatMap((rule) => metricsIn(rule.expr));
    expect(used.filter((name) => !names.has(name))).toEqual([]);
  });

  it('has the alerts that matter, each listed in docs/operations.md', () => {
    const names = rules.map((rule) => rule.alert);
    for (const needed of [
      'ShopBotMailStuck',
      'ShopBotOutboxGrowing',
      'ShopBotChatErrors',
      'ShopBotEventLoopLag',
    ])
      expect(names).toContain(needed);
    for (const name of names) expect(guide).toContain(`| \`${name}\` |`);
  });
});

describe('docs/operations.md', () => {
  it('lists every shopbot_ metric of the registry', async () => {
    const ours = (await registryMetrics()).map((m) => m.name).filter((n) => n.startsWith('shopbot_'));
    expect(ours.length).toBeGreaterThan(10);
    for (const name of ours) expect(guide).toContain(`| \`${name}\` |`);
  });
});
