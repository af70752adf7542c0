import type { FastifyRequest } from 'fastify';

/** `https://{host}/v1.0` (or /beta) for the request: links must be absolute https URLs on the emulator (graph.md §0). */
export function serviceRootOf(request: FastifyRequest): string {
  const version = request.url.startsWith('/beta/') ? 'beta' : 'v1.0';
  return `https://${request.host}/${version}`;
}

/** Encodes query parameters with %20 for spaces: the Graph SDK re-sends links without re-encoding them. */
export function toQueryString(parameters: Iterable<[string, string]>): string {
  return [...parameters].map(([key, value]) => `${key}=${encodeURIComponent(value).replace(/'/g, '%27')}`).join('&');
}

/** The request's URL on the emulator with some query parameters replaced (for @odata.nextLink). */
export function linkWith(request: FastifyRequest, replacements: Record<string, string>): string {
  const [path = '', query = ''] = request.url.split('?');
  const parameters = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(query)) parameters.set(key, value);
  for (const [key, value] of Object.entries(replacements)) {
    for (const existing of [...parameters.keys()])
      if (existing.toLowerCase() === key.toLowerCase()) parameters.delete(existing);
    parameters.set(key, value);
  }
  return `https://${request.host}${path}?${toQueryString(parameters)}`;
}
