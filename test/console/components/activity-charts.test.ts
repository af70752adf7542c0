// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, expect, test } from 'vitest';
import type { ActivityReport } from '@workplace-sync/shared';
import ActivityCharts from '../../../console/src/components/activity-charts.js';
import { createConsoleI18n } from '../../../console/src/i18n/console-i18n.js';

// The per-room table of the activity charts: bookings, and the share released because nobody checked in.

afterEach(() => cleanup());

const report: ActivityReport = {
  range: '24h',
  timeZone: 'UTC',
  buckets: [],
  rooms: [
    {
      mailbox: 'a@contoso.com',
      displayName: 'Atrium',
      bookings: 4,
      bookingsPerDay: 4,
      noShowReleases: 1,
      noShowShare: 0.25,
    },
    {
      mailbox: 'b@contoso.com',
      displayName: 'Board room',
      bookings: 0,
      bookingsPerDay: 0,
      noShowReleases: 0,
      noShowShare: null,
    },
  ],
  roomCount: 2,
};

test('each room shows the share of its bookings released for no-show', async () => {
  render(createElement(I18nextProvider, { i18n: createConsoleI18n('en') }, createElement(ActivityCharts, { report })));
  const switches = screen.getAllByRole('switch');
  fireEvent.click(switches.at(-1)!);
  const table = await screen.findByRole('table', { name: /room/i });
  expect(within(table).getByRole('columnheader', { name: 'Released, no-show' })).toBeTruthy();
  const rows = within(table)
    .getAllByRole('row')
    .map((row) => row.textContent);
  expect(rows).toContain('Atrium4425%');
  expect(rows).toContain('Board room00–');
});
