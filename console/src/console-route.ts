/** What Room links shows: a search over both sides and each side's page (0-based). */
export type RoomLinksFilter = { q: string; areaPage: number; roomPage: number };

/** The sync log's search as the form holds it: texts, '' for "any". */
export type SyncLogFilter = {
  room: string;
  organizer: string;
  action: string;
  from: string;
  to: string;
  /** Show what the sync does to keep itself tidy (echoes of our own writes, changes with nothing to do). */
  housekeeping: boolean;
};
export const NO_FILTER: SyncLogFilter = { room: '', organizer: '', action: '', from: '', to: '', housekeeping: false };

// What the console shows, as the URL's query (`/admin/?view=log&organizer=megan`): a link opens the
// same tab and filter, and the browser's Back goes to the previous one. Only values that differ from
// the defaults are written, so a plain /admin/ is the room links' first page.

export const VIEWS = ['links', 'health', 'log', 'failed', 'cutover'] as const;
export type View = (typeof VIEWS)[number];

export type ConsoleRoute = { view: View; links: RoomLinksFilter; log: SyncLogFilter };

const page = (text: string | null) => Math.max(0, (Number.parseInt(text ?? '', 10) || 1) - 1);

export function parseRoute(search: string): ConsoleRoute {
  const params = new URLSearchParams(search);
  const view = params.get('view');
  return {
    view: VIEWS.includes(view as View) ? (view as View) : 'links',
    links: { q: params.get('q') ?? '', areaPage: page(params.get('areas')), roomPage: page(params.get('rooms')) },
    log: {
      room: params.get('room') ?? NO_FILTER.room,
      organizer: params.get('organizer') ?? NO_FILTER.organizer,
      action: params.get('action') ?? NO_FILTER.action,
      from: params.get('from') ?? NO_FILTER.from,
      to: params.get('to') ?? NO_FILTER.to,
      housekeeping: params.get('housekeeping') === '1',
    },
  };
}

/** The query for a route: the view, and the filters of that view only. */
export function toSearch(route: ConsoleRoute): string {
  const params = new URLSearchParams();
  if (route.view !== 'links') params.set('view', route.view);
  const set = (name: string, value: string) => value && params.set(name, value);
  if (route.view === 'links') {
    set('q', route.links.q);
    if (route.links.areaPage > 0) params.set('areas', String(route.links.areaPage + 1));
    if (route.links.roomPage > 0) params.set('rooms', String(route.links.roomPage + 1));
  }
  if (route.view === 'log') {
    set('room', route.log.room);
    set('organizer', route.log.organizer);
    set('action', route.log.action);
    set('from', route.log.from);
    set('to', route.log.to);
    if (route.log.housekeeping) params.set('housekeeping', '1');
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
