// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, test } from 'vitest';
import { App } from '../../../addin/src/app.js';
import { en } from '../../../addin/src/i18n/messages/en.js';
import { createPaneI18n } from '../../../addin/src/i18n/pane-i18n.js';
import { createOfficeAppointment } from '../../../addin/src/office/appointment.js';
import { aReservation, createFakeAddinApi } from './support/fake-addin-api.js';
import type { FakeApiOptions } from './support/fake-addin-api.js';
import { ANN, aMeeting, installOutlookMock, uninstallOutlookMock, weeklyOnMondays } from './support/outlook-mock.js';

// A weekly series whose room is taken on one date (Mon, Mar 16): per-date alternative rooms only where
// Exchange takes the series with that date declined; else the pane says Exchange would (or may)
// decline the series and offers the rooms free on every date first.

afterEach(() => {
  cleanup();
  uninstallOutlookMock();
});

function openSeriesPane(api: FakeApiOptions) {
  installOutlookMock({ meeting: aMeeting({ recurrence: weeklyOnMondays() }) });
  const fake = createFakeAddinApi({ busy: { atrium: [2] }, ...api });
  const pane = createElement(App, {
    appointment: createOfficeAppointment(Office.context.mailbox),
    api: fake.api,
    officeTheme: 'light',
    timeZone: 'Europe/Brussels',
  });
  render(createElement(I18nextProvider, { i18n: createPaneI18n('en-US', { en }) }, pane));
  return fake.api;
}

const atriumInList = async () =>
  (await screen.findByRole('heading', { name: 'Atrium', level: 3 })).closest('li') as HTMLElement;

describe('a series whose room is taken on one date', () => {
  test('the room declines such a series: said in the list and on Choose, the rooms free on every date, nothing to book', async () => {
    openSeriesPane({ seriesConflicts: { atrium: 'declined' } });
    expect((await atriumInList()).textContent).toContain(
      'Free for 3 of 4 dates: taken Mon, Mar 16 · Exchange would decline the series',
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Choose Atrium' }));
    const title = await screen.findByText('Exchange would decline this series.');
    const bar = title.closest('.fui-MessageBar') as HTMLElement;
    expect(bar.textContent).toContain('Atrium is taken on Mon, Mar 16 and takes no series with taken dates');
    expect(bar.textContent).toContain('Free on every date: Ardennes, Meuse, and Hudson.');
    expect(screen.queryByRole('combobox', { name: 'Room on Mon, Mar 16' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Book Atrium/ })).toBeNull();
    fireEvent.click(within(bar).getByRole('button', { name: 'Back to rooms' }));
    expect(await screen.findByRole('list', { name: 'Rooms' })).toBeTruthy();
  });

  test('the room’s tolerance is not known: a warning, no per-date alternative, the room alone is held', async () => {
    const api = openSeriesPane({ seriesConflicts: { atrium: 'unknown' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Choose Atrium' }));
    const title = await screen.findByText('Exchange may decline this series.');
    expect((title.closest('.fui-MessageBar') as HTMLElement).textContent).toContain('Free on every date: Ardennes');
    // The booking panel is a chunk of its own (loaded on first use).
    const book = await screen.findByRole('button', { name: 'Book Atrium' });
    expect(screen.queryByRole('combobox', { name: 'Room on Mon, Mar 16' })).toBeNull();
    fireEvent.click(book);
    await screen.findByRole('heading', { name: 'Atrium is held for this meeting' });
    expect(api.createBookingIntent).toHaveBeenCalledWith(expect.objectContaining({ alternatives: [] }));
  });

  test('the room takes the series with that date declined: another room for that date, as before', async () => {
    openSeriesPane({ seriesConflicts: { atrium: 'accepted' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Choose Atrium' }));
    expect(await screen.findByRole('combobox', { name: 'Room on Mon, Mar 16' })).toBeTruthy();
    expect(screen.queryByText(/decline this series/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Book Atrium and 1 other' })).toBeTruthy();
  });
});

describe('when Exchange declines the series anyway', () => {
  test('the organizer’s read pane says the room was declined and what to do', async () => {
    installOutlookMock({
      mode: 'read',
      user: ANN,
      organizer: ANN,
      meeting: aMeeting({
        recurrence: weeklyOnMondays(),
        rooms: [{ email: 'room-atrium@contoso.com', name: 'Atrium' }],
        itemId: 'AAMk-1',
      }),
    });
    const { api } = createFakeAddinApi({
      reservations: [aReservation({ status: 'cancelled', sync: { state: 'declined', holdExpiresAt: null } })],
    });
    const pane = createElement(App, {
      appointment: createOfficeAppointment(Office.context.mailbox),
      api,
      officeTheme: 'light',
      timeZone: 'Europe/Brussels',
    });
    render(createElement(I18nextProvider, { i18n: createPaneI18n('en-US', { en }) }, pane));
    expect(
      await screen.findByText(
        'Exchange declined this meeting for the room, so its hold was released. Open the meeting, choose another room in this pane (for a series, one free on every date), and send the update.',
      ),
    ).toBeTruthy();
  });
});

describe('a room declines the sent meeting (Outlook shows the organizer its answer)', () => {
  test('the read pane says so with what to do, and reports it so the hold is released and logged', async () => {
    installOutlookMock({
      mode: 'read',
      user: ANN,
      organizer: ANN,
      meeting: aMeeting({
        recurrence: weeklyOnMondays(),
        rooms: [{ email: 'room-atrium@contoso.com', name: 'Atrium', response: 'declined' }],
        itemId: 'AAMk-1',
        customProperties: {
          workplaceBooking: JSON.stringify({
            intentId: '00000000-0000-4000-8000-000000000001',
            reservationIds: ['res-1'],
          }),
        },
      }),
    });
    const { api } = createFakeAddinApi({ reservations: [aReservation({ status: 'tentative' })] });
    const pane = createElement(App, {
      appointment: createOfficeAppointment(Office.context.mailbox),
      api,
      officeTheme: 'light',
      timeZone: 'Europe/Brussels',
    });
    render(createElement(I18nextProvider, { i18n: createPaneI18n('en-US', { en }) }, pane));
    expect(await screen.findByText('Atrium declined this meeting.')).toBeTruthy();
    expect(
      screen.getByText(
        /Choose another room in this pane \(for a series, one free on every date\), then send the update/,
      ),
    ).toBeTruthy();
    await waitFor(() =>
      expect(api.reportDeclinedBookingIntent).toHaveBeenCalledWith('00000000-0000-4000-8000-000000000001'),
    );
    expect(
      await screen.findByText(/Exchange declined this meeting for the room, so its hold was released/),
    ).toBeTruthy();
    expect(api.reportDeclinedBookingIntent).toHaveBeenCalledTimes(1);
  });
});
