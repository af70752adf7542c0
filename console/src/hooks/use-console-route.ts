import { useCallback, useEffect, useState } from 'react';
import { parseRoute, toSearch } from '../console-route.js';
import type { ConsoleRoute } from '../console-route.js';
import { LANGUAGE_PARAM, isConsoleLanguage, withLanguage } from '../i18n/console-language.js';

/**
 * The route in the address bar. `navigate` pushes a history entry (replaces it for `replace`: typing in
 * a search box); Back and Forward bump `generation`, so the views remount with the route they restore.
 */
export function useConsoleRoute() {
  const [route, setRoute] = useState<ConsoleRoute>(() => parseRoute(window.location.search));
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const onPopState = () => {
      setRoute(parseRoute(window.location.search));
      setGeneration((value) => value + 1);
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);
  const navigate = useCallback((next: ConsoleRoute, { replace = false }: { replace?: boolean } = {}) => {
    // The language picked in the URL stays there from view to view.
    const language = new URLSearchParams(window.location.search).get(LANGUAGE_PARAM);
    const search = withLanguage(toSearch(next), isConsoleLanguage(language) ? language : null);
    const url = `${window.location.pathname}${search}`;
    if (url !== `${window.location.pathname}${window.location.search}`) {
      if (replace) window.history.replaceState(null, '', url);
      else window.history.pushState(null, '', url);
    }
    setRoute(next);
  }, []);
  return { route, generation, navigate };
}
