import type { z } from 'zod';
import { EmulatorError } from '../domain/emulator-error.js';

/** Parses a body, query or params with a contract schema; a mismatch is a 400 naming every problem. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(input ?? (what === 'body' ? undefined : {}));
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${[what, ...issue.path].join('.')}: ${issue.message}`);
  throw new EmulatorError('INVALID_REQUEST', problems.join('; '));
}

/** `If-Match: 3`, `"3"` or `W/"3"` → 3; absent → null. */
export function parseIfMatch(header: string | string[] | undefined): number | null {
  if (header === undefined) return null;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(String(header).trim());
  if (!match)
    throw new EmulatorError('INVALID_REQUEST', `If-Match must be a reservation version, got '${String(header)}'`);
  return Number(match[1]);
}

export function requireIfMatch(header: string | string[] | undefined): number {
  const version = parseIfMatch(header);
  if (version === null) {
    throw new EmulatorError('PRECONDITION_REQUIRED', 'Send If-Match with the version the change is based on');
  }
  return version;
}
