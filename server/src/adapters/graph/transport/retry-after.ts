/**
 * `Retry-After` in milliseconds. Graph sends seconds (`10`, older docs `2.128`); HTTP also allows a
 * date. Returns undefined when the header is missing or unreadable, so the caller backs off itself.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now.getTime());
}

/** Header lookup in a plain record, as `$batch` items carry them, ignoring case. */
export function headerOf(headers: Record<string, string> | null | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
  return undefined;
}
