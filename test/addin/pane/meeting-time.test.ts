// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, test } from 'vitest';
import { App } from '../../../addin/src/app.js';
import { en } from '../../../addin/src/i18n/messages/en.js';
import { createPaneI18n } from '../../../addin/src/i18n/pane-i18n.js';
import { createOfficeAppointment } from '../../../addin/src/office/appointment.js';
import { ianaZoneOfOutlookZone, readUserTimeZone } from '../../../addin/src/office/user-time-zone.js';
import { createFakeAddinApi } from './support/fake-addin-api.js';
import type { FakeApiOptions } from './support/fake-addin-api.js';
import { aMeeting, installOutlookMock, uninstallOutlookMock } from './support/outlook-mock.js';

// The meeting's time as the organizer should see it: in the Outlook user's zone (not the browser's), with
// the room's local time beside it where its building's clock differs; a warning for a meeting far longer than a day's
// work (most often an end time on the wrong half of the clock); a held room the moved meeting cannot
// keep.

afterEach(() => {
  cleanup();
  uninstallOutlookMock();
});

type PaneOptions = Parameters<typeof installOutlookMock>[0] & { api?: FakeApiOptions; timeZone?: string };

function openPane(options: PaneOptions = {}) {
  const outlook = installOutlookMock(options);
  const { api } = createFakeAddinApi(options.api);
  const pane = createElement(App, {
    appointment: createOfficeAppointment(Office.context.mailbox),
    api,
    officeTheme: 'light',
    timeZone: options.timeZone ?? 'Europe/Brussels',
  });
  render(createElement(I18nextProvider, { i18n: createPaneI18n('en-US', { en }) }, pane));
  return { outlook, api };
}

describe('a meeting far longer than a working day', () => {
  test('is said once at the top, as a warning with no retry, and the rooms are still offered', async () => {
    openPane({ meeting: aMeeting({ end: new Date('2026-03-02T21:00:00Z') }) });
    await screen.findByRole('list', { name: 'Rooms' });
    const warnings = screen.getAllByText(/This meeting lasts 12 hours/);
    expect(warnings).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Choose Atrium' })).toBeTruthy();
  });

  test('an hour-long meeting has no such warning', async () => {
    openPane();
    await screen.findByRole('list', { name: 'Rooms' });
    expect(screen.queryByText(/This meeting lasts/)).toBeNull();
  });
});

describe('a held room that is closed at the meeting’s new time', () => {
  test('is said visibly with the reason and the rooms free then, and the closed room is not offered', async () => {
    // Atrium closes at 18:00 in Brussels.
    const { outlook, api } = openPane({ api: { closing: { atrium: '2026-03-02T17:00:00Z' } } });
    fireEvent.click(await screen.findByRole('button', { name: 'Choose Atrium' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Book Atrium' }));
    await screen.findByRole('heading', { name: 'Atrium is held for this meeting' });

    act(() => outlook.editMeeting({ start: new Date('2026-03-02T18:00:00Z'), end: new Date('2026-03-02T19:00:00Z') }));
    await waitFor(() => expect(api.createBookingIntent).toHaveBeenCalledTimes(2), { timeout: 5000 });
    expect(outlook.meeting().rooms).toEqual([]);

    const warning = await screen.findByText('Atrium was taken off the meeting.', {}, { timeout: 5000 });
    const bar = warning.closest('.fui-MessageBar') as HTMLElement;
    expect(bar.className).toContain('fui-MessageBar');
    await waitFor(() => expect(bar.textContent).toContain('It is not free at the new time: Closed at that time.'));
    expect(bar.textContent).toContain('Free then: Ardennes, Meuse, and Hudson. Choose one below.');
    // Not the closed room's booking screen: the list of rooms at the new time, Atrium unavailable.
    expect(screen.queryByRole('button', { name: 'Book Atrium' })).toBeNull();
    const rooms = await screen.findByRole('list', { name: 'Rooms' });
    const atrium = within(rooms).getByRole('heading', { name: 'Atrium', level: 3 }).closest('li')!;
    expect(atrium.textContent).toContain('Unavailable');
    expect(within(atrium).queryByRole('button', { name: 'Choose Atrium' })).toBeNull();

    fireEvent.click(within(rooms).getByRole('button', { name: 'Choose Meuse' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Book Meuse' }));
    await screen.findByRole('heading', { name: 'Meuse is held for this meeting' });
    expect(screen.queryByText('Atrium was taken off the meeting.')).toBeNull();
  });
});

describe('times in the Outlook user’s zone', () => {
  test.each([
    ['Eastern Standard Time', 'America/New_York'],
    ['Romance Standard Time', 'Europe/Paris'],
    ['W. Europe Standard Time', 'Europe/Berlin'],
    ['America/New_York', 'America/New_York'],
    ['UTC', 'UTC'],
    ['Mars Standard Time', null],
    ['', null],
  ])('Outlook’s %j is %j', async (outlookName, iana) => {
    expect(await ianaZoneOfOutlookZone(outlookName)).toBe(iana);
  });

  test('a New York user books a Brussels room: New York times, the room’s Brussels time beside them', async () => {
    installOutlookMock({ userTimeZone: 'Eastern Standard Time' });
    const timeZone = await readUserTimeZone();
    expect(timeZone).toBe('America/New_York');
    uninstallOutlookMock();
    openPane({ userTimeZone: 'Eastern Standard Time', timeZone });
    // 10:00–11:00 in Brussels is 4:00–5:00 in New York (before either switches to summer time).
    expect(await screen.findByText(/Mon, Mar 2, 4:00 AM–5:00 AM · 3 people/)).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'Choose Atrium' }));
    expect(await screen.findByText(/10:00 AM–11:00 AM Brussels time/)).toBeTruthy();
  });

  test('a zone Outlook names that nobody knows leaves the browser’s', async () => {
    installOutlookMock({ userTimeZone: 'Mars Standard Time' });
    expect(await readUserTimeZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
