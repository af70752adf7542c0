import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

export type ReceivedPost = { path: string; body: unknown };

/**
 * A webhook endpoint over HTTPS (self-signed for 127.0.0.1) that answers Graph's validation handshake
 * by echoing `validationToken` as text/plain, and records notifications. `echo` can be broken to see
 * subscription creation fail.
 */
export async function startNotificationReceiver() {
  const pems = await generate([{ name: 'commonName', value: 'webhook' }], {
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const received: ReceivedPost[] = [];
  const settings = { echo: (token: string) => token };
  const server = createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
    const url = new URL(request.url ?? '/', 'https://127.0.0.1');
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const token = url.searchParams.get('validationToken');
      if (token !== null) {
        response.writeHead(200, { 'Content-Type': 'text/plain' }).end(settings.echo(token));
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      received.push({ path: url.pathname, body: text ? (JSON.parse(text) as unknown) : undefined });
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ca: pems.cert,
    notificationUrl: `${origin}/webhooks/graph`,
    lifecycleNotificationUrl: `${origin}/webhooks/graph/lifecycle`,
    received,
    settings,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
