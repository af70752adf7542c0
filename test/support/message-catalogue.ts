import { expect, test } from 'vitest';

// Every language says everything English says: the same keys (each plural key in the forms that
// language's plural rules use), nothing empty, nothing extra, and the same {{placeholders}} with the
// same formats. Used by the pane's and the console's messages tests.

type Catalogue = { readonly [key: string]: string | Catalogue };

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function flatten(messages: Catalogue, prefix = ''): Map<string, string> {
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

/** The placeholders with their formats (`{{count, number}}` → 'count,number'), sorted. */
const placeholdersOf = (text: string) =>
  [...text.matchAll(/{{\s*([\w.]+)\s*(?:,\s*(\w+)\s*)?}}/g)].map((match) => [match[1], match[2]].join(',')).sort();
const baseOf = (key: string) => key.replace(PLURAL_SUFFIX, '');

/** The tests of one app's message catalogues (call inside a describe block). */
export function testMessageCatalogues<Language extends string>(
  catalogues: { en: Catalogue } & Record<Language, Catalogue>,
  languages: readonly Language[],
): void {
  const english = flatten(catalogues.en);

  test('English has every plural key in both forms and no empty text', () => {
    expect([...english].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
    expect([...expectedKeys(english.keys(), 'en')].filter((key) => !english.has(key))).toEqual([]);
  });

  test.each(languages.filter((language) => language !== 'en'))(
    '%s: every key of English, none more, none empty, the same placeholders',
    (language) => {
      const translated = flatten(catalogues[language]);
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
}
