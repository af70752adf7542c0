import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { toInstant } from '@workplace-sync/shared';
import { describeIfAvailable } from '../../support/system-requirements.js';
import { CHROMIUM_PATH, chromiumRequirement } from '../../support/addin-requirements.js';
import { buildPane, startPaneStack } from '../../support/pane-stack.js';

// The pane shows times in the Outlook user's zone (userProfile.timeZone), not the browser's: the harness's
// &tz= makes the user a New York one, on a browser whose clock is Brussels', booking a Brussels room.

const ORGANIZER = 'adele.vance@contoso.com';

/** A Monday at least two days ahead (`weeksLater` on), 10:00–11:00 in Brussels. */
function nextMonday(weeksLater: number): { start: Date; end: Date } {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() + 2);
  while (day.getUTCDay() !== 1) day.setUTCDate(day.getUTCDate() + 1);
  day.setUTCDate(day.getUTCDate() + weeksLater * 7);
  const date = day.toISOString().slice(0, 10);
  return {
    start: toInstant({ dateTime: `${date}T10:00:00`, timeZone: 'Europe/Brussels' }),
    end: toInstant({ dateTime: `${date}T11:00:00`, timeZone: 'Europe/Brussels' }),
  };
}

/** '4:00 AM' as the pane writes a time in en-US. */
const clock = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(instant);

describeIfAvailable('add-in e2e: times in the Outlook user’s zone', chromiumRequirement(), () => {
  let pane: Awaited<ReturnType<typeof buildPane>>;
  let stack: Awaited<ReturnType<typeof startPaneStack>>;
  let browser: Browser;

  beforeAll(async () => {
    pane = await buildPane();
    stack = await startPaneStack(pane.dir);
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    pane?.remove();
  });

  // Each in its own week: the first one's hold keeps the Atrium taken at its time.
  test.each([
    ['America/New_York', 0],
    ['Eastern Standard Time', 1],
  ])(
    'a New York user (Outlook names the zone %j) books a Brussels room from a Brussels browser',
    async (outlookZone, weeksLater) => {
      const { start, end } = nextMonday(weeksLater);
      const context = await browser.newContext({
        viewport: { width: 1100, height: 900 },
        timezoneId: 'Europe/Brussels',
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
      const meeting = {
        user: ORGANIZER,
        subject: 'Call with Brussels',
        start: start.toISOString(),
        end: end.toISOString(),
      };
      await page.goto(
        `${stack.url}/harness.html?${new URLSearchParams({ meeting: JSON.stringify(meeting), tz: outlookZone })}`,
      );
      const newYork = `${clock(start, 'America/New_York')}–${clock(end, 'America/New_York')}`;
      const brussels = `${clock(start, 'Europe/Brussels')}–${clock(end, 'Europe/Brussels')}`;
      await page.getByText(new RegExp(`${newYork} ·`)).waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Choose Atrium' }).click({ timeout: 20_000 });
      await page.getByText(`Room time: ${brussels} Brussels time`).waitFor();
      await page.getByRole('button', { name: 'Book Atrium' }).click();
      await page.getByRole('heading', { name: 'Atrium is held for this meeting' }).waitFor({ timeout: 15_000 });
      expect(errors).toEqual([]);
      await context.close();
    },
  );
});
