// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createElement } from 'react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, test } from 'vitest';
import { ApiError } from '@workplace-sync/shared';
import { OUTLOOK_ERRORS } from '../../../addin/harness/simulated-mailbox.js';
import { App } from '../../../addin/src/app.js';
import { SignInError } from '../../../addin/src/auth/naa-token-source.js';
import { de } from '../../../addin/src/i18n/messages/de.js';
import { en } from '../../../addin/src/i18n/messages/en.js';
import { fr } from '../../../addin/src/i18n/messages/fr.js';
import { nl } from '../../../addin/src/i18n/messages/nl.js';
import { createPaneI18n } from '../../../addin/src/i18n/pane-i18n.js';
import { paneLocaleOf } from '../../../addin/src/i18n/pane-language.js';
import { createOfficeAppointment } from '../../../addin/src/office/appointment.js';
import { dialogErrorOf } from '../../../addin/src/office/auth-dialog.js';
import { readDisplayLanguage } from '../../../addin/src/office/display-language.js';
import { aReservation, createFakeAddinApi } from './support/fake-addin-api.js';
import type { FakeApiOptions } from './support/fake-addin-api.js';
import {
  ANN,
  BOB,
  aMeeting,
  installOutlookMock,
  uninstallOutlookMock,
  weeklyOnMondays,
} from './support/outlook-mock.js';

afterEach(() => {
  cleanup();
  uninstallOutlookMock();
});

type PaneOptions = Parameters<typeof installOutlookMock>[0] & {
  api?: FakeApiOptions;
  officeTheme?: 'light' | 'dark' | null;
};

/** In Outlook's display language, as startPane does. */
const inOutlooksLanguage = (pane: ReactElement) =>
  createElement(
    I18nextProvider,
    { i18n: createPaneI18n(paneLocaleOf(readDisplayLanguage()), { en, fr, nl, de }) },
    pane,
  );

/** The pane on a simulated Outlook appointment (through the real bridge) against the fake API. */
function openPane(options: PaneOptions = {}) {
  const outlook = installOutlookMock(options);
  const { api, bumpVersion } = createFakeAddinApi(options.api);
  const appointment = createOfficeAppointment(Office.context.mailbox);
  render(
    inOutlooksLanguage(
      createElement(App, {
        appointment,
        api,
        officeTheme: options.officeTheme ?? 'light',
        timeZone: 'Europe/Brussels',
      }),
    ),
  );
  return { outlook, api, bumpVersion };
}

const roomItem = async (name: string) => {
  const heading = await screen.findByRole('heading', { name, level: 3 });
  return heading.closest('li')!;
};
/** The room's line with its details (reasons, equipment, room time) opened, as a user opens them. */
const roomDetails = async (name: string) => {
  const heading = await screen.findByRole('heading', { name, level: 3 });
  fireEvent.click(within(heading).getByRole('button'));
  return heading.closest('li')!;
};
const choose = async (name: string) => fireEvent.click(await screen.findByRole('button', { name: `Choose ${name}` }));

