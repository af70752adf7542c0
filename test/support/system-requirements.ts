import { describe, test } from 'vitest';

/** Something a suite needs from the machine (a database server, a browser), and how to provide it. */
export type SystemRequirement = {
  available: boolean;
  /** What is missing, e.g. 'DATABASE_URL is not set'. */
  why: string;
  /** What to run to provide it. */
  howToEnable: string;
};

const isCi = () => process.env.CI === 'true';

/**
 * `describe` when the requirement is met. Otherwise, locally: a skipped suite plus a warning naming it,
 * so a green run never hides that a suite did not run. On CI (CI=true) a missing requirement is a
 * failing test instead: CI must run everything.
 *
 * `fn` is still called to collect the (skipped) tests, so it must use the environment only inside hooks and tests.
 */
export function describeIfAvailable(name: string, requirement: SystemRequirement, fn: () => void): void {
  if (requirement.available) {
    describe(name, fn);
    return;
  }
  if (isCi()) {
    describe(name, () => {
      test('runs on CI', () => {
        throw new Error(
          `The suite "${name}" cannot be skipped in CI: ${requirement.why}. To enable it: ${requirement.howToEnable}`,
        );
      });
    });
    return;
  }
  console.warn(`SKIPPED suite "${name}": ${requirement.why}. To run it: ${requirement.howToEnable}`);
  describe.skip(name, fn);
}

export const postgresRequirement = (): SystemRequirement => ({
  available: Boolean(process.env.DATABASE_URL),
  why: 'DATABASE_URL is not set',
  howToEnable:
    'eval "$(scripts/throwaway-postgres.sh start)" (a PostgreSQL 15+ superuser URL; each suite creates its own database), then run the tests again',
});

/** A suite that needs PostgreSQL; `fn` receives DATABASE_URL (empty while the suite is only being collected for skipping). */
export function describeWithPostgres(name: string, fn: (databaseUrl: string) => void): void {
  describeIfAvailable(name, postgresRequirement(), () => fn(process.env.DATABASE_URL ?? ''));
}
