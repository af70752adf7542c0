import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createWorkplaceEmulator } from '../../emulators/src/workplace/index.js';
import { createWorkplaceClient } from '../../server/src/adapters/workplace/index.js';
import type { Database } from '../../server/src/storage/create-db.js';
import { describeIfAvailable } from '../support/system-requirements.js';
import { createTestPglite } from '../support/test-db.js';
import { CHROMIUM_PATH, chromiumRequirement } from '../support/addin-requirements.js';
import { buildPane } from '../support/pane-stack.js';
import { buildFullApp } from '../support/full-app.js';

// The security headers must not break the pages the server serves: the harness (which renders the
// real task pane with Fluent UI and the npm office.js) and the API docs, in Chromium, with the CSP
// that buildApp sends. Any violation the browser reports fails the test.

/** Collects CSP violations in the page (installed before any of its scripts run). */
const RECORD_VIOLATIONS = `
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__violations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline') + ' ' + (event.sourceFile || ''));
  });
`;

describeIfAvailable('CSP in Chromium: the add-in pages and the docs still work', chromiumRequirement(), () => {
  let pane: Awaited<ReturnType<typeof buildPane>>;
  let workplace: ReturnType<typeof createWorkplaceEmulator>;
  let database: Database;
  let app: FastifyInstance;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    pane = await buildPane();
    workplace = createWorkplaceEmulator();
    const workplaceUrl = await workplace.app.listen({ host: '127.0.0.1', port: 0 });
    database = await createTestPglite();
    ({ app } = await buildFullApp({
      database,
      staticRoot: pane.dir,
      workplace: createWorkplaceClient({ baseUrl: workplaceUrl, apiKey: workplace.apiKey }),
      server: { forceCloseConnections: true },
    }));
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await workplace?.app.close();
    await database?.close();
    pane?.remove();
  });

  async function open(path: string): Promise<{ page: Page; violations: () => Promise<string[]> }> {
    const context = await browser.newContext({ timezoneId: 'Europe/Brussels', locale: 'en-GB' });
    const page = await context.newPage();
    await page.addInitScript(RECORD_VIOLATIONS);
    // Offline: Microsoft's CDN is unreachable here (and the harness never needs it).
    await page.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
    const response = await page.goto(`${url}${path}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toBeTruthy();
    return { page, violations: () => page.evaluate('window.__violations') as Promise<string[]> };
  }

  test('the harness renders the task pane (office.js, Fluent UI styles, the API) without a violation', async () => {
    const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const meeting = {
      user: 'adele.vance@contoso.com',
      subject: 'CSP check',
      start: `${day}T09:00:00.000Z`,
      end: `${day}T10:00:00.000Z`,
    };
    const { page, violations } = await open(
      `/harness.html?${new URLSearchParams({ meeting: JSON.stringify(meeting) })}`,
    );
    await page.getByRole('list', { name: 'Rooms' }).waitFor({ timeout: 30_000 });
    expect(await violations()).toEqual([]);
  });

  test('the API docs (Swagger UI) render without a violation', async () => {
    const { page, violations } = await open('/docs');
    await page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 30_000 });
    expect(await violations()).toEqual([]);
  });
});
