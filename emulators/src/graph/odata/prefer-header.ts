import type { IncomingHttpHeaders } from 'node:http';

export type GraphPreferences = {
  /** `outlook.timezone`: the zone start/end are rendered in (Windows or IANA name); Graph defaults to UTC. */
  timeZone?: string;
  /** `odata.maxpagesize`. */
  maxPageSize?: number;
  /** `outlook.body-content-type`: 'text' or 'html'. */
  bodyContentType?: 'text' | 'html';
  /** `IdType="ImmutableId"`: accepted; emulator ids never change when items move, so it changes nothing. */
  immutableIds: boolean;
};

/** Splits a Prefer header on commas outside quotes: `outlook.timezone="A, B", odata.maxpagesize=2`. */
function splitPreferences(header: string): string[] {
  const parts: string[] = [];
  let current = '';
  let isQuoted = false;
  for (const char of header) {
    if (char === '"') isQuoted = !isQuoted;
    if (char === ',' && !isQuoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter(Boolean);
}

export function readPreferences(headers: IncomingHttpHeaders): GraphPreferences {
  const raw = headers.prefer;
  const values = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const preferences: GraphPreferences = { immutableIds: false };
  for (const part of values.flatMap(splitPreferences)) {
    const separator = part.indexOf('=');
    const key = (separator === -1 ? part : part.slice(0, separator)).trim().toLowerCase();
    const value =
      separator === -1
        ? ''
        : part
            .slice(separator + 1)
            .trim()
            .replace(/^"(.*)"$/, '$1');
    if (key === 'outlook.timezone' && value) preferences.timeZone = value;
    if (key === 'odata.maxpagesize' && /^\d+$/.test(value)) preferences.maxPageSize = Math.max(1, Number(value));
    if (key === 'outlook.body-content-type' && (value.toLowerCase() === 'text' || value.toLowerCase() === 'html')) {
      preferences.bodyContentType = value.toLowerCase() as 'text' | 'html';
    }
    if (key === 'idtype' && value.toLowerCase() === 'immutableid') preferences.immutableIds = true;
  }
  return preferences;
}

/** The `Preference-Applied` value Graph echoes for the preferences it honoured. */
export function appliedPreferences(preferences: GraphPreferences, extra: string[] = []): string | undefined {
  const applied = [...extra];
  if (preferences.timeZone) applied.push(`outlook.timezone="${preferences.timeZone}"`);
  if (preferences.maxPageSize) applied.push(`odata.maxpagesize=${preferences.maxPageSize}`);
  if (preferences.immutableIds) applied.push('IdType="ImmutableId"');
  return applied.length > 0 ? applied.join(', ') : undefined;
}
