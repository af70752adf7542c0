import { createHmac, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { drainNotifications } from '../../server/src/intake/index.js';
import { MAX_VALIDATION_TOKEN_LENGTH } from '../../server/src/routes/graph-webhooks.js';
import { graphNotifications, jobs } from '../../server/src/storage/schema.js';
import { hostileString, hostileWellFormedString, malformedJson } from './support/hostile-input.js';
import {
  CLIENT_STATE,
  ROOM_MAILBOX,
  SUBSCRIPTION_ID,
  WORKPLACE_WEBHOOK_SECRET,
  startSecurityApp,
} from './support/security-app.js';
import type { JsonBody, SecurityApp } from './support/security-app.js';

// The webhooks' authenticity, replays and Graph's validation handshake, with the real intake,
// subscription verifier and job queue (SecurityApp). The basics (a wrong clientState among five
// fixed values, unknown subscriptions, malformed bodies, the handshake with a realistic token):
// test/server/routes/graph-webhooks.test.ts; signature arithmetic: test/server/adapters/workplace/webhook-signature.test.ts.

const RUNS = 25;
const GRAPH_URLS = ['/webhooks/graph', '/webhooks/graph/lifecycle'] as const;

let server: SecurityApp;
beforeAll(async () => {
  server = await startSecurityApp();
});
afterAll(() => server?.close());

const aNotification = (overrides: Record<string, unknown> = {}) => ({
  subscriptionId: SUBSCRIPTION_ID,
  clientState: CLIENT_STATE,
  changeType: 'updated',
  resource: 'Users/622eaaff-0683-4862-9de4-f2ec83c2bd98/Events/AAMkAGUwNjQ4ZjIxAAA=',
  resourceData: { '@odata.type': '#Microsoft.Graph.Event', id: 'AAMkAGUwNjQ4ZjIxAAA=' },
  tenantId: '6f1d3c5e-8a2b-4c7d-9e0f-1a2b3c4d5e6f',
  subscriptionExpirationDateTime: '2026-03-05T08:00:00.000Z',
  ...overrides,
});
const aLifecycleNotification = (lifecycleEvent: string, overrides: Record<string, unknown> = {}) => ({
  subscriptionId: SUBSCRIPTION_ID,
  clientState: CLIENT_STATE,
  lifecycleEvent,
  resource: `/users/${ROOM_MAILBOX}/events`,
  organizationId: '6f1d3c5e-8a2b-4c7d-9e0f-1a2b3c4d5e6f',
  ...overrides,
});

const postGraph = (url: string, body: unknown) =>
  server.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });

function expectError(response: LightMyRequestResponse, status: number, code: string) {
  expect(response.statusCode, response.body.slice(0, 300)).toBe(status);
  const body = response.json() as JsonBody;
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.stringMatching(/\S/));
}

/** `run` leaves every table, Workplace and the harness as they were, and the process answers. */
async function expectNothingChangedBy(run: () => Promise<void>) {
  const before = await server.fingerprint();
  await run();
  expect(await server.fingerprint()).toBe(before);
  expect((await server.app.inject({ url: '/healthz' })).statusCode).toBe(200);
}

const storedRows = () => server.database.db.select().from(graphNotifications).orderBy(graphNotifications.id);

