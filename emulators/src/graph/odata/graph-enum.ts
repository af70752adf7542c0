import { invalidRequest } from './graph-error.js';

/** Graph accepts enum members in any case ("Required", "AbsoluteMonthly") and answers in the CSDL spelling. */
export function readGraphEnum<const T extends readonly string[]>(values: T, input: unknown, field: string): T[number] {
  const match =
    typeof input === 'string' ? values.find((value) => value.toLowerCase() === input.toLowerCase()) : undefined;
  if (!match) throw invalidRequest(`Requested value '${String(input)}' was not found for ${field}.`);
  return match;
}
