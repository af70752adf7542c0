import diagnostics from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A request some Fastify app in this process handled (the sync server, either emulator). */
export type ObservedRequest = {
  method: string;
  url: string;
  /** The parsed body (a Buffer for routes that keep the raw bytes). */
  body: unknown;
  status: number;
  /** performance.now() when the route handler started and when it finished. */
  startedAt: number;
  endedAt: number;
  /** Run through `app.inject` (e.g. an item of a Graph `$batch`), not received over a socket. */
  isInjected: boolean;
};

type Store = { request: FastifyRequest; reply: FastifyReply; async: boolean };

export type RequestProbeHandlers = {
  onStart?: (request: Omit<ObservedRequest, 'status' | 'endedAt'>) => void;
  onEnd?: (request: ObservedRequest) => void;
};

/**
 * Watches every Fastify route handler in the process through Fastify's `fastify.request.handler`
 * tracing channel: a callback when a change becomes visible in a system (its write request was
 * answered), with no polling and no change to the code under test. Returns the unsubscribe function.
 */
export function observeRequests({ onStart, onEnd }: RequestProbeHandlers): () => void {
  const channel = diagnostics.tracingChannel('fastify.request.handler');
  const started = new WeakMap<object, Omit<ObservedRequest, 'status' | 'endedAt'>>();
  const finish = (store: Store) => {
    const begun = started.get(store);
    if (!begun) return;
    started.delete(store);
    onEnd?.({ ...begun, status: store.reply.statusCode, endedAt: performance.now() });
  };
  const subscribers = {
    start(message: unknown) {
      const { request } = message as Store;
      const observed = {
        method: request.method,
        url: request.url,
        body: request.body,
        startedAt: performance.now(),
        // light-my-request's fake socket has no remote address.
        isInjected:
          request.raw.socket?.remoteAddress === undefined || request.headers['user-agent'] === 'lightMyRequest',
      };
      started.set(message as object, observed);
      onStart?.(observed);
    },
    end(message: unknown) {
      if (!(message as Store).async) finish(message as Store);
    },
    asyncStart() {},
    asyncEnd(message: unknown) {
      finish(message as Store);
    },
    error() {},
  };
  channel.subscribe(subscribers);
  return () => channel.unsubscribe(subscribers);
}
