// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, expect, test } from 'vitest';
import { Deferred, lazyPart } from '../../../addin/src/components/deferred-parts.js';
import { de } from '../../../addin/src/i18n/messages/de.js';
import { en } from '../../../addin/src/i18n/messages/en.js';
import { fr } from '../../../addin/src/i18n/messages/fr.js';
import { nl } from '../../../addin/src/i18n/messages/nl.js';
import { createPaneI18n } from '../../../addin/src/i18n/pane-i18n.js';

afterEach(cleanup);

test('a part whose chunk cannot be loaded says so with Try again, which fetches it again; the rest stays', async () => {
  let attempts = 0;
  const Part = lazyPart<{ name: string }>(async () => {
    attempts += 1;
    if (attempts === 1) throw new TypeError('Failed to fetch dynamically imported module');
    return ({ name }) => createElement('p', null, `Booking panel for ${name}`);
  });
  const i18n = createPaneI18n('en', { en, fr, nl, de });
  render(
    createElement(
      I18nextProvider,
      { i18n },
      createElement(
        'main',
        null,
        createElement('h1', null, 'Rooms'),
        createElement(Deferred, null, createElement(Part, { name: 'Atrium' })),
      ),
    ),
  );

  expect(await screen.findByText('This part of the pane could not be loaded.')).toBeTruthy();
  expect(screen.getByRole('heading', { name: 'Rooms' })).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
  expect(await screen.findByText('Booking panel for Atrium')).toBeTruthy();
  expect(attempts).toBe(2);
});
