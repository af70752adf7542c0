// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import type { AvailabilityQueryInput, AvailabilityResponse } from '@workplace-sync/shared';
import { aReservation, availabilityFor } from './support/fake-addin-api.js';
import { openPane } from './support/open-pane.js';
import { ANN, aMeeting, uninstallOutlookMock, weeklyOnMondays } from './support/outlook-mock.js';

// Choosing a room and its lines as a keyboard user meets it: where focus goes, which buttons exist.

afterEach(() => {
  cleanup();
  uninstallOutlookMock();
  localStorage.clear();
});

const roomItem = async (name: string) => (await screen.findByRole('heading', { name, level: 3 })).closest('li')!;

describe('keyboard focus never falls to <body>', () => {
  test('after Choose, focus is on the chosen room’s heading; after Back, on its Choose button again', async () => {
    openPane();
    fireEvent.click(await screen.findByRole('button', { name: 'Choose Atrium' }));
    const heading = await screen.findByRole('heading', { name: 'Atrium', level: 2 });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    fireEvent.click(screen.getByRole('button', { name: 'Back to rooms' }));
    const choose = await screen.findByRole('button', { name: 'Choose Atrium' });
    await waitFor(() => expect(document.activeElement).toBe(choose));
  });

  test('after Add, focus is on the new line’s quantity; after Remove, on the next line’s Remove or the Add list', async () => {
    openPane();
    fireEvent.click(await screen.findByRole('button', { name: 'Choose Atrium' }));
    const add = await screen.findByRole('combobox', { name: 'Add equipment or catering' });
    for (const value of ['catering:ci-coffee', 'equipment:as-beamer']) {
      fireEvent.change(add, { target: { value } });
      fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    }
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('spinbutton', { name: 'Quantity of Beamer 1' })),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Remove Coffee and tea' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove Beamer 1' })));
    fireEvent.click(screen.getByRole('button', { name: 'Remove Beamer 1' }));
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Add equipment or catering' })),
    );
  });

  test('a room that cannot be booked has no Choose button (no tab stop that leads nowhere)', async () => {
    openPane({ api: { busy: { ardennes: ['*'] } } });
    const ardennes = await roomItem('Ardennes');
    expect(within(ardennes).queryByRole('button', { name: /Choose/ })).toBeNull();
    expect(within(await roomItem('Senne')).queryByRole('button', { name: /Choose/ })).toBeNull();
    expect(within(await roomItem('Atrium')).getByRole('button', { name: 'Choose Atrium' })).toBeTruthy();
  });
});

