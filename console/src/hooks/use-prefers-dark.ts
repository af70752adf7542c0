import { useEffect, useState } from 'react';

const DARK = '(prefers-color-scheme: dark)';

/** Whether the system asks for a dark theme, following it when it changes (e.g. at sunset). */
export function usePrefersDark(): boolean {
  const [isDark, setIsDark] = useState(() => window.matchMedia(DARK).matches);
  useEffect(() => {
    const query = window.matchMedia(DARK);
    const onChange = (event: MediaQueryListEvent) => setIsDark(event.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return isDark;
}
