// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, expect, test } from 'vitest';
import type { RoomLinks, SyncProgress } from '@workplace-sync/shared';
import { ConsoleShell } from '../../../console/src/components/console-shell.js';
import { RoomLinksView } from '../../../console/src/components/room-links-view.js';
import { createConsoleI18n } from '../../../console/src/i18n/console-i18n.js';
import { LANGUAGE_STORAGE_KEY } from '../../../console/src/i18n/console-language.js';

// Room links as a French-speaking admin sees it, and the header's picker switching it to German.

afterEach(() => {
  cleanup();
  window.localStorage.clear();
  window.history.replaceState(null, '', '/admin/');
});

const links: RoomLinks = {
  areas: [
    {
      areaId: 'area-1',
      name: 'Atrium 1.01',
      building: 'Brussels HQ',
      buildingAddress: 'Brussels',
      timeZone: 'Europe/Brussels',
      capacity: 8,
      exchangeMailbox: null,
      link: { mailbox: 'atrium@contoso.com', isEnabled: true },
    },
    {
      areaId: 'area-2',
      name: 'Atrium 1.02',
      building: 'Brussels HQ',
      buildingAddress: 'Brussels',
      timeZone: 'Europe/Brussels',
      capacity: 4,
      exchangeMailbox: null,
      link: null,
    },
  ],
  exchangeRooms: [
    {
      mailbox: 'atrium@contoso.com',
      displayName: 'Atrium',
      building: 'Brussels HQ',
      city: 'Brussels',
      capacity: 8,
      linkedAreaId: 'area-1',
      isEnabled: true,
    },
  ],
};

const running: SyncProgress = {
  mailbox: 'atrium@contoso.com',
  state: 'running',
  attempts: 1,
  finishedAt: null,
  error: null,
  found: 1500,
  synced: 1200,
};

const inLocale = (locale: string, view: ReactElement) =>
  createElement(
    I18nextProvider,
    { i18n: createConsoleI18n(locale) },
    createElement(ConsoleShell, { user: 'Megan', announcement: '', children: view }),
  );

const roomLinks = () =>
  createElement(RoomLinksView, {
    links,
    progress: { 'atrium@contoso.com': running },
    busyArea: null,
    filter: { q: 'atrium', areaPage: 0, roomPage: 0 },
    onFilterChange: () => {},
    onLink: () => {},
    onUnlink: () => {},
  });

test('in French: headings, columns, buttons, counts and progress in French, numbers grouped the French way', () => {
  render(inLocale('fr-FR', roomLinks()));
  screen.getByRole('heading', { name: 'Administration de la synchronisation des salles' });
  screen.getByText('Connecté en tant que Megan');
  screen.getByRole('heading', { name: 'Espaces Workplace (2)' });
  screen.getByRole('heading', { name: 'Salles Exchange (1)' });
  screen.getByRole('columnheader', { name: 'Bâtiment' });
  screen.getByRole('button', { name: 'Délier Atrium 1.01' });
  screen.getByRole('button', { name: 'Lier Atrium 1.02' });
  screen.getByRole('combobox', { name: 'Salle Exchange pour Atrium 1.02' });
  screen.getByText('2 espaces et 1 salle correspondent');
  screen.getByRole('navigation', { name: 'Pagination : Espaces Workplace' });
  // 1 200 and 1 500 with French grouping (a narrow no-break space).
  screen.getByText(/^Première synchronisation en cours · 1\s200 réservations synchronisées sur 1\s500$/);
  expect(document.body.textContent).not.toMatch(/\b(Link|Unlink|Showing|Seats|Not linked)\b/);
});

test('unlinking asks in the admin’s language', () => {
  render(inLocale('fr-FR', roomLinks()));
  fireEvent.click(screen.getByRole('button', { name: 'Délier Atrium 1.01' }));
  const question = screen.getByRole('group', { name: 'Délier Atrium 1.01 ?' });
  within(question).getByRole('button', { name: 'Annuler' });
});

test('the picker switches the console to German at once, remembers it and writes it to the URL', async () => {
  window.history.replaceState(null, '', '/admin/?view=links&q=atrium');
  render(inLocale('fr-FR', roomLinks()));
  const picker = screen.getByRole('combobox', { name: 'Langue' });
  await act(async () => {
    fireEvent.change(picker, { target: { value: 'de' } });
  });
  screen.getByRole('heading', { name: 'Workplace-Bereiche (2)' });
  screen.getByRole('button', { name: 'Atrium 1.02 verknüpfen' });
  expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('de');
  expect(window.location.search).toBe('?view=links&q=atrium&lang=de');
  expect(screen.getByRole('combobox', { name: 'Sprache' })).toHaveProperty('value', 'de');
});
