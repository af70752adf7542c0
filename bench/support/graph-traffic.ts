import { observeRequests } from './request-probe.js';
import type { ObservedRequest } from './request-probe.js';

const GRAPH_PATH = /^\/(v1\.0|beta)\//i;
const MAILBOX_SEGMENT = /^\/(?:v1\.0|beta)\/users\/([^/?]+)/i;
const TOKEN_PATH = /\/oauth2\/v2\.0\/token/i;

export type GraphTraffic = ReturnType<typeof monitorGraphTraffic>;

/**
 * Counts what the Graph emulator is asked, as Graph would count it, by watching its route handlers
 * (bench/support/request-probe.ts): every operation (a `$batch` item counts, its envelope does not),
 * the HTTP requests on the wire (the envelope counts once), token requests, throttling answers, and
 * the most requests in flight on one mailbox at any moment (Outlook allows 4 per app and mailbox).
 * Also counts the change notifications delivered to the sync's webhook. Other apps in the process
 * (the sync server, Workplace) are ignored by path.
 */
export function monitorGraphTraffic() {
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();
  let counts = { operations: 0, wireRequests: 0, tokenRequests: 0, throttled: 0, notifications: 0, lifecycle: 0 };
  let operationsByKind = new Map<string, number>();
  let resolveMailbox: (segment: string) => string = (segment) => segment;

  const mailboxOf = (url: string): string | null => {
    const segment = MAILBOX_SEGMENT.exec(url)?.[1];
    return segment ? resolveMailbox(decodeURIComponent(segment).toLowerCase()) : null;
  };
  const kindOf = ({ method, url }: Pick<ObservedRequest, 'method' | 'url'>): string => {
    const path = url.split('?')[0]!.replace(/^\/(v1\.0|beta)\/users\/[^/]+/i, '/users/{mailbox}');
    const generic = path
      .replace(/\/events\/[^/]+/g, '/events/{id}')
      .replace(/\/subscriptions\/[^/]+/g, '/subscriptions/{id}');
    return `${method} ${generic}${url.includes('delta') ? ' (delta)' : ''}`;
  };

  const stop = observeRequests({
    onStart(request) {
      if (request.method === 'POST' && request.url.startsWith('/webhooks/graph')) {
        for (const item of (request.body as { value?: Array<Record<string, unknown>> } | undefined)?.value ?? []) {
          if (item.lifecycleEvent) counts.lifecycle += 1;
          else counts.notifications += 1;
        }
        return;
      }
      if (TOKEN_PATH.test(request.url)) {
        counts.tokenRequests += 1;
        return;
      }
      if (!GRAPH_PATH.test(request.url)) return;
      if (!request.isInjected) counts.wireRequests += 1;
      if (/\/\$batch(\?|$)/.test(request.url)) return;
      counts.operations += 1;
      const kind = kindOf(request);
      operationsByKind.set(kind, (operationsByKind.get(kind) ?? 0) + 1);
      const mailbox = mailboxOf(request.url);
      if (!mailbox) return;
      const now = (inFlight.get(mailbox) ?? 0) + 1;
      inFlight.set(mailbox, now);
      if (now > (maxInFlight.get(mailbox) ?? 0)) maxInFlight.set(mailbox, now);
    },
    onEnd(request) {
      if (!GRAPH_PATH.test(request.url) || /\/\$batch(\?|$)/.test(request.url)) return;
      if (request.status === 429 || request.status === 503) counts.throttled += 1;
      const mailbox = mailboxOf(request.url);
      if (mailbox) inFlight.set(mailbox, (inFlight.get(mailbox) ?? 1) - 1);
    },
  });

  return {
    /** Maps a path segment (a mailbox id or address, lower case) to the mailbox's address. */
    setMailboxResolver(resolve: (segment: string) => string) {
      resolveMailbox = resolve;
    },
    snapshot() {
      return { ...counts, operationsByKind: new Map(operationsByKind) };
    },
    /** Starts counting afresh (concurrency maxima are kept: they hold for the whole run). */
    resetCounts() {
      counts = { operations: 0, wireRequests: 0, tokenRequests: 0, throttled: 0, notifications: 0, lifecycle: 0 };
      operationsByKind = new Map();
    },
    /** The highest number of requests in flight on one mailbox, and which mailbox. */
    maxConcurrency(): { mailbox: string | null; requests: number } {
      let best: { mailbox: string | null; requests: number } = { mailbox: null, requests: 0 };
      for (const [mailbox, requests] of maxInFlight) if (requests > best.requests) best = { mailbox, requests };
      return best;
    },
    stop,
  };
}
