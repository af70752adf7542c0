import { useCallback, useEffect, useState } from 'react';
import type { RoomsResponse } from '@workplace-sync/shared';
import type { AddinApiClient } from '../api/addin-api-client.js';
import { useRefetchOnReconnect } from './use-refetch-on-reconnect.js';

/** The room catalogue (rooms, buildings, floors, equipment and catering), loaded when the pane opens. */
export function useRooms(api: AddinApiClient) {
  const [rooms, setRooms] = useState<RoomsResponse | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let isActive = true;
    setError(null);
    api.listRooms().then(
      (value) => isActive && setRooms(value),
      (failure: Error) => isActive && setError(failure),
    );
    return () => {
      isActive = false;
    };
  }, [api, attempt]);
  const retry = useCallback(() => setAttempt((value) => value + 1), []);
  // Rooms, their links and equipment change seldom: again when the network is back, else every few minutes.
  useRefetchOnReconnect(retry, 5 * 60_000);
  return { rooms, error, retry };
}
