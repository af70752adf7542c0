import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { FetchLike } from '../transport/fetch-like.js';

async function readBody<T>(response: Response): Promise<T> {
  const text = await response.text();
  try {
    return (text === '' ? {} : JSON.parse(text)) as T;
  } catch {
    // MSAL reads `error`/`error_description` from the body; a non-JSON answer (a proxy page) has neither.
    return {} as T;
  }
}

async function toNetworkResponse<T>(response: Response): Promise<NetworkResponse<T>> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  return { status: response.status, headers, body: await readBody<T>(response) };
}

/**
 * MSAL's network module over an injected fetch, so that token requests go through the same transport
 * as Graph calls: the emulator's CA for the local authority, a fake in unit tests.
 */
export function createFetchNetworkClient(fetch: FetchLike): INetworkModule {
  return {
    async sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number) {
      const response = await fetch(url, {
        method: 'GET',
        headers: options?.headers ?? {},
        ...(timeout ? { signal: AbortSignal.timeout(timeout) } : {}),
      });
      return toNetworkResponse<T>(response);
    },
    async sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions) {
      const response = await fetch(url, {
        method: 'POST',
        headers: options?.headers ?? {},
        ...(options?.body === undefined ? {} : { body: options.body }),
      });
      return toNetworkResponse<T>(response);
    },
  };
}
