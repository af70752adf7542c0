import { readFileSync } from 'node:fs';

/** A copy of ../shared/fixtures/graph/ kept in test/fixtures/graph/ (payloads from Microsoft's docs and issues). */
export function readGraphFixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../../../fixtures/graph/${name}`, import.meta.url), 'utf8')) as T;
}
