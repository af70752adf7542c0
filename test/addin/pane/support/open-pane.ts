import { render } from '@testing-library/react';
import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { App } from '../../../../addin/src/app.js';
import { de } from '../../../../addin/src/i18n/messages/de.js';
import { en } from '../../../../addin/src/i18n/messages/en.js';
import { fr } from '../../../../addin/src/i18n/messages/fr.js';
import { nl } from '../../../../addin/src/i18n/messages/nl.js';
import { createPaneI18n } from '../../../../addin/src/i18n/pane-i18n.js';
import { paneLocaleOf } from '../../../../addin/src/i18n/pane-language.js';
import { createOfficeAppointment } from '../../../../addin/src/office/appointment.js';
import { readDisplayLanguage } from '../../../../addin/src/office/display-language.js';
import { createFakeAddinApi } from './fake-addin-api.js';
import type { FakeApiOptions } from './fake-addin-api.js';
import { installOutlookMock } from './outlook-mock.js';

export type PaneOptions = Parameters<typeof installOutlookMock>[0] & { api?: FakeApiOptions };

/** The pane on a simulated Outlook appointment (through the real bridge) against the fake API, in Outlook's language. */
export function openPane(options: PaneOptions = {}) {
  const outlook = installOutlookMock(options);
  const { api, bumpVersion } = createFakeAddinApi(options.api);
  const appointment = createOfficeAppointment(Office.context.mailbox);
  const i18n = createPaneI18n(paneLocaleOf(readDisplayLanguage()), { en, fr, nl, de });
  render(
    createElement(
      I18nextProvider,
      { i18n },
      createElement(App, { appointment, api, officeTheme: 'light', timeZone: 'Europe/Brussels' }),
    ),
  );
  return { outlook, api, bumpVersion };
}
