import type { FastifyPluginAsync } from 'fastify';
import type { Directory, Mailbox } from '../directory/directory.js';
import type { CalendarStore } from '../calendar/calendar-store.js';
import { readEventChanges } from '../calendar/event-input.js';
import { renderEvent } from '../calendar/event-view.js';
import { isSameExtendedPropertyId, looksLikeExtendedPropertyId } from '../calendar/extended-property-id.js';
import type { EventWriter, MeetingResponse } from '../calendar/event-writer.js';
import { seriesInstancesIn } from '../calendar/series-expansion.js';
import type { StoredEvent } from '../calendar/stored-event.js';
import { readTimeWindow } from '../calendar/time-window.js';
import { itemNotFound } from '../odata/graph-error.js';
import { evaluateFilter } from '../odata/odata-filter.js';
import type { FilterExpression } from '../odata/odata-filter.js';
import { readPreferences, appliedPreferences } from '../odata/prefer-header.js';
import { readQueryOptions } from '../odata/query-options.js';
import type { QueryOptions } from '../odata/query-options.js';
import { linkWith, serviceRootOf } from '../odata/service-root.js';
import { UTC_ZONE } from '../calendar/event-view.js';
import { openMailbox } from './mailbox-access.js';
import type { MailboxAccessDeps } from './mailbox-access.js';
import { mailboxRoute } from './mailbox-routes.js';
import type { MailboxRequest } from './mailbox-routes.js';
import { renderOptionsOf } from './event-rendering.js';

export type EventRoutesOptions = MailboxAccessDeps & {
  directory: Directory;
  calendars: CalendarStore;
  writer: EventWriter;
};

const DEFAULT_PAGE_SIZE = 10;

/** An item as `$filter` sees it: Graph's rendering in UTC plus the item's extended properties. */
function matchesFilter(item: StoredEvent, filter: FilterExpression): boolean {
  const scope = {
    ...renderEvent(item, { zone: UTC_ZONE, bodyContentType: 'html' }),
    singleValueExtendedProperties: Object.entries(item.extendedProperties).map(([id, value]) => ({ id, value })),
  };
  return evaluateFilter(filter, scope, (_path, left, right) => {
    if (looksLikeExtendedPropertyId(left) && typeof right === 'string')
      return isSameExtendedPropertyId(left, right) ? 0 : 1;
    if (typeof left === 'string' && typeof right === 'string')
      return left.toLowerCase().localeCompare(right.toLowerCase());
    if (left === right) return 0;
    return typeof left === 'number' && typeof right === 'number' ? left - right : Number.NaN;
  });
}

