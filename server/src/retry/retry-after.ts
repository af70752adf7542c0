/**
 * `Retry-After` in milliseconds: seconds (Graph sends `10`, older docs `2.128`; Workplace whole seconds)
 * or an HTTP date. Undefined when the header is missing or unreadable, so the caller backs off itself.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now.getTime());
}
