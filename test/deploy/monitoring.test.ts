import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { createMetrics } from '../../server/src/observability/metrics.js';
import { describeIfAvailable } from '../support/system-requirements.js';

// The alert rules and the Grafana dashboard shipped in deploy/ are checked against Prometheus' own
// validator and against the metrics the server really exports: a renamed metric must not leave an
// alert that can never fire.

const ALERTS = 'deploy/prometheus/alerts.yml';
const DASHBOARD = 'deploy/grafana/workplace-sync-dashboard.json';

const hasPromtool = spawnSync('promtool', ['--version']).status === 0;

/** The series names an expression reads (`workplace_sync_…`), without histogram suffixes. */
const metricsIn = (expression: string) =>
  [...expression.matchAll(/\bworkplace_sync_[a-z_]+/g)].map(([name]) => name.replace(/_(bucket|sum|count)$/, ''));

async function exportedNames(): Promise<Set<string>> {
  const metrics = createMetrics();
  return new Set((await metrics.registry.getMetricsAsJSON()).map((metric) => metric.name));
}

describeIfAvailable(
  'the alert rules',
  {
    available: hasPromtool,
    why: 'promtool is not installed',
    howToEnable: 'apt-get install prometheus (Debian ships promtool with it)',
  },
  () => {
    test('promtool accepts them', () => {
      const output = execFileSync('promtool', ['check', 'rules', ALERTS], { encoding: 'utf8' });
      expect(output).toContain('SUCCESS: 5 rules found');
    });
  },
);

test('every metric the alerts and the dashboard read is one the server exports', async () => {
  const exported = await exportedNames();
  const alertExpressions = [...readFileSync(ALERTS, 'utf8').matchAll(/^\s+expr: (.+)$/gm)].map(([, expr]) => expr!);
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
    panels: Array<{ targets: Array<{ expr: string }> }>;
  };
  const dashboardExpressions = dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr));
  expect(alertExpressions).toHaveLength(5);
  expect(dashboardExpressions.length).toBeGreaterThan(5);
  for (const expression of [...alertExpressions, ...dashboardExpressions]) {
    const names = metricsIn(expression);
    expect(names.length, expression).toBeGreaterThan(0);
    for (const name of names) expect(exported, `${name} in ${expression}`).toContain(name);
  }
});
