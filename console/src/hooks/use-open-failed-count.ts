import { useCallback, useEffect, useState } from 'react';
import type { AdminApiClient } from '../api/admin-api-client.js';

const REFRESH_MS = 30_000;

/** Open failed items, for the badge on their tab: read now, every 30 s, and on `refresh()` (after an action). */
export function useOpenFailedCount(api: AdminApiClient) {
  const [count, setCount] = useState<number | null>(null);
  const refresh = useCallback(() => {
    api
      .failedItemCount()
      .then(({ open }) => setCount(open))
      .catch(() => undefined); // the badge waits for the next refresh
  }, [api]);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  return { count, refresh };
}