describe('Graph notifications', () => {
  /** Near misses of the real clientState, and anything else. */
  const forgedClientState = fc
    .oneof(
      fc.constantFrom(
        CLIENT_STATE.toUpperCase(),
        ` ${CLIENT_STATE}`,
        `${CLIENT_STATE}\n`,
        `${CLIENT_STATE}\u0000`,
        CLIENT_STATE.normalize('NFD').replace('o', 'ο'), // Greek omicron
        CLIENT_STATE.slice(1),
        Buffer.from(CLIENT_STATE).toString('base64'),
      ),
      hostileString,
    )
    .filter((clientState) => clientState !== CLIENT_STATE);

  test('a forged clientState, alone or beside genuine notifications, on either endpoint: 403, nothing stored', async () => {
    await expectNothingChangedBy(async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...GRAPH_URLS),
          forgedClientState,
          fc.nat({ max: 2 }),
          async (url, clientState, position) => {
            const value = [aNotification(), aLifecycleNotification('missed')];
            value.splice(position, 0, aNotification({ clientState }));
            const response = await postGraph(url, { value });
            // A forged clientState over 255 characters or with NUL is refused by its shape first.
            if (response.statusCode === 400) expectError(response, 400, 'INVALID_REQUEST');
            else expectError(response, 403, 'FORBIDDEN');
          },
        ),
        { numRuns: RUNS },
      );
    });
  });

  test('forged lifecycle notifications (removed, reauthorize, missed) are refused and start nothing', async () => {
    await expectNothingChangedBy(async () => {
      for (const lifecycleEvent of ['subscriptionRemoved', 'reauthorizationRequired', 'missed']) {
        for (const clientState of ['forged', null, '']) {
          const forged = aLifecycleNotification(lifecycleEvent, { clientState });
          expectError(await postGraph('/webhooks/graph/lifecycle', { value: [forged] }), 403, 'FORBIDDEN');
        }
        // Of a subscription that is not ours: acknowledged (Graph would retry otherwise) and dropped.
        const stranger = aLifecycleNotification(lifecycleEvent, { subscriptionId: randomUUID(), clientState: 'x' });
        expect((await postGraph('/webhooks/graph/lifecycle', { value: [stranger] })).statusCode).toBe(202);
      }
      // Nothing was stored, so draining the inbox starts no recreate, reauthorize or resync job.
      expect(await drainNotifications(server.database.db, server.queue)).toMatchObject({ notifications: 0, jobs: 0 });
    });
  });

  test('unknown subscription ids, including look-alikes of ours: acknowledged and dropped, never a 5xx', async () => {
    const unknownId = fc
      .oneof(
        fc.constantFrom(
          SUBSCRIPTION_ID.toUpperCase(),
          `{${SUBSCRIPTION_ID}}`,
          ` ${SUBSCRIPTION_ID}`,
          `${SUBSCRIPTION_ID}\u0000`,
          SUBSCRIPTION_ID.replaceAll('-', ''),
        ),
        hostileString,
        fc.uuid(),
      )
      .filter((id) => id !== SUBSCRIPTION_ID);
    await expectNothingChangedBy(async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...GRAPH_URLS), unknownId, async (url, subscriptionId) => {
          const response = await postGraph(url, { value: [aNotification({ subscriptionId })] });
          // 400: empty, over 200 characters, or text PostgreSQL cannot hold (NUL, an unpaired surrogate).
          expect([202, 400], response.body).toContain(response.statusCode);
        }),
        { numRuns: RUNS },
      );
    });
  });

  test('what PostgreSQL cannot store is a 400, not a 500 or a 503 for the whole batch', async () => {
    const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    const bodies = [
      JSON.stringify({ value: [aNotification({ resource: 'Users/x/Events/a\u0000b' })] }),
      JSON.stringify({ value: [aNotification({ resourceData: { id: 'a\u0000' } })] }),
      JSON.stringify({ value: [aNotification({ 'key\u0000': 1 })] }),
      JSON.stringify({ value: [aNotification({ subscriptionId: 'unknown\u0000' })] }),
      `{"value":[${JSON.stringify(aNotification()).slice(0, -1)},"resource":"\\ud800"}]}`,
      `{"value":[${JSON.stringify(aNotification()).slice(0, -1)},"resourceData":${deep}}]}`,
    ];
    await expectNothingChangedBy(async () => {
      for (const body of bodies) {
        const response = await server.app.inject({
          method: 'POST',
          url: '/webhooks/graph',
          headers: { 'content-type': 'application/json' },
          payload: body,
        });
        expectError(response, 400, 'INVALID_REQUEST');
      }
    });
    // Genuine notifications sent at the same time as a poisoned one are still stored.
    const before = (await storedRows()).length;
    const [poisoned, genuine] = await Promise.all([
      postGraph('/webhooks/graph', { value: [aNotification({ resource: '\u0000' })] }),
      postGraph('/webhooks/graph', { value: [aNotification({ id: 'genuine' })] }),
    ]);
    expect([poisoned.statusCode, genuine.statusCode]).toEqual([400, 202]);
    expect(await storedRows()).toHaveLength(before + 1);
  });

  test('hostile but storable text from our subscription: stored exactly as received (202), or a 400', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, hostileString, async (resource, changeType) => {
        const before = (await storedRows()).length;
        const response = await postGraph('/webhooks/graph', { value: [aNotification({ resource, changeType })] });
        expect([202, 400], response.body).toContain(response.statusCode);
        const rows = await storedRows();
        if (response.statusCode === 400) return void expect(rows).toHaveLength(before);
        expect(rows).toHaveLength(before + 1);
        // Stored exactly (PostgreSQL keeps a leading U+FEFF: length() counts it), but PGlite's driver
        // decodes text with TextDecoder, which drops a leading U+FEFF on the way back: compare without it.
        const withoutBom = (text: string) => text.replace(/^\uFEFF/, '');
        const stored = rows.at(-1)!;
        expect({
          resource: withoutBom(stored.resource ?? ''),
          changeType: withoutBom(stored.changeType ?? ''),
        }).toEqual({
          resource: withoutBom(resource),
          changeType: withoutBom(changeType),
        });
      }),
      { numRuns: RUNS },
    );
  });

  test('a replayed delivery is acknowledged each time and processed once: one room-changed job', async () => {
    const { db } = server.database;
    await drainNotifications(db, server.queue);
    const roomJobs = () => db.select().from(jobs).where(eq(jobs.key, ROOM_MAILBOX));
    const jobsBefore = await roomJobs();

    const delivery = { value: [aNotification({ id: 'replayed' }), aNotification({ changeType: 'created' })] };
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await postGraph('/webhooks/graph', delivery)).statusCode).toBe(202);
    }
    // The inbox is at-least-once (Graph itself redelivers); its drain coalesces per room.
    expect(await drainNotifications(db, server.queue)).toMatchObject({ notifications: 6, jobs: 1 });
    const after = await roomJobs();
    const pending = after.filter((job) => job.state === 'pending' && job.queue === 'room-changed');
    expect(pending).toHaveLength(1);
    expect(after.length - jobsBefore.length).toBeLessThanOrEqual(1);

    // Replayed again while that job waits: it absorbs the replay, no second job.
    expect((await postGraph('/webhooks/graph', delivery)).statusCode).toBe(202);
    await drainNotifications(db, server.queue);
    expect(await roomJobs()).toHaveLength(after.length);
    expect((await storedRows()).every((row) => row.processedAt !== null)).toBe(true);
  });
});

