import { ApiError, apiErrorOf } from './api-error.js';

/** A token for the API; `forceRefresh` after the server refused the previous one. */
export type TokenSource = (options?: { forceRefresh?: boolean }) => Promise<string>;

/** One authenticated request: the JSON answer, or undefined for 204; an ApiError otherwise. */
export type ApiCaller = <T>(method: string, path: string, body?: unknown) => Promise<T>;

export type ApiCallerOptions = {
  /** '' = the page's own origin, where the server serves both the page and the API. */
  baseUrl?: string;
  getToken: TokenSource;
  fetch?: typeof fetch;
  /** How long an answer may take before the request is given up (default 15 s). */
  timeoutMs?: number;
};

const DEFAULT_TIMEOUT_MS = 15_000;

// Looked up at each call, so a page (or a test) that replaces fetch later is still used; and called as a
// plain function, since browsers refuse `fetch` called as a method of another object.
const globalFetch: typeof fetch = (...args) => globalThis.fetch(...args);

export function createApiCaller({
  baseUrl = '',
  getToken,
  fetch: send = globalFetch,
  timeoutMs = DEFAULT_TIMEOUT_MS,
}: ApiCallerOptions): ApiCaller {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const attempt = async (forceRefresh: boolean) => {
      const token = await getToken({ forceRefresh });
      try {
        return await send(`${baseUrl}${path}`, {
          method,
          headers: {
            accept: 'application/json',
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          // A request never hangs a screen: it fails with a message, and a retry can succeed.
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        if ((error as Error).name === 'TimeoutError') {
          throw new ApiError(
            0,
            'TIMEOUT',
            `The server did not answer within ${Math.max(1, Math.round(timeoutMs / 1000))} s; try again`,
          );
        }
        throw new ApiError(0, 'NETWORK', `The server could not be reached (${(error as Error).message})`);
      }
    };
    let response = await attempt(false);
    // One retry with a fresh token: a cached one may have expired between check and use.
    if (response.status === 401) response = await attempt(true);
    if (!response.ok) throw await apiErrorOf(response);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
}

/**
 * A public document of the server (no token): the apps' sign-in configuration. A network failure stays
 * the browser's own error; the pages say themselves that the server could not be reached.
 */
export async function fetchPublicJson<T>(url: string, send: typeof fetch = globalFetch): Promise<T> {
  const response = await send(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw await apiErrorOf(response);
  return (await response.json()) as T;
}
