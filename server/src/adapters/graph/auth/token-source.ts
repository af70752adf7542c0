/**
 * The one thing Graph calls need from authentication: a bearer token. `forceRefresh` skips any cache,
 * for the one retry after Graph answered 401 to a token the cache still thought valid.
 */
export interface TokenSource {
  getToken(options?: { forceRefresh?: boolean }): Promise<string>;
}
