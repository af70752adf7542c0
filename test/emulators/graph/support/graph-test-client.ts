import { createTrustingFetch } from '../../../../emulators/src/graph/index.js';

export type GraphResponse<T = Record<string, unknown>> = {
  status: number;
  headers: Headers;
  body: T;
  text: string;
};

export type GraphRequestOptions = { body?: unknown; headers?: Record<string, string>; token?: string | null };

/** A small HTTPS client for the emulator, trusting its certificate through the emulator's own trusting fetch. */
export class GraphTestClient {
  private readonly fetch: typeof fetch;

  constructor(
    readonly baseUrl: string,
    certificatePem: string,
    private token: string | null = null,
  ) {
    this.fetch = createTrustingFetch(certificatePem);
  }

  withToken(token: string | null): GraphTestClient {
    const client = Object.create(this) as GraphTestClient;
    client.token = token;
    return client;
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: GraphRequestOptions = {},
  ): Promise<GraphResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? this.token : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined && typeof options.body !== 'string') headers['content-type'] ??= 'application/json';
    const url = path.startsWith('https://') ? path : `${this.baseUrl}${path}`;
    const response = await this.fetch(url, {
      method,
      headers,
      body:
        options.body === undefined
          ? undefined
          : typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown = {};
    if (text && (response.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: body as T, text };
  }

  get<T = Record<string, unknown>>(path: string, options?: GraphRequestOptions) {
    return this.request<T>('GET', path, options);
  }

  post<T = Record<string, unknown>>(path: string, body?: unknown, options?: GraphRequestOptions) {
    return this.request<T>('POST', path, { ...options, body });
  }

  patch<T = Record<string, unknown>>(path: string, body: unknown, options?: GraphRequestOptions) {
    return this.request<T>('PATCH', path, { ...options, body });
  }

  delete(path: string, options?: GraphRequestOptions) {
    return this.request('DELETE', path, options);
  }
}
