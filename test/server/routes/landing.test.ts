import Fastify from 'fastify';
import { expect, test } from 'vitest';
import { landingRoutes } from '../../../server/src/routes/landing.js';

test('the embedded default’s landing page introduces the demo: harness first, the kiosk, who is who', async () => {
  const app = Fastify();
  await app.register(landingRoutes, { hasHarness: true, kioskUrl: 'http://127.0.0.1:3002/kiosk' });
  const page = (await app.inject({ url: '/' })).body;
  expect(page.indexOf('href="/harness.html"')).toBeLessThan(page.indexOf('href="/admin/"'));
  expect(page).toContain('href="http://127.0.0.1:3002/kiosk"');
  expect(page).toContain('Who is who in the demo');
  expect(page).toContain('adele.vance@contoso.com');
  expect(page).toContain('megan.bowen@contoso.com');
  expect(page).not.toContain('<script');
  await app.close();
});
