// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, expect, test } from 'vitest';
import type { ActivityReport, BookedHoursReport } from '@workplace-sync/shared';
import ActivityCharts from '../../../console/src/components/activity-charts.js';
import { createConsoleI18n } from '../../../console/src/i18n/console-i18n.js';

// The per-room tables of the activity charts: bookings and the share released because nobody checked in;
// the booked share of opening hours, with why a room has none.

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

const loaded = (data: BookedHoursReport | null, error: string | null = null) => ({
  data,
  error,
  isLoading: data === null && error === null,
  reload: () => {},
});

const bookedHours: BookedHoursReport = {
  range: '24h',
  timeZone: 'UTC',
  from: '2030-03-03T21:00:00Z',
  to: '2030-03-04T21:00:00Z',
  measuredAt: '2030-03-04T20:30:00Z',
  rooms: [
    {
      mailbox: 'a@contoso.com',
      displayName: 'Atrium',
      openingHours: 'around-the-clock',
      openHours: 24,
      bookedHours: 6,
      share: 0.25,
      freeBusy: 'checked',
    },
    {
      mailbox: 'b@contoso.com',
      displayName: 'Board room',
      openingHours: 'closed',
      openHours: 0,
      bookedHours: 0,
      share: null,
      freeBusy: 'checked',
    },
    {
      mailbox: 'c@contoso.com',
      displayName: 'Cellar',
      openingHours: 'regime',
      openHours: 13,
      bookedHours: 0,
      share: null,
      freeBusy: 'unavailable',
    },
  ],
  roomCount: 3,
};

function renderCharts(booked = loaded(bookedHours)) {
  render(
    createElement(
      I18nextProvider,
      { i18n: createConsoleI18n('en') },
      createElement(ActivityCharts, { report, bookedHours: booked }),
    ),
  );
}

async function tableOf(figureName: string) {
  const figure = screen.getByRole('figure', { name: figureName });
  fireEvent.click(within(figure).getByRole('switch'));
  const table = await within(figure).findByRole('table', { name: figureName });
  return within(table)
    .getAllByRole('row')
    .map((row) => row.textContent);
}

test('each room shows the share of its bookings released for no-show', async () => {
  renderCharts();
  const rows = await tableOf('Bookings per day, by room');
  expect(rows[0]).toContain('Released, no-show');
  expect(rows).toContain('Atrium4425%');
  expect(rows).toContain('Board room00–');
});

test('the booked share of opening hours: around the clock said, and why a room has no share', async () => {
  renderCharts();
  const rows = await tableOf('Share of opening hours booked');
  expect(rows).toEqual([
    'RoomBookedBooked hoursOpening hoursMeasured against',
    'Atrium25%6 h24 hAll 24 hours (no opening hours in Workplace)',
    'Board room–0 h0 hClosed over this period',
    'Cellar––13 hOutlook did not give this room’s free/busy',
  ]);
});

test('no room open in the period: the chart says so instead of drawing empty bars', () => {
  renderCharts(loaded({ ...bookedHours, rooms: bookedHours.rooms.slice(1) }));
  const figure = screen.getByRole('figure', { name: 'Share of opening hours booked' });
  expect(within(figure).getByText(/None of these rooms is open in this period/)).toBeTruthy();
});

test('the booked share failing leaves the other charts and says why in its own place', () => {
  renderCharts(loaded(null, 'Microsoft 365 is unavailable'));
  const figure = screen.getByRole('figure', { name: 'Share of opening hours booked' });
  expect(within(figure).getByText(/Microsoft 365 is unavailable/)).toBeTruthy();
  expect(screen.getByRole('figure', { name: 'Bookings per day, by room' })).toBeTruthy();
});
