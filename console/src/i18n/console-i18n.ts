import { createInstance } from 'i18next';
import type { TFunction, i18n } from 'i18next';
import type { ConsoleLanguage } from './console-language.js';
import { activityMessages } from './messages/activity.js';
import { de } from './messages/de.js';
import { en } from './messages/en.js';
import type { Messages } from './messages/en.js';
import { fr } from './messages/fr.js';
import { nl } from './messages/nl.js';

// The console's words through i18next, as the pane's (addin/src/i18n/pane-i18n.ts): all four languages
// bundled, English the source and the fallback, plurals by each language's rules (`_one`/`_other`,
// French also `_many`). Dates, times and numbers are Intl's, in the same locale (format.ts).

export const consoleMessages: Record<ConsoleLanguage, Messages> = {
  en: { ...en, activity: activityMessages.en },
  fr: { ...fr, activity: activityMessages.fr },
  nl: { ...nl, activity: activityMessages.nl },
  de: { ...de, activity: activityMessages.de },
};

/** What pure formatters need: the translation and the locale for Intl. */
export type Localizer = { t: TFunction; locale: string };

/**
 * An i18next instance for a locale from consoleLocaleOf ('fr-BE'): its `language` stays the full locale
 * (for Intl), while the words come from its primary language ('fr'), else English.
 */
export function createConsoleI18n(locale: string): i18n {
  const instance = createInstance({
    lng: locale,
    fallbackLng: 'en',
    load: 'languageOnly',
    resources: Object.fromEntries(
      Object.entries(consoleMessages).map(([language, messages]) => [language, { translation: messages }]),
    ),
    // React escapes what it renders; the texts also go to aria-labels and the live region as plain text.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  void instance.init();
  return instance;
}
