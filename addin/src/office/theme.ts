import { officeAsync } from './office-async.js';

export type ThemeKind = 'light' | 'dark';

/** Relative luminance (WCAG) of '#rrggbb' or '#rgb'; null when it is not a hex colour. */
export function luminanceOf(color: string): number | null {
  const hex = color.trim().replace(/^#/, '');
  const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) return null;
  const [r, g, b] = [0, 2, 4].map((offset) => {
    const channel = parseInt(full.slice(offset, offset + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Outlook has no `isDarkTheme`: the body background's luminance tells dark from light. */
export function themeOf(
  officeTheme: Pick<Office.OfficeTheme, 'bodyBackgroundColor'> | null | undefined,
): ThemeKind | null {
  const luminance = officeTheme?.bodyBackgroundColor ? luminanceOf(officeTheme.bodyBackgroundColor) : null;
  if (luminance === null) return null;
  return luminance < 0.4 ? 'dark' : 'light';
}

/** The Office theme (Mailbox 1.14); null on clients without it, where the pane follows the system. */
export function readOfficeTheme(): ThemeKind | null {
  try {
    return themeOf(Office.context.officeTheme);
  } catch {
    return null;
  }
}

/** OfficeThemeChanged (task panes only); resolves to an unsubscribe, or null where Outlook does not offer it. */
export async function onOfficeThemeChanged(
  listener: (theme: ThemeKind) => void,
): Promise<(() => Promise<void>) | null> {
  const mailbox = Office.context.mailbox;
  if (!mailbox || !Office.EventType.OfficeThemeChanged) return null;
  const handler = (args: Office.OfficeThemeChangedEventArgs) => {
    const theme = themeOf(args.officeTheme);
    if (theme) listener(theme);
  };
  try {
    await officeAsync<unknown>((done) => mailbox.addHandlerAsync(Office.EventType.OfficeThemeChanged, handler, done));
  } catch {
    return null;
  }
  return async () => {
    await officeAsync<unknown>((done) => mailbox.removeHandlerAsync(Office.EventType.OfficeThemeChanged, done));
  };
}
