import https from 'node:https';
import type { IncomingMessage } from 'node:http';

export type RoundRobinProxy = { port: number; close(): Promise<void> };

/**
 * The load balancer in front of several server instances, as small as a test needs: an https
 * endpoint (with the servers' certificate) that sends each request to the next backend in turn, and to
 * the one after when a backend cannot be reached or drops the request (a killed instance), like a
 * balancer's passive health check. Only when no backend answers does the caller get a 502.
 */
export async function startRoundRobinProxy({
  tls,
  backendPorts,
  port = 0,
}: {
  tls: { cert: string; key: string };
  backendPorts: readonly number[];
  /** Where the proxy listens on 127.0.0.1 (0: a free port). */
  port?: number;
}): Promise<RoundRobinProxy> {
  const agent = new https.Agent({ ca: [tls.cert], keepAlive: true });
  let next = 0;

  const forward = (backend: number, request: IncomingMessage, body: Buffer) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const outgoing = https.request(
        {
          host: '127.0.0.1',
          servername: 'localhost',
          port: backend,
          method: request.method,
          path: request.url,
          headers: request.headers,
          agent,
        },
        resolve,
      );
      outgoing.once('error', reject);
      outgoing.end(body);
    });

  const server = https.createServer({ cert: tls.cert, key: tls.key }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const body = Buffer.concat(chunks);
      const first = next++;
      for (let tried = 0; tried < backendPorts.length; tried++) {
        const backend = backendPorts[(first + tried) % backendPorts.length]!;
        const answer = await forward(backend, request, body).catch(() => null);
        if (!answer) continue;
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
        return;
      }
      response.writeHead(502).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}
