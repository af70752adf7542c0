import { readFileSync } from 'node:fs';

/** A JSON payload from test/fixtures/graph/ (copies of ../shared/fixtures/graph/, see SOURCES.md there). */
export function readGraphFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../../fixtures/graph/${name}`, import.meta.url), 'utf8')) as T;
}

/** Keys of an object without the annotations a doc sample may or may not show. */
export const keysOf = (value: unknown, { withAnnotations = false } = {}): string[] =>
  Object.keys((value ?? {}) as object)
    .filter((key) => withAnnotations || !key.startsWith('@'))
    .sort();
