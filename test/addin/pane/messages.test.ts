import { describe, expect, test } from 'vitest';
import { testMessageCatalogues } from '../../support/message-catalogue.js';
import { paneMessages } from '../../../addin/src/i18n/pane-i18n.js';
import { PANE_LANGUAGES, paneLocaleOf } from '../../../addin/src/i18n/pane-language.js';

describe('the pane’s messages', () => {
  testMessageCatalogues(paneMessages, PANE_LANGUAGES);
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
