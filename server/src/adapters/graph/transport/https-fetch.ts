import { Agent, request } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { IncomingMessage } from 'node:http';
import type { FetchLike } from './fetch-like.js';

export type HttpsFetchOptions = {
  /** PEM certificate(s) to trust besides Node's root CAs: the emulator's self-signed certificate. */
  ca: string | string[];
  /** Sockets kept open per host; Graph allows 4 concurrent requests per mailbox, a few more are harmless. */
  maxSockets?: number;
};

// Statuses whose responses have no body; `new Response(body)` throws for them.
/** Methods a server may receive twice with the effect of once (RFC 9110, 9.2.2). */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function headersOf(message: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

function bodyOf(init: RequestInit): string | Uint8Array | undefined {
  const { body } = init;
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (body instanceof URLSearchParams) return body.toString();
  throw new TypeError('httpsFetch sends string, Uint8Array, ArrayBuffer or URLSearchParams bodies only');
}

/**
 * A fetch over node:https that trusts the given CA. Node 20's global fetch cannot be told about an extra
 * CA without the `undici` package (its Agent) or NODE_EXTRA_CA_CERTS at process start, and neither fits
 * an emulator whose certificate is generated in-process. Real Graph and login.microsoftonline.com need
 * none of this: the global fetch is the default for them.
 */
export function createHttpsFetch({ ca, maxSockets = 16 }: HttpsFetchOptions): FetchLike {
  const agent = new Agent({
    ca: [...rootCertificates, ...(Array.isArray(ca) ? ca : [ca])],
    keepAlive: true,
    maxSockets,
  });
  const send = (target: URL, init: RequestInit, body: string | Uint8Array | undefined, isRetry: boolean) =>
    new Promise<Response>((resolve, reject) => {
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, name) => {
        headers[name] = value;
      });
      const method = init.method ?? 'GET';
      const outgoing = request(target, { method, headers, agent }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const status = incoming.statusCode ?? 0;
          resolve(
            new Response(NULL_BODY_STATUSES.has(status) ? null : Buffer.concat(chunks), {
              status,
              statusText: incoming.statusMessage ?? '',
              headers: headersOf(incoming),
            }),
          );
        });
      });
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed as idle just as this request went out on it: the server
        // never read the request, so an idempotent one is sent again once on a new socket (Node's docs,
        // http.ClientRequest reusedSocket). A loaded emulator closes idle sockets late, into this race.
        if (!isRetry && outgoing.reusedSocket && error.code === 'ECONNRESET' && IDEMPOTENT.has(method.toUpperCase())) {
          resolve(send(target, init, body, true));
          return;
        }
        reject(error);
      });
      const { signal } = init;
      if (signal) {
        if (signal.aborted) outgoing.destroy(signal.reason as Error);
        else signal.addEventListener('abort', () => outgoing.destroy(signal.reason as Error), { once: true });
      }
      outgoing.end(body);
    });
  return async (url, init = {}) => {
    const target = new URL(url);
    if (target.protocol !== 'https:') throw new TypeError(`httpsFetch only speaks https, got ${target.protocol}`);
    return send(target, init, bodyOf(init), false);
  };
}
