import { randomUUID } from 'node:crypto';
import { GraphError } from '../odata/graph-error.js';
import { OutgoingTimeout, postToEndpoint } from '../notifications/outgoing-post.js';
import type { OutgoingTls } from '../notifications/outgoing-post.js';

/**
 * The synchronous validation of a notification endpoint ([VAL]): Graph POSTs `?validationToken=…`
 * with an empty text/plain body and needs, within 10 seconds, 200 OK with the decoded token as the
 * exact body. The failures are answered with the errors real tenants report
 * (fixtures/graph/observed/error-subscription-validation-timeout.json, reference/graph.md §a5).
 */
export async function runValidationHandshake(
  url: string,
  { timeoutMs, tls }: { timeoutMs: number; tls: OutgoingTls },
): Promise<void> {
  // Real tokens are text with spaces and colons, so endpoints must URL-decode them.
  const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
  const separator = url.includes('?') ? '&' : '?';
  let response;
  try {
    response = await postToEndpoint(`${url}${separator}validationToken=${encodeURIComponent(token)}`, {
      body: '',
      contentType: 'text/plain; charset=utf-8',
      timeoutMs,
      tls,
    });
  } catch (error) {
    if (error instanceof OutgoingTimeout)
      throw new GraphError(400, 'InvalidRequest', 'Subscription validation request timed out.');
    throw new GraphError(
      400,
      'ValidationError',
      'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.',
    );
  }
  if (response.status !== 200) {
    throw new GraphError(
      400,
      'ValidationError',
      'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.',
    );
  }
  if (response.body !== token) {
    throw new GraphError(
      400,
      'ValidationError',
      'Subscription validation request failed. Response must exactly match validationToken query parameter.',
    );
  }
}
