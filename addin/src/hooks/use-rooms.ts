import { useCallback, useEffect, useState } from 'react';
import type { RoomsResponse } from '@workplace-sync/shared';
import type { AddinApiClient } from '../api/addin-api-client.js';

/** The room catalogue (rooms, buildings, floors, equipment and catering), loaded once per pane. */
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
  return { rooms, error, retry };
}
