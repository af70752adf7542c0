import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHttpsFetch } from '../../../../server/src/adapters/graph/index.js';

// A throwaway https server with a self-signed certificate for 127.0.0.1, like the emulator's.
let server: Server;
let origin: string;
let ca: string;
let otherCa: string;
const requestsOnSocket = new WeakMap<object, number>();

beforeAll(async () => {
  const ipCertificate = (commonName: string) =>
    generate([{ name: 'commonName', value: commonName }], {
      keySize: 2048,
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
  const [pems, other] = await Promise.all([ipCertificate('test-ca'), ipCertificate('other-ca')]);
  ca = pems.cert;
  otherCa = other.cert;
  server = createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
    // As a server closing a kept-alive socket it found idle: the request sent on it is never read.
    const seen = (requestsOnSocket.get(request.socket) ?? 0) + 1;
    requestsOnSocket.set(request.socket, seen);
    if (request.url === '/closes-kept-alive-sockets' && seen > 1) {
      request.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/empty') {
        response.writeHead(204).end();
        return;
      }
      response.writeHead(201, { 'Content-Type': 'application/json', 'Retry-After': '3' });
      response.end(
        JSON.stringify({
          method: request.method,
          url: request.url,
          authorization: request.headers.authorization ?? null,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createHttpsFetch', () => {
  test('trusts the given CA: method, headers, body and response headers go through', async () => {
    const fetch = createHttpsFetch({ ca });
    const response = await fetch(`${origin}/v1.0/users?x=1`, {
      method: 'POST',
      headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
      body: '{"a":1}',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('Retry-After')).toBe('3');
    expect(await response.json()).toEqual({
      method: 'POST',
      url: '/v1.0/users?x=1',
      authorization: 'Bearer t',
      body: '{"a":1}',
    });
  });

  test('a 204 has a null body', async () => {
    const response = await createHttpsFetch({ ca })(`${origin}/empty`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  test('a request reset on a kept-alive socket is sent again on a new one when idempotent, not otherwise', async () => {
    const fetch = createHttpsFetch({ ca, maxSockets: 1 });
    const url = `${origin}/closes-kept-alive-sockets`;
    expect((await fetch(url)).status).toBe(201);
    expect((await fetch(url)).status).toBe(201);
    await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toThrow(/socket hang up|ECONNRESET/);
  });

  test('a certificate from another CA is refused, as by the default fetch', async () => {
    await expect(createHttpsFetch({ ca: otherCa })(`${origin}/x`)).rejects.toThrow();
    await expect(globalThis.fetch(`${origin}/x`)).rejects.toThrow();
  });

  test('plain http is refused', async () => {
    await expect(createHttpsFetch({ ca })('http://127.0.0.1:1/x')).rejects.toThrow(/https/);
  });
});