describe('rooms that need approval are requested, and the pane says what that means', () => {
  test('"Request", not "Choose"; the panel says what the organizer sees until approved', async () => {
    const { api } = openPane();
    const board = await roomItem('Board room');
    expect(within(board).queryByRole('button', { name: /^Choose/ })).toBeNull();
    const request = within(board).getByRole('button', { name: 'Request Board room' });
    expect(request.textContent).toBe('Request');
    expect(within(await roomItem('Atrium')).getByRole('button', { name: 'Choose Atrium' }).textContent).toBe('Choose');
    fireEvent.click(request);
    expect(
      await screen.findByText(
        'Board room needs approval in Workplace. Until an approver decides, your meeting shows the room as Tentative in Outlook and the reservation as pending approval; if it is not approved, the room declines the meeting.',
      ),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Request Board room' }));
    await waitFor(() =>
      expect(api.createBookingIntent).toHaveBeenCalledWith(expect.objectContaining({ roomId: 'board' })),
    );
  });

  test.each([
    [
      'en-US',
      'Request Board room',
      'Board room is requested for this meeting, waiting for approval',
      'Board room needs approval in Workplace. Until an approver decides, your meeting shows the room as Tentative in Outlook and the reservation as pending approval; if it is not approved, the room declines the meeting.',
    ],
    [
      'fr-FR',
      'Demander Board room',
      'Board room est demandée pour cette réunion, en attente d’approbation',
      'Board room requiert une approbation dans Workplace. Tant qu’un approbateur n’a pas décidé, votre réunion montre la salle comme Provisoire dans Outlook et la réservation en attente d’approbation ; si elle n’est pas approuvée, la salle refuse la réunion.',
    ],
  ])(
    'once requested (%s), the summary says requested and waiting for approval, not held',
    async (displayLanguage, request, heading, note) => {
      openPane({ displayLanguage });
      fireEvent.click(within(await roomItem('Board room')).getByRole('button', { name: request }));
      await screen.findByText(note);
      fireEvent.click(screen.getByRole('button', { name: request }));
      expect(await screen.findByRole('heading', { name: heading, level: 2 })).toBeTruthy();
      expect(screen.getByText(note)).toBeTruthy();
      expect(screen.queryByText(/is held for this meeting|est retenue pour cette réunion/)).toBeNull();
    },
  );

  test('an alternative date in a room that needs approval says so', async () => {
    openPane({
      meeting: aMeeting({ recurrence: weeklyOnMondays() }),
      api: { busy: { atrium: [2], meuse: [2], ardennes: [2], hudson: [2] } },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Choose Atrium' }));
    expect(
      await screen.findByText(
        'Atrium is taken: Board room instead, which needs approval (Tentative in Outlook until approved)',
      ),
    ).toBeTruthy();
    const select = screen.getByRole('combobox', { name: 'Room on Mon, Mar 16' });
    expect(within(select).getByRole('option', { name: 'Board room (needs approval)' })).toBeTruthy();
  });
});

describe('the room list is compact, details on demand', () => {
  test('each room shows its name, availability, building, floor and capacity; reasons, equipment and room time open under its name', async () => {
    openPane({ api: { busy: { ardennes: ['*'] } } });
    const ardennes = await roomItem('Ardennes');
    expect(within(ardennes).getByText('Unavailable')).toBeTruthy();
    expect(within(ardennes).getByText('Brussels HQ · First floor · 8 people')).toBeTruthy();
    const toggle = within(within(ardennes).getByRole('heading', { level: 3 })).getByRole('button');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(within(ardennes).queryByText('Booked in Workplace')).toBeNull();
    expect(within(ardennes).queryByText(/Equipment:/)).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(within(ardennes).getByText('Booked in Workplace')).toBeTruthy();
    expect(within(ardennes).getByText('Equipment: Screen, Whiteboard')).toBeTruthy();
    fireEvent.click(toggle);
    expect(within(ardennes).queryByText('Booked in Workplace')).toBeNull();
  });
});

describe('read mode offers the equipment of the reservation’s building only, as compose mode does', () => {
  const addable = () =>
    within(screen.getByRole('combobox', { name: 'Add equipment or catering' }))
      .getAllByRole('option')
      .map((option) => option.textContent);

  test.each([
    ['Atrium', 'atrium', 'Beamer 1', 'Projector NY'],
    ['Hudson', 'hudson', 'Projector NY', 'Beamer 1'],
  ])('a reservation in %s', async (name, roomId, offered, notOffered) => {
    openPane({
      mode: 'read',
      user: ANN,
      organizer: ANN,
      meeting: aMeeting({ rooms: [{ email: `room-${roomId}@contoso.com`, name }], itemId: 'AAMk-1' }),
      api: {
        reservations: [
          aReservation({
            lines: [{ id: 'l-1', kind: 'room', objectId: roomId, name, status: 'confirmed' }],
          }),
        ],
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit equipment and catering' }));
    await waitFor(() => expect(addable()).toContain(offered));
    expect(addable()).not.toContain(notOffered);
  });
});

describe('rooms in the order the user looks for them', () => {
  const names = () =>
    within(screen.getByRole('list', { name: 'Rooms' }))
      .getAllByRole('heading', { level: 3 })
      .map((heading) => heading.textContent);

  test('free before partly free before unavailable; the building and room picked last time first within each', async () => {
    openPane({ meeting: aMeeting({ recurrence: weeklyOnMondays() }), api: { busy: { atrium: [1], ardennes: ['*'] } } });
    await screen.findByRole('list', { name: 'Rooms' });
    expect(names()).toEqual(['Meuse', 'Hudson', 'Board room', 'Atrium', 'Ardennes', 'Senne']);
    fireEvent.click(screen.getByRole('button', { name: 'Choose Hudson' }));
    await screen.findByRole('heading', { name: 'Hudson', level: 2 });
    cleanup();
    uninstallOutlookMock();

    openPane({ meeting: aMeeting({ recurrence: weeklyOnMondays() }), api: { busy: { atrium: [1], ardennes: ['*'] } } });
    await screen.findByRole('list', { name: 'Rooms' });
    expect(names()).toEqual(['Hudson', 'Meuse', 'Board room', 'Atrium', 'Ardennes', 'Senne']);
    fireEvent.click(screen.getByRole('button', { name: 'Choose Meuse' }));
    await screen.findByRole('heading', { name: 'Meuse', level: 2 });
    cleanup();
    uninstallOutlookMock();

    openPane({ meeting: aMeeting({ recurrence: weeklyOnMondays() }), api: { busy: { atrium: [1], ardennes: ['*'] } } });
    await screen.findByRole('list', { name: 'Rooms' });
    expect(names()).toEqual(['Meuse', 'Hudson', 'Board room', 'Atrium', 'Ardennes', 'Senne']);
  });

  test('with nothing remembered, the building of the office location in the directory first; a pick wins over it', async () => {
    const nextPane = { meeting: aMeeting(), api: { officeLocation: 'New York' } };
    openPane(nextPane);
    await screen.findByRole('list', { name: 'Rooms' });
    expect(names()[0]).toBe('Hudson');
    fireEvent.click(screen.getByRole('button', { name: 'Choose Meuse' }));
    await screen.findByRole('heading', { name: 'Meuse', level: 2 });
    cleanup();
    uninstallOutlookMock();

    openPane(nextPane);
    await screen.findByRole('list', { name: 'Rooms' });
    expect(names().slice(0, 2)).toEqual(['Meuse', 'Atrium']);
  });
});

describe('a list being checked again cannot be chosen from', () => {
  /** The next availability answer waits until the test lets it through. */
  function holdNextAnswer(api: ReturnType<typeof openPane>['api']) {
    let release: () => void = () => undefined;
    api.getAvailability.mockImplementationOnce(
      (query: AvailabilityQueryInput) =>
        new Promise<AvailabilityResponse>((resolve) => {
          release = () => resolve(availabilityFor(query, {}));
        }),
    );
    return () => act(() => release());
  }
  const newTime = { start: new Date('2026-03-02T13:00:00Z'), end: new Date('2026-03-02T14:00:00Z') };

  test('after the meeting moved, Choose waits for the fresh answer, and the list says why', async () => {
    const { outlook, api } = openPane();
    const choose = await screen.findByRole('button', { name: 'Choose Atrium' });
    const answer = holdNextAnswer(api);
    act(() => outlook.editMeeting(newTime));
    expect(
      await screen.findByText('Checking availability again: rooms can be chosen once the new answer is in.'),
    ).toBeTruthy();
    expect(choose.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(choose);
    expect(screen.queryByRole('heading', { name: 'Atrium', level: 2 })).toBeNull();
    await answer();
    // The fresh answer re-renders the list; beside the whole suite that can take longer than waitFor's 1 s.
    await waitFor(
      () => expect(screen.getByRole('button', { name: 'Choose Atrium' }).getAttribute('aria-disabled')).toBeNull(),
      { timeout: 10_000 },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Choose Atrium' }));
    expect(await screen.findByRole('heading', { name: 'Atrium', level: 2 })).toBeTruthy();
  });

  test('with a room chosen, Book waits for the fresh answer too', async () => {
    const { outlook, api } = openPane();
    fireEvent.click(await screen.findByRole('button', { name: 'Choose Atrium' }));
    await screen.findByRole('heading', { name: 'Atrium', level: 2 });
    const answer = holdNextAnswer(api);
    act(() => outlook.editMeeting(newTime));
    await screen.findByText('Checking availability for the new time…');
    const book = screen.getByRole('button', { name: 'Book Atrium' });
    expect(book.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(book);
    expect(api.createBookingIntent).not.toHaveBeenCalled();
    await answer();
    await waitFor(
      () => expect(screen.getByRole('button', { name: 'Book Atrium' }).getAttribute('aria-disabled')).toBeNull(),
      { timeout: 10_000 },
    );
  });
});
