import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, describe, expect, test } from 'vitest';
import { errorHandler } from '../../../server/src/plugins/error-handler.js';
import { addinPublicRoutes, harnessRoutes } from '../../../server/src/routes/addin-api/index.js';
import type { HarnessMeeting } from '../../../server/src/routes/addin-api/index.js';

const dist = mkdtempSync(path.join(tmpdir(), 'addin-public-'));
mkdirSync(path.join(dist, 'assets'));
writeFileSync(path.join(dist, 'taskpane.html'), '<!doctype html><title>pane</title>');
writeFileSync(path.join(dist, 'harness.html'), '<!doctype html><title>harness</title>');
writeFileSync(path.join(dist, 'assets/taskpane-AbCdEfGh12.js'), 'console.log(1)');
writeFileSync(path.join(dist, 'assets/harness-ZyXwVuTs98.js'), 'console.log(2)');
writeFileSync(path.join(dist, 'assets/icon-16.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
const officeJs = mkdtempSync(path.join(tmpdir(), 'office-js-'));
writeFileSync(path.join(officeJs, 'office.js'), 'var Office = {};');
afterAll(() => {
  rmSync(dist, { recursive: true, force: true });
  rmSync(officeJs, { recursive: true, force: true });
});

async function appWith(options: { includeHarness?: boolean; staticRoot?: string; harness?: boolean } = {}) {
  const sent: Array<{ organizer: string; meeting: HarnessMeeting }> = [];
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(errorHandler);
  await app.register(addinPublicRoutes, {
    config: { auth: { kind: 'harness', tokenPath: '/harness/token' } },
    staticRoot: options.staticRoot ?? dist,
    includeHarness: options.includeHarness ?? false,
  });
  if (options.harness) {
    await app.register(harnessRoutes, {
      officeJsRoot: officeJs,
      issueToken: async (user) => ({ accessToken: `token-for-${user}`, expiresAt: '2026-03-02T09:00:00.000Z' }),
      sendMeeting: async (organizer, meeting) => {
        sent.push({ organizer, meeting });
        return { eventId: 'AAMk-event' };
      },
    });
  }
  return { app, sent };
}

describe('the built pane, served on the manifest’s origin', () => {
  test('pages, hashed scripts (cached for a year) and icons; no harness outside the embedded default', async () => {
    const { app } = await appWith();
    const page = await app.inject({ url: '/taskpane.html' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    const script = await app.inject({ url: '/assets/taskpane-AbCdEfGh12.js' });
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject({ url: '/assets/icon-16.png' })).headers['content-type']).toBe('image/png');
    expect((await app.inject({ url: '/harness.html' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/assets/harness-ZyXwVuTs98.js' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/assets/../taskpane.html' })).statusCode).not.toBe(500);
  });

  test('before the pane is built, the server still starts and says what to do', async () => {
    const { app } = await appWith({ staticRoot: path.join(dist, 'missing') });
    const page = await app.inject({ url: '/taskpane.html' });
    expect(page.statusCode).toBe(503);
    expect(page.json().error.message).toContain('npm run build -w addin');
  });
});

describe('harness routes (embedded default only)', () => {
  test('a token for the simulated user; Send as Outlook would, the recurrence as Graph’s patternedRecurrence', async () => {
    const { app, sent } = await appWith({ includeHarness: true, harness: true });
    expect((await app.inject({ url: '/harness.html' })).statusCode).toBe(200);
    const token = await app.inject({
      method: 'POST',
      url: '/harness/token',
      payload: { user: 'Adele.Vance@contoso.com' },
    });
    expect(token.json()).toEqual({
      accessToken: 'token-for-adele.vance@contoso.com',
      expiresAt: '2026-03-02T09:00:00.000Z',
    });
    const send = await app.inject({
      method: 'POST',
      url: '/harness/send',
      payload: {
        organizer: 'adele.vance@contoso.com',
        subject: 'Weekly planning',
        start: '2026-03-02T09:00:00.000Z',
        end: '2026-03-02T10:00:00.000Z',
        timeZone: 'Romance Standard Time',
        recurrence: { freq: 'weekly', interval: 1, byDay: ['MO'], weekStart: 'MO', end: { type: 'count', count: 4 } },
        attendees: ['alex.wilber@contoso.com'],
        rooms: ['room-brussels-0.01@contoso.com'],
      },
    });
    expect(send.statusCode).toBe(201);
    expect(sent[0]).toMatchObject({
      organizer: 'adele.vance@contoso.com',
      meeting: {
        start: { dateTime: '2026-03-02T10:00:00', timeZone: 'Europe/Paris' },
        rooms: ['room-brussels-0.01@contoso.com'],
        recurrence: {
          pattern: expect.objectContaining({ type: 'weekly', daysOfWeek: ['monday'] }),
          range: expect.objectContaining({ type: 'numbered', numberOfOccurrences: 4 }),
        },
      },
    });
  });

  test('the real office.js files, and nothing else from disk', async () => {
    const { app } = await appWith({ includeHarness: true, harness: true });
    const office = await app.inject({ url: '/harness/office-js/office.js' });
    expect(office.statusCode).toBe(200);
    expect(office.body).toBe('var Office = {};');
    expect((await app.inject({ url: '/harness/office-js/..%2Fpackage.json' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/harness/office-js/missing.js' })).statusCode).toBe(404);
  });

  test('only from this machine: tokens for any user must not reach the network', async () => {
    const { app } = await appWith({ harness: true });
    const remote = await app.inject({
      method: 'POST',
      url: '/harness/token',
      payload: { user: 'adele.vance@contoso.com' },
      remoteAddress: '192.168.1.20',
    });
    expect(remote.statusCode).toBe(403);
  });
});
