import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../../server/src/app.js';
import { loadConfig } from '../../../server/src/config.js';
import type { Job, JobHandler, JobQueue } from '../../../server/src/jobs/job-queue.js';
import type { SyncJobs } from '../../../server/src/jobs/sync-jobs.js';
import { instrumentJobHandler } from '../../../server/src/observability/job-instrumentation.js';
import { scrubText, scrubUrl } from '../../../server/src/observability/redaction.js';
import { observeSyncStore } from '../../../server/src/observability/sync-store-observer.js';
import { createSyncRuntime } from '../../../server/src/runtime/sync-runtime.js';
import type { SubscriptionManager } from '../../../server/src/subscriptions/subscription-manager.js';
import type { Database } from '../../../server/src/storage/create-db.js';
import type { SyncStore } from '../../../server/src/sync/ports.js';
import type { SyncDeps } from '../../../server/src/sync/sync-room.js';
import { createTestPglite } from '../../support/test-db.js';
import { CLIENT_STATE, SUBSCRIPTION_ID, buildFullApp } from '../../support/full-app.js';
import { captureLog, capturingLogger } from '../../support/capture-log.js';

// Structured JSON logs with request ids and booking ids, and no secret in any of them: every test
// sends or raises secrets and searches the captured output for them.

const JWT = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbm4ifQ.c2lnbmF0dXJlLW9mLWEtdG9rZW4';
const SECRETS = [
  JWT,
  'client-secret-value-1',
  'api-key-value-2',
  'access-token-value-3',
  'FORGED-CLIENT-STATE-4',
  'cookie-value-5',
  'secret-in-an-error-6',
  'bearer-in-a-message-7',
];

const expectNoSecrets = (text: string) => {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
};

describe('redaction helpers', () => {
  test('secret-shaped text is replaced wherever it sits in a string', () => {
    expect(scrubText(`GET failed: Authorization: Bearer ${JWT} (retrying)`)).toBe(
      'GET failed: Authorization: Bearer [REDACTED] (retrying)',
    );
    expect(scrubText(`token ${JWT} leaked`)).toBe('token [REDACTED] leaked');
    expect(scrubText('grant_type=client_credentials&client_secret=abc&scope=x')).toBe(
      'grant_type=client_credentials&client_secret=[REDACTED]&scope=x',
    );
    expect(scrubText('{"clientSecret":"abc","tenant":"t"}')).toBe('{"clientSecret":"[REDACTED]","tenant":"t"}');
  });

  test("query values of secret names are replaced; Graph's validationToken is kept", () => {
    expect(scrubUrl('/webhooks/graph?validationToken=Validation%3A%20ok&access_token=abc&code=1')).toBe(
      '/webhooks/graph?validationToken=Validation%3A%20ok&access_token=[REDACTED]&code=1',
    );
  });
});

