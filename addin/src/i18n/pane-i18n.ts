import { createInstance } from 'i18next';
import type { TFunction, i18n } from 'i18next';
import { en } from './messages/en.js';
import type { Messages } from './messages/en.js';
import { languageOf } from './pane-language.js';
import type { PaneLanguage } from './pane-language.js';

// The pane's words through i18next: English is the source and the fallback, bundled with the pane; the
// other languages are chunks of their own, loaded before the first render only by a pane that speaks
// them (loadPaneCatalogues), so an English pane downloads no French. Plurals follow each language's
// rules (Intl.PluralRules: `_one`/`_other`, French also `_many`). Dates and times are not i18next's:
// time/ formats them with Intl.

/** Each language's words, as i18next's `translation` namespace. */
export type PaneCatalogues = Partial<Record<PaneLanguage, object>>;

const loadCatalogue: Record<Exclude<PaneLanguage, 'en'>, () => Promise<Messages>> = {
  fr: () => import('./messages/fr.js').then((module) => module.fr),
  nl: () => import('./messages/nl.js').then((module) => module.nl),
  de: () => import('./messages/de.js').then((module) => module.de),
};

/** The catalogues a pane in `locale` (from paneLocaleOf) needs: English, and its own language's. */
export async function loadPaneCatalogues(locale: string): Promise<PaneCatalogues> {
  const language = languageOf(locale);
  return language === 'en' ? { en } : { en, [language]: await loadCatalogue[language]() };
}

/** What pure describers need to put things in words: the translation and the locale for Intl. */
export type Localizer = { t: TFunction; locale: string };

/**
 * An i18next instance for a locale from paneLocaleOf ('fr-FR'): its `language` stays the full locale
 * (for Intl), while the words come from its primary language's catalogue ('fr'), else English. Only
 * the catalogues given are there (loadPaneCatalogues's for the pane).
 */
export function createPaneI18n(locale: string, catalogues: PaneCatalogues): i18n {
  const instance = createInstance({
    lng: locale,
    fallbackLng: 'en',
    load: 'languageOnly',
    resources: Object.fromEntries(
      Object.entries(catalogues).map(([language, messages]) => [language, { translation: messages }]),
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
