// Which language and locale the console uses: the admin's pick (the URL's `lang`, else the one remembered
// in localStorage), else the browser's languages (navigator.languages) in order, else en-US. Pure apart
// from the small readers at the end, and free of i18next. Mirrors the pane's pane-language.ts, which
// starts from Outlook's display language instead.

export const CONSOLE_LANGUAGES = ['en', 'fr', 'nl', 'de'] as const;
export type ConsoleLanguage = (typeof CONSOLE_LANGUAGES)[number];

/** Each language named in itself, for the picker. */
export const LANGUAGE_NAMES: Record<ConsoleLanguage, string> = {
  en: 'English',
  fr: 'Français',
  nl: 'Nederlands',
  de: 'Deutsch',
};

/** The locale when no browser language is one of the console's. */
export const FALLBACK_LOCALE = 'en-US';

/** The query parameter and the localStorage key that hold the admin's pick. */
export const LANGUAGE_PARAM = 'lang';
export const LANGUAGE_STORAGE_KEY = 'workplace-sync.console.language';

export const isConsoleLanguage = (value: string | null | undefined): value is ConsoleLanguage =>
  (CONSOLE_LANGUAGES as readonly (string | null | undefined)[]).includes(value);

const canonical = (tag: string): string | null => {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null; // not a BCP 47 tag
  }
};

/** The console's language of a locale: its primary subtag. */
export function languageOf(locale: string): ConsoleLanguage {
  const primary = locale.split('-')[0]!.toLowerCase();
  return isConsoleLanguage(primary) ? primary : 'en';
}

/**
 * The console's locale: for a picked language, the browser's own tag of that language when it has one
 * ('fr' with navigator.languages ['fr-BE'] → 'fr-BE', so dates follow the admin's region), else the
 * language alone; with no pick, the first browser tag whose primary subtag the console speaks, else en-US.
 */
export function consoleLocaleOf(browserLanguages: readonly string[], picked: string | null = null): string {
  const tags = browserLanguages.map(canonical).filter((tag): tag is string => tag !== null);
  const primaryOf = (tag: string) => tag.split('-')[0]!.toLowerCase();
  if (isConsoleLanguage(picked)) return tags.find((tag) => primaryOf(tag) === picked) ?? picked;
  return tags.find((tag) => isConsoleLanguage(primaryOf(tag))) ?? FALLBACK_LOCALE;
}

/** The query string with the language set (or removed, for null), the other parameters kept. */
export function withLanguage(search: string, language: ConsoleLanguage | null): string {
  const params = new URLSearchParams(search);
  if (language) params.set(LANGUAGE_PARAM, language);
  else params.delete(LANGUAGE_PARAM);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The admin's pick: the URL's, else the remembered one (a browser that refuses storage has none). */
export function pickedLanguage(
  search: string,
  storage: { getItem(key: string): string | null } | null,
): ConsoleLanguage | null {
  const inUrl = new URLSearchParams(search).get(LANGUAGE_PARAM);
  if (isConsoleLanguage(inUrl)) return inUrl;
  try {
    const stored = storage?.getItem(LANGUAGE_STORAGE_KEY);
    return isConsoleLanguage(stored) ? stored : null;
  } catch {
    return null;
  }
}
