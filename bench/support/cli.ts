/** Options every benchmark understands: `--full` (default quick) and DATABASE_URL for PostgreSQL. */
export type BenchMode = 'quick' | 'full';

export const benchMode = (argv: readonly string[] = process.argv): BenchMode =>
  argv.includes('--full') ? 'full' : 'quick';

/** A PostgreSQL superuser URL (each run creates and drops its own databases), or null. */
export function postgresAdminUrl(): string | null {
  const url = process.env.DATABASE_URL?.trim();
  return url ? url : null;
}

export const NO_DATABASE_URL = 'no DATABASE_URL';

/** Picks the quick or the full value. */
export const byMode = <T>(mode: BenchMode, quick: T, full: T): T => (mode === 'full' ? full : quick);
