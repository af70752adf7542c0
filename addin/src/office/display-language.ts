/**
 * Outlook's display language (`Office.context.displayLanguage`, e.g. 'fr-FR'): the language of Outlook's
 * own interface, which the pane follows. Null outside Office or before `Office.onReady`.
 */
export function readDisplayLanguage(): string | null {
  try {
    if (typeof Office === 'undefined') return null;
    const language: unknown = Office.context?.displayLanguage;
    return typeof language === 'string' && language !== '' ? language : null;
  } catch {
    return null;
  }
}
