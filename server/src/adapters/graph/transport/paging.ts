import type { z } from 'zod';
import { upstreamFailed } from '../graph-errors.js';
import { GraphPage } from '../schemas/graph-collection.js';
import { parseGraphBody } from './graph-http.js';
import type { GraphHttp, GraphHttpRequest } from './graph-http.js';

/** A guard against a service that keeps answering with nextLinks; a real round is far shorter. */
const DEFAULT_MAX_PAGES = 10_000;

export type PagingOptions = { maxPages?: number };

/**
 * Follows `@odata.nextLink` until a page has none, and returns that page's `@odata.deltaLink` (delta
 * queries) or null. Pages may be empty and still carry a nextLink (delta-query-overview; msgraph-sdk-java
 * #493): an empty page is never the end. Every page request repeats the first request's headers
 * (`Prefer` decides page size and time zone on each page) and mailbox.
 */
export async function followPages(
  http: GraphHttp,
  first: GraphHttpRequest,
  onPage: (items: unknown[]) => void,
  { maxPages = DEFAULT_MAX_PAGES }: PagingOptions = {},
): Promise<{ deltaLink: string | null }> {
  let request: GraphHttpRequest = first;
  for (let pages = 1; ; pages += 1) {
    const { body } = await http.send(request);
    const page = parseGraphBody(GraphPage, body, 'collection page');
    onPage(page.value);
    const nextLink = page['@odata.nextLink'];
    if (!nextLink) return { deltaLink: page['@odata.deltaLink'] ?? null };
    if (pages >= maxPages) throw upstreamFailed(`Graph paging did not end after ${maxPages} pages`, nextLink);
    request = { ...first, method: 'GET', path: nextLink };
  }
}

/** Every item of a collection, each parsed with `schema`. */
export async function readAllItems<Schema extends z.ZodType>(
  http: GraphHttp,
  first: GraphHttpRequest,
  schema: Schema,
  what: string,
): Promise<Array<z.infer<Schema>>> {
  const items: Array<z.infer<Schema>> = [];
  await followPages(http, first, (page) => {
    for (const item of page) items.push(parseGraphBody(schema, item, what));
  });
  return items;
}
