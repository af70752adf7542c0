import { writeFileSync } from 'node:fs';
import { formatNumber, formatRatio } from './format.js';

/**
 * One measured figure, with the baseline it is compared with (measured in the same run) and the
 * target from issue 8 when there is one. `bench/run.ts` collects these from every benchmark.
 */
export type Figure = {
  bench: string;
  name: string;
  value: number;
  unit: string;
  baseline?: { label: string; value: number };
  /** The target in words, and whether this run met it. */
  target?: { text: string; met: boolean };
  note?: string;
};

export type Skipped = { bench: string; name: string; skipped: string };
export type BenchResult = Figure | Skipped;

export const isSkipped = (result: BenchResult): result is Skipped => 'skipped' in result;

/** Collects a benchmark's figures, prints each as it is measured and hands them to bench/run.ts. */
export function createReport(bench: string) {
  const results: BenchResult[] = [];
  return {
    results,
    add(figure: Omit<Figure, 'bench'>): Figure {
      const full = { bench, ...figure };
      results.push(full);
      console.log(`  ⟶ ${describeFigure(full)}`);
      return full;
    },
    skip(name: string, reason: string): void {
      results.push({ bench, name, skipped: reason });
      console.log(`  ⟶ ${name}: skipped: ${reason}`);
    },
    /**
     * Writes the results where bench/run.ts asked for them (`--result-file`), if it did, and ends the
     * process: the Workplace emulator retries undelivered webhooks on real timers for minutes after its
     * receiver closed, which would keep a finished benchmark alive.
     */
    finish(): never {
      const index = process.argv.indexOf('--result-file');
      const file = index >= 0 ? process.argv[index + 1] : undefined;
      if (file) writeFileSync(file, JSON.stringify(results));
      process.exit(process.exitCode ?? 0);
    },
  };
}

export function describeFigure(figure: Figure): string {
  const parts = [`${figure.name}: ${formatNumber(figure.value, figure.unit)}`];
  if (figure.baseline) {
    parts.push(
      `vs ${figure.baseline.label} ${formatNumber(figure.baseline.value, figure.unit)} = ${formatRatio(figure.value, figure.baseline.value)}`,
    );
  }
  if (figure.target) parts.push(`target ${figure.target.text}: ${figure.target.met ? 'met' : 'MISSED'}`);
  if (figure.note) parts.push(`(${figure.note})`);
  return parts.join('  ');
}