describe("Graph's validation handshake", () => {
  test('any token up to the bound: echoed exactly, as text/plain with nosniff and a CSP that runs nothing', async () => {
    await expectNothingChangedBy(async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...GRAPH_URLS),
          fc.oneof(hostileWellFormedString, fc.string({ unit: 'grapheme', maxLength: 300 })),
          async (url, token) => {
            const response = await server.app.inject({
              method: 'POST',
              url: `${url}?validationToken=${encodeURIComponent(token)}`,
              headers: { 'content-type': 'text/plain; charset=utf-8' },
              payload: '',
            });
            expect(response.statusCode).toBe(200);
            expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
            expect(response.headers['x-content-type-options']).toBe('nosniff');
            expect(response.headers['content-security-policy']).toMatch(/default-src 'none'/);
            expect(response.body).toBe(token);
          },
        ),
        { numRuns: RUNS },
      );
    });
  });

  test('a token beyond the bound, repeated, or on GET: not echoed', async () => {
    await expectNothingChangedBy(async () => {
      const long = 'V'.repeat(MAX_VALIDATION_TOKEN_LENGTH + 1);
      const tooLong = await server.app.inject({ method: 'POST', url: `/webhooks/graph?validationToken=${long}` });
      expectError(tooLong, 400, 'INVALID_REQUEST');
      expect(tooLong.body).not.toContain(long);
      const exactly = 'V'.repeat(MAX_VALIDATION_TOKEN_LENGTH);
      expect(
        (await server.app.inject({ method: 'POST', url: `/webhooks/graph?validationToken=${exactly}` })).body,
      ).toBe(exactly);
      const twice = await server.app.inject({
        method: 'POST',
        url: '/webhooks/graph?validationToken=a&validationToken=b',
      });
      expectError(twice, 400, 'INVALID_REQUEST');
      for (const url of GRAPH_URLS) {
        const get = await server.app.inject({ method: 'GET', url: `${url}?validationToken=%3Cb%3Eecho%3C%2Fb%3E` });
        expectError(get, 404, 'NOT_FOUND');
        expect(get.headers['content-type']).toMatch(/^application\/json/);
      }
    });
  });

  test('only the Graph endpoints answer it: elsewhere the token is an ordinary (ignored) parameter', async () => {
    await expectNothingChangedBy(async () => {
      const token = '<script>alert(1)</script>';
      const query = `validationToken=${encodeURIComponent(token)}`;
      const workplace = await server.app.inject({ method: 'POST', url: `/webhooks/workplace?${query}` });
      expectError(workplace, 401, 'UNAUTHORIZED');
      const api = await server.app.inject({ method: 'GET', url: `/api/rooms?${query}` });
      expectError(api, 401, 'UNAUTHORIZED');
      for (const response of [workplace, api]) expect(response.body).not.toContain(token);
    });
  });
});

