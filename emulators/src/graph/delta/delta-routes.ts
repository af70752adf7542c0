import type { FastifyPluginAsync } from 'fastify';
import type { CalendarStore } from '../calendar/calendar-store.js';
import { renderEvent } from '../calendar/event-view.js';
import { readTimeWindow } from '../calendar/time-window.js';
import { GraphError } from '../odata/graph-error.js';
import { appliedPreferences, readPreferences } from '../odata/prefer-header.js';
import { readQueryOptions } from '../odata/query-options.js';
import { serviceRootOf, toQueryString } from '../odata/service-root.js';
import type { SeededRandom } from '../random/seeded-random.js';
import type { FaultInjector } from '../control/fault-injector.js';
import { openMailbox } from '../events/mailbox-access.js';
import type { MailboxAccessDeps } from '../events/mailbox-access.js';
import { mailboxRoute } from '../events/mailbox-routes.js';
import { renderOptionsOf } from '../events/event-rendering.js';
import { decodeDeltaToken, encodeDeltaToken } from './delta-token.js';
import type { DeltaPageSet, DeltaSyncStates } from './delta-sync-states.js';

export type DeltaRoutesOptions = MailboxAccessDeps & {
  calendars: CalendarStore;
  states: DeltaSyncStates;
  faults: FaultInjector;
  noise: SeededRandom;
  /** Share of pages answered empty but with a nextLink, as Graph sometimes does ([DQO], msgraph-sdk-java#493). */
  emptyPageProbability: number;
};

const DEFAULT_PAGE_SIZE = 10;

/**
 * calendarView/delta ([DELTA], [DQE]): a first round over a window (≤ 1825 days) returns every
 * instance, paged with $skiptoken nextLinks and ending with a $deltatoken deltaLink; the next round
 * returns changed instances in full and `@removed` tombstones, also for changes outside the window.
 */
export const deltaRoutes: FastifyPluginAsync<DeltaRoutesOptions> = async (app, options) => {
  const { calendars, states, faults, noise } = options;

  const syncStateNotFound = () =>
    new GraphError(
      410,
      'SyncStateNotFound',
      `The sync state generation is not found; generation=${Math.max(0, states.highestGeneration - 7)};[highest=${states.highestGeneration}].`,
    );

  for (const prefix of ['/calendarView/delta', '/calendar/calendarView/delta']) {
    mailboxRoute(app, 'GET', prefix, async (request, reply, user) => {
      const mailbox = await openMailbox(request, user, 'read', options);
      const query = readQueryOptions(request.query);
      const skipToken = query.parameters.get('$skiptoken');
      const deltaToken = query.parameters.get('$deltatoken');
      let pageSet: DeltaPageSet | undefined;
      let offset = 0;
      if (skipToken !== undefined || deltaToken !== undefined) {
        const token = decodeDeltaToken(skipToken ?? deltaToken ?? '');
        if (!token || token.mailboxId !== mailbox.id) throw syncStateNotFound();
        if (skipToken !== undefined) {
          pageSet = states.findPageSet(token.stateId);
          offset = token.offset ?? 0;
        } else {
          const round = states.findRound(token.stateId);
          if (round) pageSet = states.startRound(calendars.calendarOf(mailbox.id), round.window, round);
        }
        if (!pageSet) throw syncStateNotFound();
      } else {
        pageSet = states.startRound(calendars.calendarOf(mailbox.id), readTimeWindow(query.parameters));
      }

      const preferences = readPreferences(request.headers);
      const pageSize = preferences.maxPageSize ?? DEFAULT_PAGE_SIZE;
      const isEmptyPage = faults.takeEmptyDeltaPage() || noise.chance(options.emptyPageProbability);
      const entries = isEmptyPage ? [] : pageSet.entries.slice(offset, offset + pageSize);
      const nextOffset = offset + entries.length;
      const render = { ...renderOptionsOf(request), select: null, extendedPropertyFilter: null, withODataType: true };
      const body: Record<string, unknown> = {
        '@odata.context': `${serviceRootOf(request)}/$metadata#Collection(event)`,
      };
      const tokenBase = {
        mailboxId: mailbox.id,
        start: pageSet.window.start.toISOString(),
        end: pageSet.window.end.toISOString(),
      };
      const linkBase = `${serviceRootOf(request)}/${user === undefined ? 'me' : `users/${encodeURIComponent(user)}`}${prefix}`;
      if (isEmptyPage || nextOffset < pageSet.entries.length) {
        const token = encodeDeltaToken({ ...tokenBase, stateId: pageSet.id, offset: nextOffset });
        body['@odata.nextLink'] = `${linkBase}?${toQueryString([['$skiptoken', token]])}`;
      } else {
        states.publish(pageSet.nextRound);
        const token = encodeDeltaToken({ ...tokenBase, stateId: pageSet.nextRound.id });
        body['@odata.deltaLink'] = `${linkBase}?${toQueryString([['$deltatoken', token]])}`;
      }
      body.value = entries.map((entry) =>
        entry.kind === 'item'
          ? renderEvent(entry.item, render)
          : { '@odata.type': '#microsoft.graph.event', id: entry.id, '@removed': { reason: 'deleted' } },
      );
      reply.header('Preference-Applied', appliedPreferences(preferences, ['odata.track-changes']));
      return body;
    });
  }
};
