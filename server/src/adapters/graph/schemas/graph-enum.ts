import { z } from 'zod';

/**
 * An OData enum member as Graph spells it in responses (lowerCamel, from the CSDL), read in any case:
 * request samples in the docs send "Required" or "Monday", and a parser that only knows one spelling
 * breaks on the first quirk.
 */
export function graphEnum<const Values extends readonly [string, ...string[]]>(values: Values) {
  const byLowerCase = new Map<string, string>(values.map((value) => [value.toLowerCase(), value]));
  return z.preprocess(
    (input) => (typeof input === 'string' ? (byLowerCase.get(input.toLowerCase()) ?? input) : input),
    z.enum(values),
  );
}
