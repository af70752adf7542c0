import { describe, expect, test } from 'vitest';
import { paneMessages } from '../../../addin/src/i18n/pane-i18n.js';
import type { Messages } from '../../../addin/src/i18n/messages/en.js';
import { PANE_LANGUAGES, paneLocaleOf } from '../../../addin/src/i18n/pane-language.js';

// Every language says everything English says: the same keys (each plural key in the forms that
// language's plural rules use), nothing empty, nothing extra, and the same {{placeholders}}.

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

/** The keys a language must have for English's keys: plural keys in that language's plural forms. */
function expectedKeys(englishKeys: Iterable<string>, language: string): Set<string> {
  const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const keys = new Set<string>();
  for (const key of englishKeys) {
    if (!PLURAL_SUFFIX.test(key)) keys.add(key);
    else for (const form of forms) keys.add(key.replace(PLURAL_SUFFIX, `_${form}`));
  }
  return keys;
}

const placeholdersOf = (text: string) => [...text.matchAll(/{{\s*([\w.]+)\s*}}/g)].map((match) => match[1]).sort();
const baseOf = (key: string) => key.replace(PLURAL_SUFFIX, '');

const english = flatten(paneMessages.en);

describe('the pane’s messages', () => {
  test('English has every plural key in both forms and no empty text', () => {
    expect([...english].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
    expect([...expectedKeys(english.keys(), 'en')].filter((key) => !english.has(key))).toEqual([]);
  });

  test.each(PANE_LANGUAGES.filter((language) => language !== 'en'))(
    '%s: every key of English, none more, none empty, the same placeholders',
    (language) => {
      const translated = flatten(paneMessages[language]);
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
          const expectedNames = englishPlaceholders.get(baseOf(key)) ?? [];
          const names = placeholdersOf(text);
          return JSON.stringify(names) !== JSON.stringify(expectedNames);
        })
        .map(([key, text]) => `${key}: ${text}`);
      expect(differing, 'placeholders').toEqual([]);
    },
  );
});

describe('the pane’s language from Outlook’s display language', () => {
  test.each([
    ['fr-FR', 'fr-FR'],
    ['fr-BE', 'fr-BE'],
    ['nl-NL', 'nl-NL'],
    ['nl-be', 'nl-BE'],
    ['de-DE', 'de-DE'],
    ['en-GB', 'en-GB'],
    ['en-US', 'en-US'],
    ['ja-JP', 'en-US'],
    ['not a tag!', 'en-US'],
    [null, 'en-US'],
    ['', 'en-US'],
  ])('%s → %s', (displayLanguage, locale) => {
    expect(paneLocaleOf(displayLanguage)).toBe(locale);
  });
});
