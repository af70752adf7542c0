import { observeRequests } from './request-probe.js';

const RESERVATION_CANCEL = /^\/api\/v1\/reservations\/([^/?]+)\/cancel/;
const EVENT_CANCEL = /^\/(?:v1\.0|beta)\/users\/[^/]+\/(?:calendar\/)?events\/([^/?]+)(?:\/cancel)?(?:\?|$)/i;
/** A write to a room calendar's events (create, update), as the sync makes it. */
export const EVENT_WRITE = /^\/(v1\.0|beta)\/users\/[^/]+\/(calendar\/)?events(\/[^/?]+)?(\?|$)/i;

/**
 * Watches every route handler in the process (bench/support/request-probe.ts) for what the busy day
 * measures: when the sync's write carrying a subject, or its cancel of an id, was answered by the
 * other system, and when a webhook first named an id. Call `stop` when done.
 */
export function watchSyncWrites() {
  // Visible in the other system: the sync's write carrying the subject, or its cancel of the id.
  const visible = { workplace: new Map<string, number>(), exchange: new Map<string, number>() };
  const cancelledAt = { workplace: new Map<string, number>(), exchange: new Map<string, number>() };
  // When a webhook first named an id (Graph: the room's event; Workplace: the reservation).
  const arrivals = new Map<string, number[]>();
  const arrived = (id: string, at: number) => arrivals.set(id, [...(arrivals.get(id) ?? []), at]);
  const stop = observeRequests({
    onStart({ method, url, body, startedAt }) {
      if (method !== 'POST') return;
      if (url.startsWith('/webhooks/graph')) {
        for (const item of (body as { value?: Array<Record<string, unknown>> } | undefined)?.value ?? []) {
          const id = (item.resourceData as { id?: string } | undefined)?.id;
          if (id) arrived(id, startedAt);
        }
      } else if (url.startsWith('/webhooks/workplace') && Buffer.isBuffer(body)) {
        const { changes = [] } = JSON.parse(body.toString()) as { changes?: Array<{ reservationId: string }> };
        for (const change of changes) arrived(change.reservationId, startedAt);
      }
    },
    onEnd({ method, url, body, status, endedAt, isInjected }) {
      // The benchmark's own Workplace calls are injected; the sync's come over HTTP.
      if (status >= 300 || (isInjected && url.startsWith('/api/v1/'))) return;
      const reservationCancel = method === 'POST' ? RESERVATION_CANCEL.exec(url) : null;
      if (reservationCancel) return void cancelledAt.workplace.set(decodeURIComponent(reservationCancel[1]!), endedAt);
      const eventCancel =
        (method === 'POST' && url.split('?')[0]!.endsWith('/cancel')) || method === 'DELETE'
          ? EVENT_CANCEL.exec(url)
          : null;
      if (eventCancel) return void cancelledAt.exchange.set(decodeURIComponent(eventCancel[1]!), endedAt);
      if (method !== 'POST' && method !== 'PATCH' && method !== 'PUT') return;
      // The subject of the meeting, and of its occurrences when a write carries a series' exceptions.
      const written = body as { subject?: unknown; exceptions?: Array<{ subject?: unknown }> } | undefined;
      const subjects = [
        written?.subject,
        ...(Array.isArray(written?.exceptions) ? written.exceptions : []).map((e) => e?.subject),
      ];
      const target = url.startsWith('/api/v1/reservations')
        ? visible.workplace
        : EVENT_WRITE.test(url)
          ? visible.exchange
          : null;
      for (const subject of subjects)
        if (target && typeof subject === 'string' && !target.has(subject)) target.set(subject, endedAt);
    },
  });
  return { visible, cancelledAt, arrivals, stop };
}
