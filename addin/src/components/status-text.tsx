import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Tone } from '../booking/describe-availability.js';

const useStyles = makeStyles({
  root: { display: 'inline-flex', alignItems: 'flex-start', columnGap: tokens.spacingHorizontalXS },
  icon: { flexShrink: 0, marginTop: '2px' },
  success: { color: tokens.colorPaletteGreenForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  danger: { color: tokens.colorPaletteRedForeground1 },
  info: { color: tokens.colorBrandForeground1 },
  neutral: { color: tokens.colorNeutralForeground2 },
});

// 16 px glyphs in the style of Fluent's regular icons (drawn here: the pane needs five, not a package).
const PATHS: Record<Tone, string> = {
  success:
    'M8 1.5a6.5 6.5 0 1 1 0 13 6.5 6.5 0 0 1 0-13Zm0 1a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11Zm2.65 3.15a.5.5 0 0 1 .06.64l-.06.07-3.5 3.5a.5.5 0 0 1-.64.06l-.07-.06-1.5-1.5a.5.5 0 0 1 .64-.77l.07.06L6.8 8.8l3.15-3.15a.5.5 0 0 1 .7 0Z',
  warning:
    'M7.13 2.5a1 1 0 0 1 1.74 0l5.5 9.98A1 1 0 0 1 13.5 14h-11a1 1 0 0 1-.87-1.52l5.5-9.98ZM8 3 2.5 13h11L8 3Zm0 7.75a.75.75 0 1 1 0 1.5.75.75 0 0 1 0-1.5Zm0-5.25a.5.5 0 0 1 .5.5v3.5a.5.5 0 0 1-1 0V6a.5.5 0 0 1 .5-.5Z',
  danger:
    'M8 1.5a6.5 6.5 0 1 1 0 13 6.5 6.5 0 0 1 0-13Zm0 1a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM5.65 5.65a.5.5 0 0 1 .7 0L8 7.29l1.65-1.64a.5.5 0 1 1 .7.7L8.71 8l1.64 1.65a.5.5 0 0 1-.7.7L8 8.71l-1.65 1.64a.5.5 0 0 1-.7-.7L7.29 8 5.65 6.35a.5.5 0 0 1 0-.7Z',
  info: 'M8 1.5a6.5 6.5 0 1 1 0 13 6.5 6.5 0 0 1 0-13Zm0 1a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM8 7a.5.5 0 0 1 .5.5v3.5a.5.5 0 0 1-1 0V7.5A.5.5 0 0 1 8 7Zm0-2.25a.75.75 0 1 1 0 1.5.75.75 0 0 1 0-1.5Z',
  neutral:
    'M8 1.5a6.5 6.5 0 1 1 0 13 6.5 6.5 0 0 1 0-13Zm0 1a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM7.5 4a.5.5 0 0 1 .5.5V8h2a.5.5 0 0 1 0 1H7.5a.5.5 0 0 1-.5-.5v-4a.5.5 0 0 1 .5-.5Z',
};

/** A status in words with an icon; the colour only repeats what the text and icon say. */
export function StatusText({ tone, children }: { tone: Tone; children: ReactNode }) {
  const styles = useStyles();
  return (
    <span className={styles.root}>
      <svg
        aria-hidden="true"
        focusable="false"
        width="16"
        height="16"
        viewBox="0 0 16 16"
        fill="currentColor"
        className={mergeClasses(styles.icon, styles[tone])}
      >
        <path d={PATHS[tone]} />
      </svg>
      <span>{children}</span>
    </span>
  );
}
