import type { FastifyRequest } from 'fastify';

/**
 * The path a request is handled as: the matched route's own path (`/api/booking-intents/:intentId`),
 * or, for a request no route matched, its path percent-decoded as the router would decode it. Policies
 * (rate limits, content security policy) must look at this, never at the raw URL: the router serves
 * `/%61pi/rooms` as `/api/rooms`.
 */
export function routePathOf(request: FastifyRequest): string {
  const matched = request.routeOptions.url;
  if (matched !== undefined) return matched;
  const raw = request.url.split('?', 1)[0]!;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
