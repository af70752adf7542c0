import { describe, expect, test } from 'vitest';
import { testMessageCatalogues } from '../../support/message-catalogue.js';
import { de } from '../../../addin/src/i18n/messages/de.js';
import { en } from '../../../addin/src/i18n/messages/en.js';
import { launchEventMessages } from '../../../addin/src/i18n/messages/launch-events.js';
import { signInDialogMessages } from '../../../addin/src/i18n/messages/sign-in-dialog.js';
import { fr } from '../../../addin/src/i18n/messages/fr.js';
import { nl } from '../../../addin/src/i18n/messages/nl.js';
import { createPaneI18n, loadPaneCatalogues } from '../../../addin/src/i18n/pane-i18n.js';
import { PANE_LANGUAGES, paneLocaleOf } from '../../../addin/src/i18n/pane-language.js';

describe('the pane’s messages', () => {
  testMessageCatalogues({ en, fr, nl, de }, PANE_LANGUAGES);
});

describe('the event handlers’ messages', () => {
  testMessageCatalogues(launchEventMessages, PANE_LANGUAGES);
});

describe('the sign-in dialog’s messages', () => {
  testMessageCatalogues(signInDialogMessages, PANE_LANGUAGES);
});

describe('the catalogues a pane loads before its first render', () => {
  test('an English pane: English alone (no other language downloaded)', async () => {
    expect(Object.keys(await loadPaneCatalogues('en-GB'))).toEqual(['en']);
  });

  test.each([
    ['fr-BE', 'fr', 'Salles Workplace'],
    ['nl-NL', 'nl', 'Workplace-zalen'],
    ['de-DE', 'de', 'Workplace-Räume'],
  ])('%s: English and %s, and the pane speaks it', async (locale, language, title) => {
    const catalogues = await loadPaneCatalogues(locale);
    expect(Object.keys(catalogues).sort()).toEqual(['en', language].sort());
    expect(createPaneI18n(locale, catalogues).t('pane.title')).toBe(title);
  });
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
