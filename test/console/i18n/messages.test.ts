import { describe, expect, test } from 'vitest';
import { consoleMessages, createConsoleI18n } from '../../../console/src/i18n/console-i18n.js';
import type { Messages } from '../../../console/src/i18n/messages/en.js';
import {
  CONSOLE_LANGUAGES,
  LANGUAGE_STORAGE_KEY,
  consoleLocaleOf,
  pickedLanguage,
  withLanguage,
} from '../../../console/src/i18n/console-language.js';

// Every language says everything English says: the same keys (each plural key in the forms that
// language's plural rules use), nothing empty, nothing extra, and the same {{placeholders}} (as the
// pane's messages test does for the pane).

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [inner, text] of flatten(value, path)) entries.set(inner, text);
  }
  return entries;
}

function expectedKeys(englishKeys: Iterable<string>, language: string): Set<string> {
  const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const keys = new Set<string>();
  for (const key of englishKeys) {
    if (!PLURAL_SUFFIX.test(key)) keys.add(key);
    else for (const form of forms) keys.add(key.replace(PLURAL_SUFFIX, `_${form}`));
  }
  return keys;
}

/** The placeholders with their formats (`{{count, number}}` → 'count,number'), sorted. */
const placeholdersOf = (text: string) =>
  [...text.matchAll(/{{\s*([\w.]+)\s*(?:,\s*(\w+)\s*)?}}/g)].map((match) => [match[1], match[2]].join(',')).sort();
const baseOf = (key: string) => key.replace(PLURAL_SUFFIX, '');

const english = flatten(consoleMessages.en);

describe('the console’s messages', () => {
  test('English has every plural key in both forms and no empty text', () => {
    expect([...english].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
    expect([...expectedKeys(english.keys(), 'en')].filter((key) => !english.has(key))).toEqual([]);
  });

  test.each(CONSOLE_LANGUAGES.filter((language) => language !== 'en'))(
    '%s: every key of English, none more, none empty, the same placeholders',
    (language) => {
      const translated = flatten(consoleMessages[language]);
      const expected = expectedKeys(english.keys(), language);
      expect(
        [...expected].filter((key) => !translated.has(key)),
        'missing',
      ).toEqual([]);
      expect(
        [...translated.keys()].filter((key) => !expected.has(key)),
        'not in English',
      ).toEqual([]);
      expect(
        [...translated].filter(([, text]) => text.trim() === '').map(([key]) => key),
        'empty',
      ).toEqual([]);
      const englishPlaceholders = new Map([...english].map(([key, text]) => [baseOf(key), placeholdersOf(text)]));
      const differing = [...translated]
        .filter(([key, text]) => {
          const names = placeholdersOf(text);
          return JSON.stringify(names) !== JSON.stringify(englishPlaceholders.get(baseOf(key)) ?? []);
        })
        .map(([key, text]) => `${key}: ${text}`);
      expect(differing, 'placeholders').toEqual([]);
    },
  );

  test('counts take the plural form and digit grouping of the locale', () => {
    const t = (locale: string) => createConsoleI18n(locale).t;
    expect(t('en-US')('progress.bookingsSynced', { synced: 1, count: 1 })).toBe('1 of 1 booking synced');
    expect(t('en-US')('progress.bookingsSynced', { synced: 1200, count: 1500 })).toBe('1,200 of 1,500 bookings synced');
    expect(t('fr-FR')('progress.bookingsSynced', { synced: 1, count: 1 })).toBe('1 réservation synchronisée sur 1');
    expect(t('de-DE')('progress.bookingsSynced', { synced: 1200, count: 1500 })).toBe(
      '1.200 von 1.500 Buchungen synchronisiert',
    );
    // A locale of a language the console does not speak still has English words.
    expect(t('ja-JP')('views.links')).toBe('Room links');
  });
});

describe('the console’s language', () => {
  test.each([
    [['fr-FR', 'en'], null, 'fr-FR'],
    [['nl-be'], null, 'nl-BE'],
    [['ja-JP', 'de-CH', 'fr'], null, 'de-CH'],
    [['en-GB'], null, 'en-GB'],
    [['ja-JP'], null, 'en-US'],
    [['not a tag!'], null, 'en-US'],
    [[], null, 'en-US'],
    // A picked language takes the browser's region for it when it has one.
    [['fr-BE', 'en-US'], 'fr', 'fr-BE'],
    [['en-US'], 'nl', 'nl'],
    [['de-DE'], 'xx', 'de-DE'],
  ] as const)('browser %j, picked %s → %s', (browser, picked, locale) => {
    expect(consoleLocaleOf(browser, picked)).toBe(locale);
  });

  test('the pick in the URL wins over the remembered one; a bad one is ignored', () => {
    const storage = new Map([[LANGUAGE_STORAGE_KEY, 'de']]);
    const remembered = { getItem: (key: string) => storage.get(key) ?? null };
    expect(pickedLanguage('?view=log&lang=fr', remembered)).toBe('fr');
    expect(pickedLanguage('?view=log', remembered)).toBe('de');
    expect(pickedLanguage('?lang=xx', null)).toBe(null);
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(pickedLanguage('', refusing)).toBe(null);
  });

  test('the language joins the URL’s other parameters', () => {
    expect(withLanguage('?view=log&room=A', 'nl')).toBe('?view=log&room=A&lang=nl');
    expect(withLanguage('?lang=fr&view=log', 'de')).toBe('?lang=de&view=log');
    expect(withLanguage('?lang=fr', null)).toBe('');
  });
});
