// @vitest-environment happy-dom
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError } from '@workplace-sync/shared';
import { App } from '../../../addin/src/app.js';
import { useRefetchOnReconnect } from '../../../addin/src/hooks/use-refetch-on-reconnect.js';
import { en } from '../../../addin/src/i18n/messages/en.js';
import { createPaneI18n } from '../../../addin/src/i18n/pane-i18n.js';
import { createOfficeAppointment } from '../../../addin/src/office/appointment.js';
import { aReservation, createFakeAddinApi } from './support/fake-addin-api.js';
import type { FakeApiOptions } from './support/fake-addin-api.js';
import { ANN, aMeeting, installOutlookMock, uninstallOutlookMock } from './support/outlook-mock.js';

// A pane left open while the network went away, or while the user was elsewhere, asks again by itself.

afterEach(() => {
  cleanup();
  uninstallOutlookMock();
});

function openPane(options: Parameters<typeof installOutlookMock>[0] & { api?: FakeApiOptions } = {}) {
  installOutlookMock(options);
  const { api } = createFakeAddinApi(options.api);
  const pane = createElement(App, {
    appointment: createOfficeAppointment(Office.context.mailbox),
    api,
    officeTheme: 'light',
    timeZone: 'Europe/Brussels',
  });
  render(createElement(I18nextProvider, { i18n: createPaneI18n('en-US', { en }) }, pane));
  return api;
}

const OFFLINE = new ApiError(0, 'NETWORK', 'The server could not be reached (offline)');

describe('when the network comes back', () => {
  test('availability that failed offline is checked again without Try again', async () => {
    const api = openPane({ api: { availabilityFailures: [OFFLINE] } });
    expect(await screen.findByText(/The server could not be reached \(offline\)/)).toBeTruthy();
    act(() => void window.dispatchEvent(new Event('online')));
    expect(await screen.findByRole('list', { name: 'Rooms' })).toBeTruthy();
    expect(screen.queryByText(/The server could not be reached/)).toBeNull();
    expect(api.getAvailability).toHaveBeenCalledTimes(2);
  });

  test('the read pane looks the reservation up again (the sync may have moved it on)', async () => {
    const api = openPane({
      mode: 'read',
      user: ANN,
      organizer: ANN,
      meeting: aMeeting({ rooms: [{ email: 'room-atrium@contoso.com', name: 'Atrium' }], itemId: 'AAMk-1' }),
      api: { reservations: [aReservation()] },
    });
    await screen.findByRole('heading', { name: 'Reservation' });
    const before = api.getReservationsForMeeting.mock.calls.length;
    act(() => void window.dispatchEvent(new Event('online')));
    await waitFor(() => expect(api.getReservationsForMeeting.mock.calls.length).toBe(before + 1));
  });
});

describe('useRefetchOnReconnect', () => {
  test('online asks at once; returning to the pane asks only once the answer is stale', () => {
    const refetch = vi.fn();
    const { rerender, unmount } = renderHook(({ staleMs }) => useRefetchOnReconnect(refetch, staleMs), {
      initialProps: { staleMs: 60 * 60_000 },
    });
    window.dispatchEvent(new Event('focus'));
    expect(refetch).not.toHaveBeenCalled();
    window.dispatchEvent(new Event('online'));
    expect(refetch).toHaveBeenCalledTimes(1);
    rerender({ staleMs: 0 });
    window.dispatchEvent(new Event('focus'));
    expect(refetch).toHaveBeenCalledTimes(2);
    unmount();
    window.dispatchEvent(new Event('online'));
    expect(refetch).toHaveBeenCalledTimes(2);
  });
});
