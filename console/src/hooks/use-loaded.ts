import { useCallback, useEffect, useState } from 'react';
import { messageOf } from '../format.js';

export type Loaded<T> = { data: T | null; error: string | null; isLoading: boolean; reload: () => void };

/** Loads `load()` now and on `reload()`; the previous data stays visible while reloading. */
export function useLoaded<T>(load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    setIsLoading(true);
    load()
      .then((value) => {
        if (!isCurrent) return;
        setData(value);
        setError(null);
      })
      .catch((failure: unknown) => isCurrent && setError(messageOf(failure)))
      .finally(() => isCurrent && setIsLoading(false));
    return () => {
      isCurrent = false;
    };
    // `load` is recreated on every render by callers: only the generation decides when to load again.
  }, [generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, error, isLoading, reload };
}
