import { Button, MessageBar, MessageBarActions, MessageBarBody, Spinner } from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import type { ComponentType, ReactNode } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import { useLocalizer } from '../i18n/use-localizer.js';
import type { RoomFilters } from './room-filters.js';
import type { RoomList } from './room-list.js';

// The parts of the pane that its first screen (the meeting, "Loading rooms…") does not show, each a
// chunk of its own, so that the script loaded up front is only what that screen needs.
//
// The room filters and the room list (Fluent's accordion and its keyboard navigation, the form fields)
// are fetched as soon as the compose screen opens, while the API answers with the rooms, and count as
// part of loading the rooms (useRoomChoiceParts): no Suspense there, because React holds content that
// a fallback stood in for until 300 ms after that fallback showed, which would delay the room list.
// The booking panel (with the line editor and the series plan), the booked summary and a reservation's
// line editor load on first use (React.lazy), with a small spinner meanwhile.

export type RoomChoiceParts = { RoomFilters: typeof RoomFilters; RoomList: typeof RoomList };

let roomChoiceLoading: Promise<RoomChoiceParts> | null = null;
let roomChoiceLoaded: RoomChoiceParts | null = null;

const loadRoomChoice = (): Promise<RoomChoiceParts> =>
  (roomChoiceLoading ??= Promise.all([import('./room-filters.js'), import('./room-list.js')]).then(
    ([filters, list]) => (roomChoiceLoaded = { RoomFilters: filters.RoomFilters, RoomList: list.RoomList }),
    (error: unknown) => {
      roomChoiceLoading = null; // a retry fetches again
      throw error;
    },
  ));

/** The room filters and list once their chunks are there (fetched from the first call on). */
export function useRoomChoiceParts(): { parts: RoomChoiceParts | null; error: unknown; retry: () => void } {
  const [parts, setParts] = useState(roomChoiceLoaded);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (parts) return;
    let isCurrent = true;
    loadRoomChoice().then(
      (loaded) => isCurrent && setParts(loaded),
      (failure: unknown) => isCurrent && setError(failure),
    );
    return () => {
      isCurrent = false;
    };
  }, [parts, attempt]);
  const retry = useCallback(() => {
    setError(null);
    setAttempt((count) => count + 1);
  }, []);
  return { parts, error, retry };
}

/** What Try again does to the parts loaded on first use: forget a chunk that failed, so it is fetched again. */
const forgetFailedParts: Array<() => void> = [];

/**
 * A part loaded on first use. React.lazy keeps a failed import for good, so each part can be made anew
 * (Deferred's Try again) and fetch its chunk again.
 */
export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const fresh = () => lazy(() => load().then((component) => ({ default: component })));
  let Part = fresh();
  forgetFailedParts.push(() => {
    Part = fresh();
  });
  return function DeferredPart(props: P) {
    return <Part {...props} />;
  };
}

export const BookingPanel = lazyPart(() => import('./booking-panel.js').then((module) => module.BookingPanel));
export const BookedSummary = lazyPart(() => import('./booked-summary.js').then((module) => module.BookedSummary));
export const LinesEditor = lazyPart(() => import('./lines-editor.js').then((module) => module.LinesEditor));

/**
 * Where a part loaded on first use goes: a small spinner until its chunk is there; if it cannot be
 * loaded (the connection dropped), that part says so with Try again, and the rest of the pane stays.
 */
export function Deferred({ children }: { children: ReactNode }) {
  const { t } = useLocalizer();
  return (
    <ErrorBoundary
      onReset={() => forgetFailedParts.forEach((forget) => forget())}
      fallbackRender={({ resetErrorBoundary }) => (
        <MessageBar intent="error">
          <MessageBarBody>{t('pane.partFailed')}</MessageBarBody>
          <MessageBarActions>
            <Button onClick={resetErrorBoundary}>{t('pane.tryAgain')}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
    >
      <Suspense fallback={<Spinner size="tiny" label={t('pane.loadingPart')} />}>{children}</Suspense>
    </ErrorBoundary>
  );
}
