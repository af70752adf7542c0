import { Spinner } from '@fluentui/react-components';
import { Suspense, lazy } from 'react';
import type { ReactNode } from 'react';
import { useLocalizer } from '../i18n/use-localizer.js';

// The parts of the pane that its first screen (the meeting, "Loading rooms…") does not show, each a
// chunk of its own (React.lazy), so that the script loaded up front is only what that screen needs.
// The room filters and the room list (Fluent's accordion and its keyboard navigation, the form fields)
// are fetched as soon as the compose screen opens (preloadRoomChoice), while the API answers with the
// rooms; the booking panel (with the line editor and the series plan), the booked summary and the line
// editor of a reservation on first use.

const loadRoomFilters = () => import('./room-filters.js');
const loadRoomList = () => import('./room-list.js');

/** Starts fetching the room filters and the room list (the browser keeps a module once loaded). */
export function preloadRoomChoice(): void {
  void loadRoomFilters().catch(() => undefined); // a failure shows where the part is rendered
  void loadRoomList().catch(() => undefined);
}

export const RoomFilters = lazy(() => loadRoomFilters().then((module) => ({ default: module.RoomFilters })));
export const RoomList = lazy(() => loadRoomList().then((module) => ({ default: module.RoomList })));
export const BookingPanel = lazy(() =>
  import('./booking-panel.js').then((module) => ({ default: module.BookingPanel })),
);
export const BookedSummary = lazy(() =>
  import('./booked-summary.js').then((module) => ({ default: module.BookedSummary })),
);
export const LinesEditor = lazy(() => import('./lines-editor.js').then((module) => ({ default: module.LinesEditor })));

/** Where a deferred part goes: a small spinner until its chunk is there. */
export function Deferred({ children }: { children: ReactNode }) {
  const { t } = useLocalizer();
  return <Suspense fallback={<Spinner size="tiny" label={t('pane.loadingPart')} />}>{children}</Suspense>;
}
