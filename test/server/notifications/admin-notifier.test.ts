import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/src/config.js';
import { createAdminNotifier, withQuarantineNotices } from '../../../server/src/notifications/admin-notifier.js';
import type { QuarantinedChange } from '../../../server/src/sync/sync-model.js';

// An incoming webhook on this machine: what Teams or Slack would receive.
const received: Array<{ contentType: string | undefined; body: { text: string } }> = [];
let status = 200;
const webhook = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    received.push({ contentType: request.headers['content-type'], body: JSON.parse(body) as { text: string } });
    response.writeHead(status).end();
  });
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((resolve) => webhook.close(() => resolve())));
beforeEach(() => {
  received.length = 0;
  status = 200;
});

const quarantined = (subject: string): QuarantinedChange => ({
  direction: 'exchange-to-workplace',
  key: `room-brussels-1.01@contoso.com ${subject}`,
  mailbox: 'room-brussels-1.01@contoso.com',
  eventId: subject,
  reservationId: null,
  booking: {
    room: 'room-brussels-1.01@contoso.com',
    organizer: 'ann@contoso.com',
    subject,
    start: '2026-12-09T10:00:00 Europe/Brussels',
  },
  reason: 'Workplace does not take this booking: INVALID_RECURRENCE',
  raw: {},
});

describe('admin notices', () => {
  test('a burst of quarantined bookings is one message, naming each, in the { text } shape Teams and Slack take', async () => {
    const notifier = createAdminNotifier({ url, windowMs: 60_000, consoleUrl: 'https://rooms.contoso.com/admin/' });
    const store = withQuarantineNotices({ quarantine: async (_change: QuarantinedChange) => {} }, notifier);
    await store.quarantine(quarantined('Board'));
    await store.quarantine(quarantined('Standup'));
    notifier.notify({ kind: 'subscriptions-failing', message: 'Graph refused access (403)' });
    await notifier.flush();
    expect(received).toHaveLength(1);
    expect(received[0]!.contentType).toBe('application/json');
    const { text } = received[0]!.body;
    expect(text).toContain('needs an administrator (3)');
    expect(text).toContain('Set aside: Board · room-brussels-1.01@contoso.com · ann@contoso.com');
    expect(text).toContain('INVALID_RECURRENCE');
    expect(text).toContain('Standup');
    expect(text).toContain('Graph subscriptions could not be renewed: Graph refused access (403)');
    expect(text).toContain('https://rooms.contoso.com/admin/');
    // Nothing pending, nothing sent.
    await notifier.flush();
    expect(received).toHaveLength(1);
  });

  test('the store quarantines first: a notice never stands for a booking that was not set aside', async () => {
    const notifier = createAdminNotifier({ url });
    const store = withQuarantineNotices(
      {
        quarantine: async (_change: QuarantinedChange) => {
          throw new Error('database down');
        },
      },
      notifier,
    );
    await expect(store.quarantine(quarantined('Board'))).rejects.toThrow('database down');
    await notifier.flush();
    expect(received).toEqual([]);
  });

  test('a webhook that fails is reported, never thrown into the sync', async () => {
    status = 500;
    const failures: unknown[] = [];
    const notifier = createAdminNotifier({ url, onDeliveryFailure: (error) => failures.push(error) });
    notifier.notify({ kind: 'quarantined', change: quarantined('Board') });
    await expect(notifier.flush()).resolves.toBeUndefined();
    expect(String(failures[0])).toContain('500');
  });

  test('ADMIN_NOTIFY_WEBHOOK_URL: https, or http on this machine outside production; off when unset', () => {
    expect(loadConfig({}).adminNotifyWebhookUrl).toBeNull();
    expect(loadConfig({ ADMIN_NOTIFY_WEBHOOK_URL: url }).adminNotifyWebhookUrl).toBe(url);
    expect(() => loadConfig({ ADMIN_NOTIFY_WEBHOOK_URL: 'http://hooks.example.com/x' })).toThrow(ConfigError);
  });
});