describe('request logs', () => {
  let database: Database;
  let app: FastifyInstance;
  const capture = captureLog();

  beforeAll(async () => {
    database = await createTestPglite();
    ({ app } = await buildFullApp({ database, server: { logger: { level: 'debug', stream: capture.stream } } }));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  test('requests carrying secrets in headers, query and body leave no secret in the log, and every line names its request', async () => {
    const responses = [
      await app.inject({
        url: '/api/rooms?access_token=access-token-value-3',
        headers: { authorization: `Bearer ${JWT}`, cookie: 'session=cookie-value-5', 'x-api-key': 'api-key-value-2' },
      }),
      await app.inject({
        method: 'POST',
        url: '/webhooks/graph?validationToken=Validation%3A%20hello',
        headers: { 'content-type': 'text/plain' },
        payload: '',
      }),
      await app.inject({
        method: 'POST',
        url: '/webhooks/graph',
        payload: { value: [{ subscriptionId: SUBSCRIPTION_ID, clientState: 'FORGED-CLIENT-STATE-4' }] },
      }),
      await app.inject({
        method: 'POST',
        url: '/webhooks/graph',
        payload: { value: [{ subscriptionId: SUBSCRIPTION_ID, clientState: CLIENT_STATE, changeType: 'created' }] },
      }),
    ];
    expect(responses.map((response) => response.statusCode)).toEqual([401, 200, 403, 202]);

    const lines = capture.lines();
    expectNoSecrets(capture.text());
    expect(capture.text()).not.toContain(CLIENT_STATE);
    // Each request is logged in and out, with its id, which the answer also carries.
    for (const response of responses) {
      const ofRequest = lines.filter((line) => line['requestId'] === response.headers['x-request-id']);
      expect(ofRequest.map((line) => line.msg)).toEqual(
        expect.arrayContaining(['incoming request', 'request completed']),
      );
    }
    const urls = lines.flatMap((line) => (line['req'] ? [(line['req'] as { url: string }).url] : []));
    expect(urls).toContain('/api/rooms?access_token=[REDACTED]');
    expect(urls).toContain('/webhooks/graph?validationToken=Validation%3A%20hello');
    expect(lines.find((line) => line.msg === 'notification with a wrong clientState')).toMatchObject({
      level: 40,
      subscriptionId: SUBSCRIPTION_ID,
    });
  });
});

describe('what code logs', () => {
  let database: Database;
  let app: FastifyInstance;
  const capture = captureLog();

  beforeAll(async () => {
    database = await createTestPglite();
    app = await buildApp({ config: loadConfig({}), database }, { logger: { level: 'info', stream: capture.stream } });
    app.get('/test/careless', async (request) => {
      request.log.info(
        {
          headers: request.headers,
          graph: { clientSecret: 'client-secret-value-1', tenantId: 'contoso' },
          workplace: { apiKey: 'api-key-value-2' },
        },
        'calling Graph with Bearer bearer-in-a-message-7',
      );
      throw Object.assign(new Error(`Workplace refused api_key=secret-in-an-error-6`), {
        request: { headers: { authorization: `Bearer ${JWT}` } },
        cause: new Error(`upstream said: {"access_token":"access-token-value-3"}`),
      });
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  test('objects, messages and errors (with their causes) are scrubbed; what is not secret stays', async () => {
    const response = await app.inject({ url: '/test/careless', headers: { authorization: `Bearer ${JWT}` } });
    expect(response.statusCode).toBe(500);
    expectNoSecrets(capture.text());
    const lines = capture.lines();
    const logged = lines.find((line) => line.msg.startsWith('calling Graph'));
    const failed = lines.find((line) => line.msg === 'unhandled error');
    expect(logged).toMatchObject({
      msg: 'calling Graph with Bearer [REDACTED]',
      headers: { authorization: '[REDACTED]' },
      graph: { clientSecret: '[REDACTED]', tenantId: 'contoso' },
      workplace: { apiKey: '[REDACTED]' },
      requestId: response.headers['x-request-id'],
    });
    expect(failed).toMatchObject({
      level: 50,
      msg: 'unhandled error',
      requestId: response.headers['x-request-id'],
      err: {
        message: 'Workplace refused api_key=[REDACTED]',
        request: { headers: { authorization: '[REDACTED]' } },
        cause: { message: 'upstream said: {"access_token":"[REDACTED]"}' },
      },
    });
  });
});

describe('sync work logs', () => {
  const MAILBOX = 'room-brussels-1.01@contoso.com';

  /** A queue that only records handlers, so a test can run a job by hand. */
  function recordingQueue() {
    const handlers = new Map<string, JobHandler<never>>();
    const queue: JobQueue<SyncJobs> = {
      send: async () => {},
      sendMany: async () => {},
      work: (name, handler) => void handlers.set(name, handler as JobHandler<never>),
      schedule: async () => {},
      stop: async () => {},
    };
    const run = (name: keyof SyncJobs, job: Partial<Job<never>>) =>
      handlers.get(name)!({
        id: 7,
        name,
        key: MAILBOX,
        data: { mailbox: MAILBOX } as never,
        attempt: 1,
        maxAttempts: 25,
        signal: new AbortController().signal,
        reportProgress: async () => {},
        ...job,
      });
    return { queue, run };
  }

  const store = {
    linkedMailboxes: async () => new Set([MAILBOX]),
    readCursor: async () => 'cursor',
    findActiveLinksByMailbox: async () => [],
  } as unknown as SyncStore;

  test('a failing room sync is logged with its job and room, and without the secrets its error carries', async () => {
    const { log, capture } = capturingLogger();
    const { queue, run } = recordingQueue();
    const failure = Object.assign(new Error(`Graph answered 401 to Authorization: Bearer ${JWT}`), {
      request: {
        url: 'https://graph.microsoft.com/v1.0/users/x/calendarView/delta',
        clientSecret: 'client-secret-value-1',
      },
      cause: new Error('token endpoint: client_secret=secret-in-an-error-6 is invalid'),
    });
    const deps = {
      calendar: { readChanges: async () => Promise.reject(failure) },
      store,
    } as unknown as SyncDeps;
    createSyncRuntime({
      db: null as never,
      queue,
      deps,
      store,
      subscriptions: {} as SubscriptionManager,
      log,
      feedPollMs: 30_000,
      roomConcurrency: 1,
      roomPollMs: 600_000,
    });

    await expect(run('room-changed', {})).rejects.toBe(failure);
    await expect(run('room-changed', { id: 8, attempt: 25 })).rejects.toBe(failure);

    expectNoSecrets(capture.text());
    const [retried, exhausted] = capture.lines().filter((line) => line['err']);
    expect(retried).toMatchObject({
      level: 40,
      msg: 'job failed; it will be retried',
      mailbox: MAILBOX,
      job: { id: 7, queue: 'room-changed', attempt: 1 },
      maxAttempts: 25,
      err: {
        message: 'Graph answered 401 to Authorization: Bearer [REDACTED]',
        request: { clientSecret: '[REDACTED]' },
        cause: { message: 'token endpoint: client_secret=[REDACTED] is invalid' },
      },
    });
    expect(exhausted).toMatchObject({ level: 50, msg: 'job failed and its attempts are used up', job: { id: 8 } });
  });

  test('each booking the sync writes is logged with its room, reservation and event ids, under its job', async () => {
    const { log, capture } = capturingLogger('info');
    const observed = observeSyncStore({ appendLog: async () => {} } as unknown as SyncStore, { log });
    const handler = instrumentJobHandler(
      'room-changed',
      async () => {
        await observed.appendLog([
          {
            direction: 'exchange-to-workplace',
            action: 'created',
            mailbox: MAILBOX,
            reservationId: 'res-42',
            eventId: 'AAMkAG-event-1',
            reason: 'a meeting booked in Outlook',
            organizer: null,
            subject: null,
          },
          {
            direction: 'exchange-to-workplace',
            action: 'echo-ignored',
            mailbox: MAILBOX,
            reservationId: 'res-42',
            eventId: 'AAMkAG-event-1',
            reason: 'our own write',
            organizer: null,
            subject: null,
          },
        ]);
      },
      { log },
    );
    await handler({
      id: 9,
      name: 'room-changed',
      key: MAILBOX,
      data: { mailbox: MAILBOX },
      attempt: 1,
      maxAttempts: 25,
      signal: new AbortController().signal,
      reportProgress: async () => {},
    });
    // At info, decisions that wrote nothing (echoes) stay out; writes are there.
    expect(capture.lines()).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'booking synced',
        job: { id: 9, queue: 'room-changed', attempt: 1 },
        mailbox: MAILBOX,
        reservationId: 'res-42',
        eventId: 'AAMkAG-event-1',
        action: 'created',
        direction: 'exchange-to-workplace',
      }),
    ]);
    // The mailbox is named once per line, not repeated by the entry.
    expect(capture.text().match(/"mailbox"/g)).toHaveLength(1);
  });
});
