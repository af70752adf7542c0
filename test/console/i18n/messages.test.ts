import { describe, expect, test } from 'vitest';
import { testMessageCatalogues } from '../../support/message-catalogue.js';
import { consoleMessages, createConsoleI18n } from '../../../console/src/i18n/console-i18n.js';
import {
  CONSOLE_LANGUAGES,
  LANGUAGE_STORAGE_KEY,
  consoleLocaleOf,
  pickedLanguage,
  withLanguage,
} from '../../../console/src/i18n/console-language.js';

describe('the console’s messages', () => {
  testMessageCatalogues(consoleMessages, CONSOLE_LANGUAGES);

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
