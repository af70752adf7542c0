import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { FetchLike } from '../transport/fetch-like.js';

/** The end of the chain: sends the request with the injected fetch instead of the SDK's global one. */
export class FetchHandler implements Middleware {
  constructor(private readonly fetch: FetchLike) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    context.response = await this.fetch(url, context.options ?? {});
  }
}