describe('Workplace webhook', () => {
  const change = (overrides: Record<string, unknown> = {}) => ({
    sequence: 41,
    reservationId: 'r-1',
    version: 2,
    type: 'updated',
    occurredAt: '2026-03-02T07:59:00.000Z',
    ...overrides,
  });
  const body = JSON.stringify({ changes: [change()] });
  const seconds = () => Math.floor(server.now().getTime() / 1000);
  const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

  const deliver = (headers: Record<string, string>, payload: string | undefined = body) =>
    server.app.inject({
      method: 'POST',
      url: '/webhooks/workplace',
      headers: { 'content-type': 'application/json', ...headers },
      ...(payload !== undefined ? { payload } : {}),
    });

  function expectRejected(response: LightMyRequestResponse, reason: string) {
    expectError(response, 401, 'UNAUTHORIZED');
    expect(response.json().error.message).toBe(`Webhook rejected: ${reason}`);
  }

  test('missing or malformed signature headers: 401 missing-headers', async () => {
    const signature = `sha256=${hmac(WORKPLACE_WEBHOOK_SECRET, `${seconds()}.${body}`)}`;
    await expectNothingChangedBy(async () => {
      const incomplete: Array<Record<string, string>> = [
        {},
        { 'x-workplace-signature': signature },
        { 'x-workplace-timestamp': String(seconds()) },
        { 'x-workplace-timestamp': '', 'x-workplace-signature': signature },
        { 'x-workplace-timestamp': `${seconds()}.0`, 'x-workplace-signature': signature },
        { 'x-workplace-timestamp': `+${seconds()}`, 'x-workplace-signature': signature },
        { 'x-workplace-timestamp': '1e10', 'x-workplace-signature': signature },
        { 'x-workplace-timestamp': '9'.repeat(40), 'x-workplace-signature': signature },
      ];
      for (const headers of incomplete) {
        expectRejected(await deliver(headers), 'missing-headers');
      }
    });
  });

  test('a bad signature, whatever its form: 401 bad-signature, nothing queued', async () => {
    const signature = fc.oneof(
      fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => `sha256=${hex}`),
      fc.constant('wrong-secret').map((secret) => `sha256=${hmac(secret, `${seconds()}.${body}`)}`),
      fc.constant(null).map(() => `sha256=${hmac(WORKPLACE_WEBHOOK_SECRET, `${seconds()}.{"changes":[]}`)}`),
      fc.constant(null).map(() => `sha256=${hmac(WORKPLACE_WEBHOOK_SECRET, `${seconds() - 1}.${body}`)}`),
      fc.constant(null).map(() => `sha1=${hmac(WORKPLACE_WEBHOOK_SECRET, `${seconds()}.${body}`)}`),
      fc.constant(null).map(() => hmac(WORKPLACE_WEBHOOK_SECRET, `${seconds()}.${body}`)),
      fc.constant(null).map(() => `sha256=${hmac(WORKPLACE_WEBHOOK_SECRET, `${seconds()}.${body}`).slice(0, 63)}`),
      hostileWellFormedString.filter((text) => !/[\r\n]/.test(text)),
    );
    await expectNothingChangedBy(async () => {
      await fc.assert(
        fc.asyncProperty(signature, async (value) => {
          const response = await deliver({
            'x-workplace-timestamp': String(seconds()),
            'x-workplace-signature': value,
          });
          expect(response.statusCode, response.body).toBe(401);
          expect(response.json().error.message).toMatch(/^Webhook rejected: (bad-signature|missing-headers)$/);
        }),
        { numRuns: RUNS },
      );
    });
  });

  test('a correct signature over a timestamp more than 5 minutes off (either way): 401 stale-timestamp', async () => {
    await expectNothingChangedBy(async () => {
      for (const offset of [-301, 301, -86_400, -seconds()]) {
        expectRejected(
          await server.app.inject(server.signedWorkplaceDelivery(body, seconds() + offset)),
          'stale-timestamp',
        );
      }
    });
  });

  test('correctly signed bodies that are not a change list (or no body at all): 401, nothing queued', async () => {
    const notAChangeList = fc.oneof(
      malformedJson,
      fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
      fc.constant(JSON.stringify({ changes: [] })),
      fc.constant(JSON.stringify({ changes: [change({ type: 'exploded' })] })),
      fc.constant(JSON.stringify({ changes: [change({ sequence: '41' })] })),
    );
    await expectNothingChangedBy(async () => {
      await fc.assert(
        fc.asyncProperty(notAChangeList, async (text) => {
          const response = await server.app.inject(server.signedWorkplaceDelivery(text));
          expect(response.statusCode, `${text}: ${response.body}`).toBe(401);
          expect(response.json().error.message).toMatch(/^Webhook rejected: (malformed-body|bad-signature)$/);
        }),
        { numRuns: RUNS },
      );
      // No body at all, with plausible headers: once a 500 (the HMAC was fed `undefined`).
      const timestamp = String(seconds());
      const signature = `sha256=${hmac(WORKPLACE_WEBHOOK_SECRET, `${timestamp}.`)}`;
      for (const contentType of [undefined, 'application/json']) {
        const response = await server.app.inject({
          method: 'POST',
          url: '/webhooks/workplace',
          headers: {
            'x-workplace-timestamp': timestamp,
            'x-workplace-signature': signature,
            ...(contentType ? { 'content-type': contentType } : {}),
          },
        });
        expect(response.statusCode, response.body).toBe(401);
      }
    });
  });

  test('a replayed delivery: acknowledged within the tolerance but queued once; refused once stale', async () => {
    const { db } = server.database;
    const feedJobs = () => db.select().from(jobs).where(eq(jobs.queue, 'workplace-changed'));
    const delivery = server.signedWorkplaceDelivery(body);
    expect((await server.app.inject(delivery)).statusCode).toBe(202);
    const queued = await feedJobs();
    expect(queued.filter((job) => job.state === 'pending')).toHaveLength(1);

    // The same bytes, headers and delivery id again: the pending feed read absorbs them (only its
    // updated_at moves). The delivery is only a hint (the feed is the truth, de-duplicated by sequence).
    const untouched = (rows: typeof queued) => rows.map(({ updatedAt: _touched, ...row }) => row);
    const jobCount = async () => (await db.select().from(jobs)).length;
    const jobsBefore = await jobCount();
    for (let replay = 0; replay < 3; replay++) expect((await server.app.inject(delivery)).statusCode).toBe(202);
    expect(untouched(await feedJobs())).toEqual(untouched(queued));
    expect(await jobCount()).toBe(jobsBefore);

    const start = server.now();
    server.workplace.clock.advance(6 * 60_000);
    try {
      await expectNothingChangedBy(async () => expectRejected(await server.app.inject(delivery), 'stale-timestamp'));
    } finally {
      server.workplace.clock.set(start);
    }
  });
});
