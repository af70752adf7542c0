import { useCallback, useEffect, useMemo, useState } from 'react';
import { toRecurrenceQuery } from '@workplace-sync/shared';
import type { AvailabilityQueryInput, AvailabilityResponse } from '@workplace-sync/shared';
import type { AddinApiClient } from '../api/addin-api-client.js';
import type { Meeting } from '../office/appointment.js';
import { useRefetchOnReconnect } from './use-refetch-on-reconnect.js';

export type RoomFilters = {
  buildingId: string;
  floorId: string;
  /** null: no minimum. */
  minCapacity: number | null;
  equipment: string[];
};

export const noFilters: RoomFilters = { buildingId: '', floorId: '', minCapacity: null, equipment: [] };

/** The query string of GET /api/availability for a meeting, its recurrence flattened into parameters. */
export function toAvailabilityQuery(
  meeting: Pick<Meeting, 'start' | 'end' | 'timeZone' | 'recurrence'>,
  filters: RoomFilters,
  excludeReservationIds: string[] = [],
): AvailabilityQueryInput {
  const query: AvailabilityQueryInput = {
    start: meeting.start.toISOString(),
    end: meeting.end.toISOString(),
    timeZone: meeting.timeZone,
  };
  if (filters.buildingId) query.buildingId = filters.buildingId;
  if (filters.floorId) query.floorId = filters.floorId;
  if (filters.minCapacity) query.minCapacity = String(filters.minCapacity);
  if (filters.equipment.length > 0) query.equipment = filters.equipment.join(',');
  if (excludeReservationIds.length > 0) query.excludeReservationIds = excludeReservationIds.join(',');
  return { ...query, ...toRecurrenceQuery(meeting.recurrence) };
}

export type AvailabilityState = {
  availability: AvailabilityResponse | null;
  /** A check for the current meeting and filters is on its way (the previous answer is still shown). */
  isLoading: boolean;
  error: Error | null;
  retry: () => void;
};

/**
 * Availability for the meeting's time (every occurrence of a series); re-checked when either changes,
 * when the network comes back and when the user returns to the pane after a while.
 */
export function useAvailability(
  api: AddinApiClient,
  meeting: Meeting | null,
  filters: RoomFilters,
  excludeReservationIds: string[],
): AvailabilityState {
  const query = useMemo(
    () => (meeting ? toAvailabilityQuery(meeting, filters, excludeReservationIds) : null),
    [meeting, filters, excludeReservationIds],
  );
  const [attempt, setAttempt] = useState(0);
  const key = query ? JSON.stringify(query) : null;
  const requestKey = key ? `${attempt}:${key}` : null;
  const [state, setState] = useState<{
    key: string | null;
    availability: AvailabilityResponse | null;
    error: Error | null;
  }>({
    key: null,
    availability: null,
    error: null,
  });

  useEffect(() => {
    if (!requestKey || !query) return;
    let isCurrent = true;
    api.getAvailability(query).then(
      (availability) => isCurrent && setState({ key: requestKey, availability, error: null }),
      (error: Error) => isCurrent && setState((previous) => ({ ...previous, key: requestKey, error })),
    );
    // An answer for a superseded query (the user changed the time again) is dropped.
    return () => {
      isCurrent = false;
    };
    // `query` changes identity with every render; `requestKey` says when it really changed.
  }, [api, requestKey]);

  const retry = useCallback(() => setAttempt((value) => value + 1), []);
  useRefetchOnReconnect(retry);
  return {
    availability: state.availability,
    isLoading: requestKey !== null && state.key !== requestKey,
    error: state.key === requestKey ? state.error : null,
    retry,
  };
}
