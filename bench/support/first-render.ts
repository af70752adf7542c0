import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The flags of test/addin/e2e/pane-e2e.test.ts. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

// Runs in the page before its scripts (a string: DOM types are not in this Node project's lib).
// Milliseconds since navigation start: the first element in #root, and the first room list.
const MARKS_SCRIPT = `
  window.__benchMarks = {};
  new MutationObserver(() => {
    const marks = window.__benchMarks;
    const root = document.getElementById('root');
    if (marks.root === undefined && root && root.firstElementChild) marks.root = performance.now();
    if (marks.rooms === undefined && document.querySelector('ul[aria-label="Rooms"] li')) marks.rooms = performance.now();
  }).observe(document, { subtree: true, childList: true });
`;

export type RenderMarks = {
  /** First contentful paint of the page. */
  fcp: number;
  /** The app put its first element into #root. */
  root: number;
  /** The room list shows rooms (the task pane only). */
  rooms: number | null;
};

/**
 * Loads `url` in a fresh browser context (empty cache) and reports when it first rendered. Waits for
 * the room list when `waitForRooms`; requests to Microsoft's office.js CDN fail fast (never needed).
 */
export async function measureFirstRender(browser: Browser, url: string, { waitForRooms = false } = {}) {
  const context = await browser.newContext({
    viewport: { width: 1100, height: 900 },
    timezoneId: 'Europe/Brussels',
    locale: 'en-GB',
  });
  try {
    const page = await context.newPage();
    await page.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
    await page.addInitScript(MARKS_SCRIPT);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(
      waitForRooms
        ? 'window.__benchMarks.rooms !== undefined'
        : 'window.__benchMarks.root !== undefined && performance.getEntriesByName("first-contentful-paint").length > 0',
      undefined,
      { timeout: 30_000 },
    );
    return (await page.evaluate(
      '({ ...window.__benchMarks, rooms: window.__benchMarks.rooms ?? null, fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null })',
    )) as RenderMarks;
  } finally {
    await context.close();
  }
}