/** Events, series, occurrences and meeting responses under /users/{id|upn}/… ([EVT], [EVT-POST], [CANCEL], [INST], [CV]). */
export const eventRoutes: FastifyPluginAsync<EventRoutesOptions> = async (app, options) => {
  const { calendars, writer, directory } = options;
  const entityContext = (request: MailboxRequest, mailbox: Mailbox) =>
    `${serviceRootOf(request)}/$metadata#users('${mailbox.id}')/events/$entity`;

  function sendPage(
    request: MailboxRequest,
    mailbox: Mailbox,
    items: StoredEvent[],
    query: QueryOptions,
    context: string,
  ) {
    const preferences = readPreferences(request.headers);
    const pageSize = Math.min(query.top ?? preferences.maxPageSize ?? DEFAULT_PAGE_SIZE, 1000);
    const page = items.slice(query.skip, query.skip + pageSize);
    const render = renderOptionsOf(request, query);
    const body: Record<string, unknown> = {
      '@odata.context': `${serviceRootOf(request)}/$metadata#users('${mailbox.id}')/${context}`,
      value: page.map((item) => renderEvent(item, render)),
    };
    if (query.skip + pageSize < items.length)
      body['@odata.nextLink'] = linkWith(request, { $skip: String(query.skip + pageSize) });
    return body;
  }

  const applyQuery = (items: StoredEvent[], query: QueryOptions) =>
    query.filter ? items.filter((item) => matchesFilter(item, query.filter!)) : items;

  for (const prefix of ['/events', '/calendar/events', '/calendars/:calendarId/events']) {
    mailboxRoute(app, 'GET', prefix, async (request, _reply, user) => {
      const mailbox = await openMailbox(request, user, 'read', options);
      assertCalendar(mailbox, request.params.calendarId);
      const query = readQueryOptions(request.query);
      // /events lists single meetings and series masters, not occurrences or exceptions ([EVT]).
      const items = calendars
        .calendarOf(mailbox.id)
        .items()
        .filter((item) => item.type !== 'exception')
        .sort((a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id));
      return sendPage(request, mailbox, applyQuery(items, query), query, 'events');
    });

    mailboxRoute(app, 'POST', prefix, async (request, reply, user) => {
      const mailbox = await openMailbox(request, user, 'write', options);
      assertCalendar(mailbox, request.params.calendarId);
      const changes = readEventChanges(request.body, { directory, mailboxZone: mailbox.timeZone });
      const { event } = writer.create(mailbox, changes);
      // The POST response does not include extended properties ([EXT-POST]).
      const rendered = renderEvent(event, renderOptionsOf(request));
      return reply.code(201).send({ '@odata.context': entityContext(request, mailbox), ...rendered });
    });
  }

  mailboxRoute(app, 'GET', '/events/:eventId', async (request, reply, user) => {
    const mailbox = await openMailbox(request, user, 'read', options);
    const item = calendars.calendarOf(mailbox.id).resolve(request.params.eventId!);
    if (!item) throw itemNotFound();
    const query = readQueryOptions(request.query);
    const applied = appliedPreferences(readPreferences(request.headers));
    if (applied) reply.header('Preference-Applied', applied);
    return { '@odata.context': entityContext(request, mailbox), ...renderEvent(item, renderOptionsOf(request, query)) };
  });

  mailboxRoute(app, 'PATCH', '/events/:eventId', async (request, _reply, user) => {
    const mailbox = await openMailbox(request, user, 'write', options);
    const existing = calendars.calendarOf(mailbox.id).resolve(request.params.eventId!);
    if (!existing) throw itemNotFound();
    const changes = readEventChanges(request.body, { directory, mailboxZone: mailbox.timeZone, existing });
    const updated = writer.update(mailbox, existing.id, changes);
    return { '@odata.context': entityContext(request, mailbox), ...renderEvent(updated, renderOptionsOf(request)) };
  });

  mailboxRoute(app, 'DELETE', '/events/:eventId', async (request, reply, user) => {
    const mailbox = await openMailbox(request, user, 'write', options);
    writer.remove(mailbox, request.params.eventId!);
    return reply.code(204).send();
  });

  mailboxRoute(app, 'POST', '/events/:eventId/cancel', async (request, reply, user) => {
    const mailbox = await openMailbox(request, user, 'write', options);
    writer.cancel(mailbox, request.params.eventId!, commentOf(request.body));
    return reply.code(202).send();
  });

  for (const action of ['accept', 'tentativelyAccept', 'decline'] as const satisfies MeetingResponse[]) {
    mailboxRoute(app, 'POST', `/events/:eventId/${action}`, async (request, reply, user) => {
      const mailbox = await openMailbox(request, user, 'write', options);
      const body = (request.body ?? {}) as { sendResponse?: unknown };
      writer.respond(mailbox, request.params.eventId!, action, body.sendResponse !== false, commentOf(request.body));
      return reply.code(202).send();
    });
  }

  mailboxRoute(app, 'GET', '/events/:eventId/instances', async (request, _reply, user) => {
    const mailbox = await openMailbox(request, user, 'read', options);
    const query = readQueryOptions(request.query);
    const window = readTimeWindow(query.parameters);
    const calendar = calendars.calendarOf(mailbox.id);
    const master = calendar.resolve(request.params.eventId!);
    if (!master) throw itemNotFound();
    // Occurrences and exceptions in the window; cancelled occurrences are omitted ([INST]).
    const instances =
      master.type === 'seriesMaster'
        ? seriesInstancesIn(master, calendar.exceptionsOf(master.id), window.start, window.end)
        : [];
    return sendPage(
      request,
      mailbox,
      applyQuery(instances, query),
      query,
      `events('${encodeURIComponent(master.id)}')/instances`,
    );
  });

  for (const prefix of ['/calendarView', '/calendar/calendarView', '/calendars/:calendarId/calendarView']) {
    mailboxRoute(app, 'GET', prefix, async (request, _reply, user) => {
      const mailbox = await openMailbox(request, user, 'read', options);
      assertCalendar(mailbox, request.params.calendarId);
      const query = readQueryOptions(request.query);
      const window = readTimeWindow(query.parameters);
      const items = calendars.calendarOf(mailbox.id).instancesIn(window.start, window.end);
      return sendPage(request, mailbox, applyQuery(items, query), query, 'calendarView');
    });
  }

  mailboxRoute(app, 'GET', '/calendar', async (request, _reply, user) => {
    const mailbox = await openMailbox(request, user, 'read', options);
    return {
      '@odata.context': `${serviceRootOf(request)}/$metadata#users('${mailbox.id}')/calendar/$entity`,
      ...calendarResource(mailbox),
    };
  });
  mailboxRoute(app, 'GET', '/calendars', async (request, _reply, user) => {
    const mailbox = await openMailbox(request, user, 'read', options);
    return {
      '@odata.context': `${serviceRootOf(request)}/$metadata#users('${mailbox.id}')/calendars`,
      value: [calendarResource(mailbox)],
    };
  });
};

/** The `comment` of cancel / accept / decline: "Text included in the response" (event-decline.md, [CANCEL], [MAIL]). */
function commentOf(body: unknown): string {
  // Graph reads parameter names case-insensitively; Microsoft's own cancel example sends "Comment".
  const parameters = (body ?? {}) as { comment?: unknown; Comment?: unknown };
  const comment = parameters.comment ?? parameters.Comment;
  return typeof comment === 'string' ? comment : '';
}

/** Each mailbox has its default calendar only; another calendar id is not found. */
function assertCalendar(mailbox: Mailbox, calendarId: string | undefined): void {
  if (calendarId !== undefined && calendarId !== mailbox.calendarId) throw itemNotFound();
}

function calendarResource(mailbox: Mailbox) {
  return {
    id: mailbox.calendarId,
    name: 'Calendar',
    color: 'auto',
    hexColor: '',
    isDefaultCalendar: true,
    changeKey: 'AAAAAA==',
    canShare: mailbox.kind === 'user',
    canViewPrivateItems: true,
    canEdit: true,
    allowedOnlineMeetingProviders: ['teamsForBusiness'],
    defaultOnlineMeetingProvider: 'teamsForBusiness',
    isTallyingResponses: true,
    isRemovable: false,
    owner: { name: mailbox.displayName, address: mailbox.email },
  };
}
