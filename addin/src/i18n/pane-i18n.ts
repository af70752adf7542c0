import { createInstance } from 'i18next';
import type { TFunction, i18n } from 'i18next';
import { de } from './messages/de.js';
import { en } from './messages/en.js';
import type { Messages } from './messages/en.js';
import { fr } from './messages/fr.js';
import { nl } from './messages/nl.js';
import type { PaneLanguage } from './pane-language.js';

// The pane's words through i18next: all four languages are bundled (a few KB; no loading at run time),
// English is the source and the fallback, plurals follow each language's rules (Intl.PluralRules:
// `_one`/`_other`, French also `_many`). Dates and times are not i18next's: time/ formats them with Intl.

export const paneMessages: Record<PaneLanguage, Messages> = { en, fr, nl, de };

/** What pure describers need to put things in words: the translation and the locale for Intl. */
export type Localizer = { t: TFunction; locale: string };

/**
 * An i18next instance for a locale from paneLocaleOf ('fr-FR'): its `language` stays the full locale
 * (for Intl), while the words come from its primary language ('fr'), else English.
 */
export function createPaneI18n(locale: string): i18n {
  const instance = createInstance({
    lng: locale,
    fallbackLng: 'en',
    load: 'languageOnly',
    resources: Object.fromEntries(
      Object.entries(paneMessages).map(([language, messages]) => [language, { translation: messages }]),
    ),
    // React escapes what it renders; the texts also go to aria-labels and the live region as plain text.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  void instance.init();
  return instance;
}

export const localizerOf = (instance: i18n): Localizer => ({
  t: instance.t.bind(instance) as TFunction,
  locale: instance.language,
});
