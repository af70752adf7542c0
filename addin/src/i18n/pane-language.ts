// Which language and locale the pane uses, from Outlook's display language (office/display-language.ts
// reads it). Pure, and free of i18next, so the sign-in dialog page can use it without the pane's bundle.

export const PANE_LANGUAGES = ['en', 'fr', 'nl', 'de'] as const;
export type PaneLanguage = (typeof PANE_LANGUAGES)[number];

/** The locale when Outlook's language is not one of the pane's (and Outlook's own default). */
export const FALLBACK_LOCALE = 'en-US';

const isPaneLanguage = (value: string): value is PaneLanguage => (PANE_LANGUAGES as readonly string[]).includes(value);

/**
 * Outlook's display language ('fr-FR', 'nl-BE', 'en-GB', 'ja-JP') → the pane's locale: the same tag when
 * its primary subtag is a language the pane speaks (dates and times then follow that region: 'en-US' a
 * 12-hour clock, 'en-GB' a 24-hour one), else en-US.
 */
export function paneLocaleOf(displayLanguage: string | null | undefined): string {
  if (!displayLanguage) return FALLBACK_LOCALE;
  let tag: string;
  try {
    tag = Intl.getCanonicalLocales(displayLanguage)[0] ?? FALLBACK_LOCALE;
  } catch {
    return FALLBACK_LOCALE; // not a BCP 47 tag
  }
  return isPaneLanguage(tag.split('-')[0]!.toLowerCase()) ? tag : FALLBACK_LOCALE;
}

/** The pane's language of a locale from paneLocaleOf: its primary subtag. */
export function languageOf(locale: string): PaneLanguage {
  const primary = locale.split('-')[0]!.toLowerCase();
  return isPaneLanguage(primary) ? primary : 'en';
}
