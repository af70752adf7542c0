// Every benchmark of issue 8 in sequence, each in a child process of its own, then one table of every
// figure with its baseline (measured in the same run), the ratio and the target.
//
//   npm run bench                      # quick mode (CI-sized: a few minutes)
//   npm run bench -- --full            # full mode (the sizes; the scale curve takes long)
//   npm run bench -- --only sync-latency,addin --markdown /tmp/results.md
//   npm run bench -- --full --only scale --rooms 100,250 --db pglite   # a part of the scale curve
//
// --rooms, --db and --instances (scale) and --interval-ms (sync-latency) are passed on to the benchmarks.
//
// DATABASE_URL (a PostgreSQL superuser's URL; each run creates and drops its own databases) adds the
// PostgreSQL measurements. Figures are printed, never asserted; the exit code is non-zero only when a
// benchmark itself failed.

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { benchMode, postgresAdminUrl } from './support/cli.js';
import type { BenchResult } from './support/figures.js';
import { isSkipped } from './support/figures.js';
import { formatNumber, formatRatio, renderMarkdownTable, renderTable } from './support/format.js';
import { describeMachine } from './support/machine.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const mode = benchMode();

type Bench = {
  name: string;
  file: string;
  modes: Array<'quick' | 'full'>;
  /** Its own arguments instead of --full and --result-file (a benchmark that reports no figures). */
  args?: () => string[];
};
const BENCHES: Bench[] = [
  { name: 'webhook-intake', file: 'webhook-intake.ts', modes: ['quick', 'full'] },
  { name: 'sync-latency', file: 'sync-latency.ts', modes: ['quick', 'full'] },
  { name: 'graph-efficiency', file: 'graph-efficiency.ts', modes: ['quick', 'full'] },
  { name: 'scale', file: 'scale.ts', modes: ['quick', 'full'] },
  { name: 'addin', file: 'addin.ts', modes: ['quick', 'full'] },
  // The job queue against pg-boss 10 (docs/queue-and-intake.md): its own printout, no figures.
  {
    name: 'queue-latency',
    file: 'queue-latency.ts',
    modes: ['full'],
    args: () => (postgresAdminUrl() ? [postgresAdminUrl()!] : []),
  },
];

const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const only = argument('--only')?.split(',');
/** Options of single benchmarks, passed on to every one (each reads only its own). */
const passedOn = ['--rooms', '--db', '--instances', '--interval-ms'].flatMap((name) => {
  const value = argument(name);
  return value === undefined ? [] : [name, value];
});
const selected = BENCHES.filter((bench) => (only ? only.includes(bench.name) : bench.modes.includes(mode)));

function runBench(bench: Bench, resultFile: string): Promise<number> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      path.join(here, bench.file),
      ...(bench.args
        ? bench.args()
        : [...(mode === 'full' ? ['--full'] : []), ...passedOn, '--result-file', resultFile]),
    ],
    { stdio: 'inherit' },
  );
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

console.log(`npm run bench (${mode} mode): ${selected.map((bench) => bench.name).join(', ')}`);
for (const line of describeMachine()) console.log(`  ${line}`);
console.log(`  PostgreSQL: ${postgresAdminUrl() ? new URL(postgresAdminUrl()!).host : 'skipped: no DATABASE_URL'}`);

const scratch = await mkdtemp(path.join(tmpdir(), 'bench-run-'));
const results: BenchResult[] = [];
const failed: string[] = [];
const durations: string[] = [];
const suiteStart = performance.now();
try {
  for (const bench of selected) {
    console.log(`\n━━ ${bench.name} ━━`);
    const resultFile = path.join(scratch, `${bench.name}.json`);
    const startedAt = performance.now();
    const code = await runBench(bench, resultFile);
    durations.push(`${bench.name} ${formatNumber((performance.now() - startedAt) / 1000)} s`);
    if (code !== 0) failed.push(`${bench.name} (exit ${code})`);
    try {
      results.push(...(JSON.parse(await readFile(resultFile, 'utf8')) as BenchResult[]));
    } catch {
      // queue-latency prints its own table and has no figures to collect.
    }
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}

const header = ['benchmark', 'figure', 'value', 'baseline (same run)', 'ratio', 'target', ''];
const rows = results.map((result) =>
  isSkipped(result)
    ? [result.bench, result.name, `skipped: ${result.skipped}`, '', '', '', '']
    : [
        result.bench,
        result.name,
        formatNumber(result.value, result.unit),
        result.baseline ? `${formatNumber(result.baseline.value, result.unit)} (${result.baseline.label})` : '',
        result.baseline ? formatRatio(result.value, result.baseline.value) : '',
        result.target?.text ?? '',
        result.target ? (result.target.met ? 'met' : 'MISSED') : '',
      ],
);
console.log(
  `\n━━ summary (${mode} mode, ${formatNumber((performance.now() - suiteStart) / 1000)} s: ${durations.join(', ')}) ━━`,
);
console.log(renderTable(header, rows));
const markdownFile = argument('--markdown');
if (markdownFile) {
  await writeFile(markdownFile, `${renderMarkdownTable(header, rows)}\n`);
  console.log(`\nmarkdown table written to ${markdownFile}`);
}
if (failed.length > 0) {
  console.log(`\nfailed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
