import type { SyncProgress } from '@workplace-sync/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AdminApiClient } from '../api/admin-api-client.js';

const POLL_MS = 1000;
const isSettled = (progress: SyncProgress) => progress.state === 'finished' || progress.state === 'failed';

/**
 * The first sync of rooms just linked: polls each room's progress every second until it finished or
 * failed, then calls `onSettled` (to announce it and reload the lists).
 */
export function useSyncProgress(api: AdminApiClient, onSettled: (progress: SyncProgress) => void) {
  const [progress, setProgress] = useState<Record<string, SyncProgress>>({});
  const onSettledRef = useRef(onSettled);
  onSettledRef.current = onSettled;
  const watching = Object.values(progress).filter((item) => !isSettled(item));

  useEffect(() => {
    if (watching.length === 0) return;
    const timer = setTimeout(async () => {
      for (const item of watching) {
        try {
          const next = await api.progress(item.mailbox);
          setProgress((current) => ({ ...current, [item.mailbox]: next }));
          if (isSettled(next)) onSettledRef.current(next);
        } catch {
          // A missed poll is retried at the next tick.
        }
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [api, watching]);

  const watch = useCallback((started: SyncProgress) => {
    setProgress((current) => ({ ...current, [started.mailbox]: started }));
    if (isSettled(started)) onSettledRef.current(started);
  }, []);
  return { progress, watch };
}
