// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, test } from 'vitest';
import { App } from '../../../addin/src/app.js';
import { createPaneI18n } from '../../../addin/src/i18n/pane-i18n.js';
import { createOfficeAppointment } from '../../../addin/src/office/appointment.js';
import { createFakeAddinApi } from './support/fake-addin-api.js';
import type { FakeApiOptions } from './support/fake-addin-api.js';
import { aMeeting, installOutlookMock, uninstallOutlookMock } from './support/outlook-mock.js';

// The meeting's time as the organizer should see it: a warning for a meeting far longer than a day's
// work (most often an end time on the wrong half of the clock).

afterEach(() => {
  cleanup();
  uninstallOutlookMock();
});

function openPane(options: Parameters<typeof installOutlookMock>[0] & { api?: FakeApiOptions } = {}) {
  const outlook = installOutlookMock(options);
  const { api } = createFakeAddinApi(options.api);
  const pane = createElement(App, {
    appointment: createOfficeAppointment(Office.context.mailbox),
    api,
    officeTheme: 'light',
    timeZone: 'Europe/Brussels',
  });
  render(createElement(I18nextProvider, { i18n: createPaneI18n('en-US') }, pane));
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
