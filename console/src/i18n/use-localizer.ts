import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Localizer } from './console-i18n.js';

/** The console's Localizer (from the I18nextProvider around it) for components and hooks. */
export function useLocalizer(): Localizer {
  const { t, i18n } = useTranslation();
  return useMemo(() => ({ t, locale: i18n.language }), [t, i18n.language]);
}
