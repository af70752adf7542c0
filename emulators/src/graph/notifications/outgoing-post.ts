import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';

export type OutgoingTls = {
  /** Extra CA certificates (PEM) to trust for https notification URLs, e.g. a local server's self-signed one. */
  ca?: string[];
  /** false accepts any certificate (local development only). */
  rejectUnauthorized?: boolean;
};

export type OutgoingResponse = { status: number; body: string; contentType: string | undefined };

export class OutgoingTimeout extends Error {
  override readonly name = 'OutgoingTimeout';
}

/** POSTs to a subscriber's endpoint, aborting after `timeoutMs` of real time (Graph waits 10 s, [WH] [VAL]). */
export function postToEndpoint(
  url: string,
  {
    body,
    contentType,
    timeoutMs,
    tls: trust,
  }: { body: string; contentType: string; timeoutMs: number; tls: OutgoingTls },
): Promise<OutgoingResponse> {
  const target = new URL(url);
  const isHttps = target.protocol === 'https:';
  const transport = isHttps ? https : http;
  // A request's `ca` replaces Node's default roots, so the public roots are kept next to the extra CAs.
  const tlsOptions = isHttps
    ? {
        ...(trust.ca?.length ? { ca: [...tls.rootCertificates, ...trust.ca] } : {}),
        rejectUnauthorized: trust.rejectUnauthorized ?? true,
      }
    : {};
  return new Promise((resolve, reject) => {
    const request = transport.request(
      target,
      {
        method: 'POST',
        headers: { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) },
        agent: false,
        ...tlsOptions,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            contentType: response.headers['content-type'],
          });
        });
        response.on('error', reject);
      },
    );
    const timer = setTimeout(
      () => request.destroy(new OutgoingTimeout(`No answer from ${target.origin} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(body);
  });
}
