import { MAX_PROGRESS_ROOMS } from '@workplace-sync/shared';
import type { SyncProgress } from '@workplace-sync/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AdminApiClient } from '../api/admin-api-client.js';

const POLL_MS = 1000;
export const isSettled = (progress: SyncProgress) => progress.state === 'finished' || progress.state === 'failed';

/** A first sync just started: queued, nothing read yet. */
export const queuedProgress = (mailbox: string): SyncProgress => ({
  mailbox,
  state: 'queued',
  attempts: 0,
  finishedAt: null,
  error: null,
  found: null,
  synced: null,
});

/**
 * The first syncs of rooms just linked: one request a second for all the rooms still syncing (the
 * batched progress endpoint, so 1,000 rooms cost what one does against the API's rate limit), until
 * each finished or failed; then `onSettled` (to announce it and reload the lists).
 */
export function useSyncProgress(api: AdminApiClient, onSettled: (progress: SyncProgress) => void) {
  const [progress, setProgress] = useState<Record<string, SyncProgress>>({});
  const onSettledRef = useRef(onSettled);
  onSettledRef.current = onSettled;
  // Each poll bumps the tick, answered or not, so the next one is scheduled a second later.
  const [tick, setTick] = useState(0);
  const watchingKey = Object.values(progress)
    .filter((item) => !isSettled(item))
    .map((item) => item.mailbox)
    .join(' ');

  useEffect(() => {
    if (!watchingKey) return;
    const watching = watchingKey.split(' ');
    const timer = setTimeout(async () => {
      const rooms: SyncProgress[] = [];
      try {
        for (let start = 0; start < watching.length; start += MAX_PROGRESS_ROOMS) {
          rooms.push(...(await api.progressOf(watching.slice(start, start + MAX_PROGRESS_ROOMS))).rooms);
        }
      } catch {
        // A missed poll is retried at the next tick.
      }
      setProgress((current) => {
        const next = { ...current };
        for (const room of rooms) next[room.mailbox] = room;
        return next;
      });
      for (const room of rooms) if (isSettled(room)) onSettledRef.current(room);
      setTick((value) => value + 1);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [api, watchingKey, tick]);

  /** Follows these rooms' first syncs (several at once: a bulk link). */
  const watch = useCallback((started: SyncProgress[]) => {
    setProgress((current) => {
      const next = { ...current };
      for (const item of started) next[item.mailbox] = item;
      return next;
    });
    for (const item of started) if (isSettled(item)) onSettledRef.current(item);
  }, []);
  return { progress, watch };
}