describe('compose pane: rooms for the meeting’s time', () => {
  test('reads the meeting, defaults the capacity to its people, lists free rooms first with reasons in text', async () => {
    const { api } = openPane({ api: { busy: { ardennes: ['*'] } } });
    expect(await screen.findByText('Design review')).toBeTruthy();
    expect(screen.getByText(/Mon, Mar 2, 10:00 AM–11:00 AM · 3 people/)).toBeTruthy();
    await screen.findByRole('list', { name: 'Rooms' });
    expect(api.getAvailability).toHaveBeenCalledWith(
      expect.objectContaining({ start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T10:00:00.000Z', minCapacity: '3' }),
    );
    const names = within(screen.getByRole('list', { name: 'Rooms' }))
      .getAllByRole('heading', { level: 3 })
      .map((heading) => heading.textContent);
    expect(names).toEqual(['Atrium', 'Meuse', 'Hudson', 'Board room', 'Ardennes', 'Senne']);

    const ardennes = await roomDetails('Ardennes');
    expect(within(ardennes).getByText('Unavailable')).toBeTruthy();
    expect(within(ardennes).getByText('Booked in Workplace')).toBeTruthy();
    const senne = await roomDetails('Senne');
    expect(within(senne).getByText('Not linked to Exchange: book it in Workplace')).toBeTruthy();
    expect(within(senne).queryByRole('button', { name: 'Choose Senne' })).toBeNull();
    expect(within(await roomItem('Board room')).getByText('Free, needs approval')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/6 rooms checked, 4 free/));
  });

  test('shows the room’s local time when its building is in another zone', async () => {
    openPane();
    const hudson = await roomDetails('Hudson');
    expect(within(hudson).getByText('Room time: 4:00 AM–5:00 AM New York time')).toBeTruthy();
    expect(within(await roomDetails('Atrium')).queryByText(/Room time/)).toBeNull();
  });

  test('filters by building, capacity and equipment', async () => {
    const { api } = openPane();
    await screen.findByRole('list', { name: 'Rooms' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Building' }), { target: { value: 'b-bru' } });
    fireEvent.change(screen.getByRole('spinbutton', { name: /People/ }), { target: { value: '10' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Video conference' }));
    await waitFor(() =>
      expect(api.getAvailability).toHaveBeenLastCalledWith(
        expect.objectContaining({ buildingId: 'b-bru', minCapacity: '10', equipment: 'video-conference' }),
      ),
    );
    await waitFor(() =>
      expect(
        within(screen.getByRole('list', { name: 'Rooms' }))
          .getAllByRole('heading', { level: 3 })
          .map((heading) => heading.textContent),
      ).toEqual(['Atrium']),
    );
  });

  test('books a room: holds it with its lines, adds it to the meeting as a Room, tags the item', async () => {
    const { outlook, api } = openPane();
    await choose('Atrium');
    expect(await screen.findByRole('heading', { name: 'Atrium', level: 2 })).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Add equipment or catering' }), {
      target: { value: 'catering:ci-coffee' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Quantity of Coffee and tea' }), {
      target: { value: '3' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Book Atrium' }));

    expect(await screen.findByRole('heading', { name: 'Atrium is held for this meeting' })).toBeTruthy();
    expect(api.createBookingIntent).toHaveBeenCalledWith(
      expect.objectContaining({
        roomId: 'atrium',
        subject: 'Design review',
        start: '2026-03-02T09:00:00.000Z',
        recurrence: null,
        lines: [{ kind: 'catering', objectId: 'ci-coffee', quantity: 3 }],
        alternatives: [],
      }),
    );
    expect(outlook.meeting().rooms.map((room) => room.email)).toEqual(['room-atrium@contoso.com']);
    expect(JSON.parse(outlook.meeting().customProperties.workplaceBooking!)).toEqual({
      intentId: '00000000-0000-4000-8000-000000000001',
      reservationIds: ['hold-1'],
    });
    expect(screen.getByText('Coffee and tea × 3')).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Atrium is held and added to the meeting.'),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Remove Atrium and release' }));
    await waitFor(() => expect(api.releaseBookingIntent).toHaveBeenCalledWith('00000000-0000-4000-8000-000000000001'));
    await waitFor(() => expect(outlook.meeting().rooms).toEqual([]));
    expect(outlook.meeting().customProperties).toEqual({});
  });

  test('a refused hold is shown and nothing is added to the meeting', async () => {
    const { outlook } = openPane({
      api: { holdFailure: new ApiError(409, 'CONFLICT', 'Atrium was booked by someone else a moment ago') },
    });
    await choose('Atrium');
    fireEvent.click(await screen.findByRole('button', { name: 'Book Atrium' }));
    expect(await screen.findByText('Atrium was booked by someone else a moment ago')).toBeTruthy();
    expect(outlook.meeting().rooms).toEqual([]);
  });

  test('when Outlook refuses the room, the hold is released again', async () => {
    const { outlook, api } = openPane();
    outlook.failNext('locations.add', OUTLOOK_ERRORS.tooManyLocations);
    await choose('Atrium');
    fireEvent.click(await screen.findByRole('button', { name: 'Book Atrium' }));
    expect(await screen.findByText(/number of locations exceeds the limit/)).toBeTruthy();
    expect(api.releaseBookingIntent).toHaveBeenCalledWith('00000000-0000-4000-8000-000000000001');
  });

  test('a series: availability per date, an alternative room where the chosen one is taken', async () => {
    const { api } = openPane({
      meeting: aMeeting({ recurrence: weeklyOnMondays() }),
      api: { busy: { atrium: [2] } },
    });
    await screen.findByText('Weekly on Monday, until April 6, 2026');
    await waitFor(() =>
      expect(api.getAvailability).toHaveBeenCalledWith(
        expect.objectContaining({
          freq: 'weekly',
          byDay: 'MO',
          interval: '1',
          until: '2026-04-06',
          timeZone: 'Romance Standard Time',
        }),
      ),
    );
    expect(within(await roomItem('Atrium')).getByText('Free for 3 of 4 dates: taken Mon, Mar 16')).toBeTruthy();
    await choose('Atrium');
    expect(await screen.findByRole('heading', { name: /Dates \(4\): Atrium is taken on 1/ })).toBeTruthy();
    const select = screen.getByRole('combobox', { name: 'Room on Mon, Mar 16' });
    expect((select as HTMLSelectElement).value).toBe('meuse');
    expect(screen.getByText('Atrium is taken: Meuse instead')).toBeTruthy();
    fireEvent.change(select, { target: { value: 'ardennes' } });
    expect(await screen.findByText('Atrium is taken: Ardennes instead')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Book Atrium and 1 other' }));
    await screen.findByRole('heading', { name: 'Atrium is held for this meeting' });
    expect(api.createBookingIntent).toHaveBeenCalledWith(
      expect.objectContaining({
        recurrence: expect.objectContaining({ freq: 'weekly' }),
        alternatives: [{ occurrenceStart: '2026-03-16T09:00:00.000Z', roomId: 'ardennes' }],
      }),
    );
    const byDate = screen.getByRole('heading', { name: 'Rooms by date' }).parentElement!;
    expect(within(byDate).getByText('Atrium: every other date')).toBeTruthy();
    expect(within(byDate).getByText('Ardennes: Mon, Mar 16')).toBeTruthy();
  });

  test('re-checks when Outlook reports a new time, and moves the hold with the meeting', async () => {
    const { outlook, api } = openPane();
    await choose('Atrium');
    fireEvent.click(await screen.findByRole('button', { name: 'Book Atrium' }));
    await screen.findByRole('heading', { name: 'Atrium is held for this meeting' });
    act(() => outlook.editMeeting({ start: new Date('2026-03-02T13:00:00Z'), end: new Date('2026-03-02T14:00:00Z') }));
    await waitFor(() => expect(api.createBookingIntent).toHaveBeenCalledTimes(2), { timeout: 5000 });
    expect(api.releaseBookingIntent).toHaveBeenCalledWith('00000000-0000-4000-8000-000000000001');
    expect(api.createBookingIntent).toHaveBeenLastCalledWith(
      expect.objectContaining({ start: '2026-03-02T13:00:00.000Z' }),
    );
    expect(
      await screen.findByText(
        'The meeting changed: Atrium is held for the new time.',
        { selector: 'span' },
        { timeout: 5000 },
      ),
    ).toBeTruthy();
    expect(outlook.meeting().rooms.map((room) => room.email)).toEqual(['room-atrium@contoso.com']);
  });
});

describe('read pane: the reservation of a sent meeting', () => {
  const readPane = (user = ANN, options: FakeApiOptions = {}) =>
    openPane({
      mode: 'read',
      user,
      organizer: ANN,
      meeting: aMeeting({ rooms: [{ email: 'room-atrium@contoso.com', name: 'Atrium' }], itemId: 'AAMk-1' }),
      api: { reservations: [aReservation({ isOrganizer: user === ANN })], ...options },
    });

  test('shows the lines with their status in words and the sync status', async () => {
    const { api } = readPane(BOB);
    const card = (await screen.findByRole('heading', { name: 'Atrium', level: 3 })).closest('article')!;
    expect(api.getReservationsForMeeting).toHaveBeenCalledWith({
      organizer: ANN.email,
      start: '2026-03-02T09:00:00.000Z',
      rooms: 'room-atrium@contoso.com',
    });
    const lines = within(card).getByRole('list', { name: 'Reservation lines' });
    expect(lines.textContent).toContain('Coffee and tea × 6Pending approval');
    expect(lines.textContent).toContain('Beamer 1 × 1Confirmed');
    expect(lines.textContent).toContain('Sandwich lunch × 6Declined');
    expect(within(card).getByText('In sync with Exchange')).toBeTruthy();
    expect(within(card).queryByRole('button', { name: 'Edit equipment and catering' })).toBeNull();
  });

  test('the organizer changes the lines; the version they were based on is sent', async () => {
    const { api } = readPane();
    fireEvent.click(await screen.findByRole('button', { name: 'Edit equipment and catering' }));
    // The line editor is a chunk of its own (loaded on first use).
    const removeBeamer = await screen.findByRole('button', { name: 'Remove Beamer 1' });
    // Declined lines are history, not editable.
    expect(screen.queryByRole('spinbutton', { name: 'Quantity of Sandwich lunch' })).toBeNull();
    fireEvent.click(removeBeamer);
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Quantity of Coffee and tea' }), {
      target: { value: '8' },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Add equipment or catering' }), {
      target: { value: 'catering:ci-lunch' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateReservationLines).toHaveBeenCalledWith('res-1', {
        version: 3,
        lines: [
          { id: 'l-2', kind: 'catering', objectId: 'ci-coffee', quantity: 8 },
          { kind: 'catering', objectId: 'ci-lunch', quantity: 1 },
        ],
      }),
    );
    const lines = await screen.findByRole('list', { name: 'Reservation lines' });
    expect(lines.textContent).toContain('Coffee and tea × 8Confirmed');
    expect(lines.textContent).not.toContain('Beamer');
  });

  test('a stale version is explained and the reservation reloaded', async () => {
    const { api, bumpVersion } = readPane();
    const edit = await screen.findByRole('button', { name: 'Edit equipment and catering' });
    bumpVersion('res-1');
    fireEvent.click(edit);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Someone changed this reservation in the meantime/)).toBeTruthy();
    await waitFor(() => expect(api.getReservationsForMeeting).toHaveBeenCalledTimes(2));
  });

  test('the pane’s own tag finds the hold by reservation id', async () => {
    const { api } = openPane({
      mode: 'read',
      meeting: aMeeting({
        customProperties: { workplaceBooking: JSON.stringify({ intentId: 'i', reservationIds: ['res-1'] }) },
      }),
      api: {
        reservations: [
          aReservation({ status: 'tentative', sync: { state: 'held', holdExpiresAt: '2026-03-02T08:30:00Z' } }),
        ],
      },
    });
    expect(await screen.findByText(/Waiting for the meeting from Exchange/)).toBeTruthy();
    expect(api.getReservationsForMeeting).toHaveBeenCalledWith({ reservationId: 'res-1' });
  });

  test('with the tag and the meeting’s rooms, both go to the server (the hold may be over, the meeting booked anew)', async () => {
    const { api } = openPane({
      mode: 'read',
      organizer: ANN,
      meeting: aMeeting({
        rooms: [{ email: 'room-atrium@contoso.com', name: 'Atrium' }],
        customProperties: { workplaceBooking: JSON.stringify({ intentId: 'i', reservationIds: ['res-1'] }) },
      }),
      api: { reservations: [aReservation()] },
    });
    await waitFor(() =>
      expect(api.getReservationsForMeeting).toHaveBeenCalledWith({
        reservationId: 'res-1',
        organizer: ANN.email,
        start: '2026-03-02T09:00:00.000Z',
        rooms: 'room-atrium@contoso.com',
      }),
    );
  });

  test.each([
    [{ state: 'checked-in' as const, at: '2026-03-02T09:03:00Z' }, 'Checked in at 10:03'],
    [{ state: 'no-show' as const, at: '2026-03-02T09:15:00Z' }, 'Released: nobody checked in by 10:15'],
    [{ state: 'ended-early' as const, at: '2026-03-02T09:40:00Z' }, 'Ended at 10:40'],
  ])('the occurrence running now says what the room knows of it: %o', async (attendance, text) => {
    openPane({
      mode: 'read',
      organizer: ANN,
      meeting: aMeeting({ rooms: [{ email: 'room-atrium@contoso.com', name: 'Atrium' }], itemId: 'AAMk-1' }),
      api: {
        reservations: [
          aReservation({
            lines: [
              {
                id: 'l-1',
                kind: 'room',
                objectId: 'atrium',
                name: 'Atrium',
                status: 'confirmed',
                attendance: { occurrenceStart: '2026-03-02T09:00:00.000Z', ...attendance },
              },
            ],
          }),
        ],
      },
    });
    const card = (await screen.findByRole('heading', { name: 'Atrium', level: 3 })).closest('article')!;
    expect(card.textContent).toContain(text);
  });

  test('a meeting in two rooms says what each room knows: one released, the other checked in', async () => {
    const running = { occurrenceStart: '2026-03-02T09:00:00.000Z' };
    openPane({
      mode: 'read',
      organizer: ANN,
      meeting: aMeeting({
        rooms: [
          { email: 'room-atrium@contoso.com', name: 'Atrium' },
          { email: 'room-loft@contoso.com', name: 'Loft' },
        ],
        itemId: 'AAMk-1',
      }),
      api: {
        reservations: [
          aReservation({
            lines: [
              {
                id: 'l-1',
                kind: 'room',
                objectId: 'atrium',
                name: 'Atrium',
                status: 'confirmed',
                attendance: { ...running, state: 'no-show', at: '2026-03-02T09:15:00Z' },
              },
              {
                id: 'l-2',
                kind: 'room',
                objectId: 'loft',
                name: 'Loft',
                status: 'confirmed',
                attendance: { ...running, state: 'checked-in', at: '2026-03-02T09:03:00Z' },
              },
            ],
          }),
        ],
      },
    });
    const lines = await screen.findByRole('list', { name: 'Reservation lines' });
    const [atrium, loft] = within(lines).getAllByRole('listitem');
    expect(atrium!.textContent).toContain('Atrium');
    expect(atrium!.textContent).toContain('Released: nobody checked in by 10:15');
    expect(atrium!.textContent).not.toContain('Checked in');
    expect(loft!.textContent).toContain('Loft');
    expect(loft!.textContent).toContain('Checked in at 10:03');
    expect(loft!.textContent).not.toContain('Released');
  });

  test('no reservation: says so', async () => {
    openPane({ mode: 'read', api: { reservations: [] } });
    expect(await screen.findByText(/No Workplace reservation belongs to this meeting/)).toBeTruthy();
  });
});

describe('in Outlook’s display language', () => {
  test('fr-FR: the pane in French, dates and times in French with a 24-hour clock', async () => {
    openPane({ displayLanguage: 'fr-FR', api: { busy: { ardennes: ['*'] } } });
    expect(await screen.findByRole('heading', { name: 'Salles Workplace', level: 1 })).toBeTruthy();
    expect(await screen.findByText(/lun\. 2 mars, 10:00–11:00 · 3 personnes/)).toBeTruthy();
    await screen.findByRole('list', { name: 'Salles' });
    const ardennes = await roomDetails('Ardennes');
    expect(within(ardennes).getByText('Indisponible')).toBeTruthy();
    expect(within(ardennes).getByText('Réservée dans Workplace')).toBeTruthy();
    expect(
      within(await roomDetails('Hudson')).getByText('Heure de la salle : 04:00–05:00 heure de New York'),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Choisir Atrium' })).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/6 salles vérifiées/));
  });

  test('fr-FR: a sign-in window the user closed is explained in French, with a retry', async () => {
    const closed = dialogErrorOf(12006);
    openPane({ displayLanguage: 'fr-FR', api: { roomsFailure: new SignInError(closed.message, { cause: closed }) } });
    expect(await screen.findByText('Impossible de charger les salles.')).toBeTruthy();
    expect(screen.getByText(/La fenêtre de connexion a été fermée avant la fin de la connexion\./)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(await screen.findByRole('list', { name: 'Salles' })).toBeTruthy();
  });

  test.each([
    ['de-DE', 'Workplace-Räume', /Mo\., 2\. März, 10:00–11:00 · 3 Personen/],
    ['nl-BE', 'Workplace-zalen', /ma 2 mrt, 10:00–11:00 · 3 personen/],
    ['ja-JP', 'Workplace rooms', /Mon, Mar 2, 10:00 AM–11:00 AM · 3 people/],
  ])('%s', async (displayLanguage, title, when) => {
    openPane({ displayLanguage });
    expect(await screen.findByRole('heading', { name: title, level: 1 })).toBeTruthy();
    expect(await screen.findByText(when)).toBeTruthy();
  });
});

describe('pane failures', () => {
  test('a refusal that asking again cannot change has no "Try again"; a failing server has', async () => {
    openPane({ api: { roomsFailure: new ApiError(422, 'UNPROCESSABLE', 'The meeting has already ended') } });
    expect(await screen.findByText(/The meeting has already ended/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    cleanup();
    openPane({ api: { roomsFailure: new ApiError(503, 'UNAVAILABLE', 'Workplace could not be reached') } });
    expect(await screen.findByText(/Workplace could not be reached/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('list', { name: 'Rooms' })).toBeTruthy();
  });

  test('Outlook cannot read the meeting: the error and a retry', async () => {
    const outlook = installOutlookMock();
    outlook.failNext('start', OUTLOOK_ERRORS.invalidSelection);
    const { api } = createFakeAddinApi();
    render(
      inOutlooksLanguage(
        createElement(App, {
          appointment: createOfficeAppointment(Office.context.mailbox),
          api,
          officeTheme: 'dark',
          timeZone: 'Europe/Brussels',
        }),
      ),
    );
    expect(await screen.findByText('The meeting could not be read from Outlook.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Design review')).toBeTruthy();
  });
});
