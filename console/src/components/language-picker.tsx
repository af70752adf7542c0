import { Select, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONSOLE_LANGUAGES,
  LANGUAGE_NAMES,
  LANGUAGE_STORAGE_KEY,
  consoleLocaleOf,
  isConsoleLanguage,
  languageOf,
  withLanguage,
} from '../i18n/console-language.js';

const useStyles = makeStyles({
  picker: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
});

/**
 * The console's language, chosen by the admin: applied at once, remembered in this browser
 * (localStorage) and written to the URL (`lang=`), so a copied link opens in the same language.
 */
export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const id = useId();
  return (
    <span className={styles.picker}>
      <label htmlFor={id}>{t('shell.language')}</label>
      <Select
        id={id}
        size="small"
        value={languageOf(i18n.language)}
        onChange={(_event, data) => {
          if (!isConsoleLanguage(data.value)) return;
          try {
            window.localStorage.setItem(LANGUAGE_STORAGE_KEY, data.value);
          } catch {
            // A browser that refuses storage still switches, for this page.
          }
          const search = withLanguage(window.location.search, data.value);
          window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}`);
          void i18n.changeLanguage(consoleLocaleOf(navigator.languages, data.value));
        }}
      >
        {CONSOLE_LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </Select>
    </span>
  );
}
