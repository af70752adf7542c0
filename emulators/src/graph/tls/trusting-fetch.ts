import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';

/**
 * A `fetch` that also trusts the emulator's certificate, for clients inside the same process (tests,
 * `npm start`) where NODE_EXTRA_CA_CERTS cannot be set any more. Node 20's fetch takes no CA option,
 * so this one runs on node:https. Plain http URLs are fetched with node:http.
 */
export function createTrustingFetch(certificatePem: string): typeof fetch {
  const agent = new https.Agent({ ca: [...tls.rootCertificates, certificatePem], keepAlive: true });
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const url = new URL(request.url);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<Response>((resolve, reject) => {
      const outgoing = transport.request(
        url,
        {
          method: request.method,
          headers: Object.fromEntries(request.headers),
          ...(url.protocol === 'https:' ? { agent } : {}),
          signal: request.signal,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(incoming.headers)) {
              for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value])
                headers.append(name, item);
            }
            const status = incoming.statusCode ?? 0;
            const hasNoBody = status === 204 || status === 205 || status === 304 || request.method === 'HEAD';
            resolve(
              new Response(hasNoBody ? null : Buffer.concat(chunks), {
                status,
                statusText: incoming.statusMessage ?? '',
                headers,
              }),
            );
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  };
}

/** The shape of MSAL Node's INetworkModule (`system.networkClient`), built on a fetch. */
export type MsalNetworkClient = {
  sendGetRequestAsync<T>(
    url: string,
    options?: { headers?: Record<string, string>; body?: string },
  ): Promise<{ headers: Record<string, string>; body: T; status: number }>;
  sendPostRequestAsync<T>(
    url: string,
    options?: { headers?: Record<string, string>; body?: string },
  ): Promise<{ headers: Record<string, string>; body: T; status: number }>;
};

/** An MSAL Node network client that trusts the emulator: `new ConfidentialClientApplication({ …, system: { networkClient } })`. */
export function createTrustingMsalNetworkClient(certificatePem: string): MsalNetworkClient {
  const trustingFetch = createTrustingFetch(certificatePem);
  const send = async <T>(
    method: 'GET' | 'POST',
    url: string,
    options?: { headers?: Record<string, string>; body?: string },
  ) => {
    const response = await trustingFetch(url, {
      method,
      headers: options?.headers,
      body: method === 'POST' ? options?.body : undefined,
    });
    const text = await response.text();
    return {
      headers: Object.fromEntries(response.headers),
      body: (text ? JSON.parse(text) : {}) as T,
      status: response.status,
    };
  };
  return {
    sendGetRequestAsync: (url, options) => send('GET', url, options),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}
