import { useEffect, useState } from 'react';
import type { ThemeKind } from '../office/theme.js';

export type ThemeSubscription = (listener: (theme: ThemeKind) => void) => Promise<(() => Promise<void>) | null>;

const systemTheme = (): ThemeKind =>
  typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';

/** Outlook's theme when the client tells it (Mailbox 1.14), else the system's; follows changes of either. */
export function usePaneTheme(officeTheme: ThemeKind | null, subscribe?: ThemeSubscription): ThemeKind {
  const [theme, setTheme] = useState<ThemeKind>(officeTheme ?? systemTheme());
  useEffect(() => {
    if (officeTheme || typeof matchMedia !== 'function') return;
    const query = matchMedia('(prefers-color-scheme: dark)');
    const follow = () => setTheme(query.matches ? 'dark' : 'light');
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, [officeTheme]);
  useEffect(() => {
    if (!subscribe) return;
    let isActive = true;
    let unsubscribe: (() => Promise<void>) | null = null;
    subscribe((next) => isActive && setTheme(next)).then(
      (stop) => {
        if (isActive) unsubscribe = stop;
        else void stop?.();
      },
      () => undefined,
    );
    return () => {
      isActive = false;
      void unsubscribe?.().catch(() => undefined);
    };
  }, [subscribe]);
  return theme;
}
