import type { FastifyRequest } from 'fastify';
import { ianaZoneOf, isKnownZone } from '../calendar/graph-time-zone.js';
import { UTC_ZONE } from '../calendar/event-view.js';
import type { EventRenderOptions, RenderZone } from '../calendar/event-view.js';
import { readPreferences } from '../odata/prefer-header.js';
import type { GraphPreferences } from '../odata/prefer-header.js';
import type { QueryOptions } from '../odata/query-options.js';

/** Start/end come back in UTC unless `Prefer: outlook.timezone` names a zone (reference/graph.md §0, [DQE]). */
export function renderZoneOf(preferences: GraphPreferences): RenderZone {
  if (!preferences.timeZone || !isKnownZone(preferences.timeZone)) return UTC_ZONE;
  return { name: preferences.timeZone, iana: ianaZoneOf(preferences.timeZone) };
}

export function renderOptionsOf(request: FastifyRequest, query?: QueryOptions): EventRenderOptions {
  const preferences = readPreferences(request.headers);
  return {
    zone: renderZoneOf(preferences),
    bodyContentType: preferences.bodyContentType ?? 'html',
    select: query?.select ?? null,
    extendedPropertyFilter: query?.expandExtendedProperties ?? null,
  };
}
