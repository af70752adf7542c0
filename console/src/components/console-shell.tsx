import { FluentProvider, makeStyles, tokens, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePrefersDark } from '../hooks/use-prefers-dark.js';
import { LanguagePicker } from './language-picker.js';

const useStyles = makeStyles({
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1 },
  header: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  end: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalL },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  main: {
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
});

/** The system's light or dark theme, landmarks, the signed-in admin, the language picker, and the polite live region through which the console announces results. */
export function ConsoleShell({
  user,
  announcement,
  children,
}: {
  user: string | null;
  announcement: string;
  children: ReactNode;
}) {
  const styles = useStyles();
  const isDark = usePrefersDark();
  const { t } = useTranslation();
  return (
    <FluentProvider theme={isDark ? webDarkTheme : webLightTheme}>
      {/* Not the provider's className: Fluent gives that to every portal too (tooltips, popovers), each of
          which would then cover the window with the page's background. */}
      <div className={styles.root}>
        <header className={styles.header}>
          <h1 className={styles.title}>{t('shell.title')}</h1>
          <div className={styles.end}>
            {user ? <span>{t('shell.signedInAs', { user })}</span> : null}
            <LanguagePicker />
          </div>
        </header>
        <main className={styles.main}>{children}</main>
        <div role="status" aria-live="polite" className={styles.visuallyHidden}>
          {announcement}
        </div>
      </div>
    </FluentProvider>
  );
}
