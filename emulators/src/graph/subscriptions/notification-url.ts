import { GraphError } from '../odata/graph-error.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * Graph requires https notification URLs ([WH]). The emulator also accepts http on loopback hosts
 * (a documented deviation) so a local server can run on http://127.0.0.1.
 */
export function assertNotificationUrl(url: string, field: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new GraphError(400, 'ValidationError', `The ${field} '${url}' is not a valid URL.`);
  }
  const isLoopbackHttp = parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname.toLowerCase());
  if (parsed.protocol !== 'https:' && !isLoopbackHttp) {
    throw new GraphError(
      400,
      'ValidationError',
      `Subscription validation request failed. The ${field} must use the https scheme.`,
    );
  }
}
