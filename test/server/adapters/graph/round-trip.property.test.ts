import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { expandOccurrences, syncHash, toInstant, toUtcIso, toWallClock } from '@workplace-sync/shared';
import type { Booking, OccurrenceException, Participant } from '@workplace-sync/shared';
import { fromGraphEvent, toGraphEvent, toGraphOccurrenceUpdate } from '../../../../server/src/adapters/graph/index.js';
import { GraphEvent } from '../../../../server/src/adapters/graph/schemas/graph-event.js';
import { arbRecurrenceRule, arbWallClockStart } from '../../../support/arbitraries.js';
import { csdlViolations } from './support/csdl.js';
import { echoAsGraphEvent } from './support/graph-echo.js';

const MAILBOX = 'room-4.12@contoso.com';
const MINUTE = 60_000;

const arbName = fc.option(fc.constantFrom('Adele Vance', 'Megan Bowen', "Patti O'Brien", 'Zoë Ünal'), {
  nil: undefined,
});
const arbLocalPart = fc.stringMatching(/^[a-z][a-z0-9.]{0,11}$/).filter((local) => !local.endsWith('.'));
const arbPerson = fc.record({ local: arbLocalPart, name: arbName }, { noNullPrototype: true });

/**
 * A booking as Workplace hands it to the room-calendar write: a responsible person who is not a room,
 * participants distinct from them and from the rooms, the room itself among the rooms.
 */
const arbBooking: fc.Arbitrary<Booking> = fc
  .record(
    {
      subject: fc.string({ maxLength: 40 }).map((subject) => subject.trim() || 'Meeting'),
      start: arbWallClockStart,
      minutes: fc.integer({ min: 15, max: 8 * 60 }),
      organizer: arbPerson,
      participants: fc.uniqueArray(fc.tuple(arbPerson, fc.constantFrom<Participant['kind']>('required', 'optional')), {
        maxLength: 6,
        selector: ([person]) => person.local,
      }),
      otherRooms: fc.uniqueArray(fc.constantFrom('room-5.01', 'room-5.02', 'board'), { maxLength: 2 }),
      recurrence: fc.option(arbRecurrenceRule, { nil: null }),
    },
    { noNullPrototype: true },
  )
  .map(({ subject, start, minutes, organizer, participants, otherRooms, recurrence }): Booking => {
    const person = ({ local, name }: { local: string; name: string | undefined }) => ({
      email: `${local}@contoso.com`,
      ...(name ? { name } : {}),
    });
    return {
      subject,
      start,
      end: toWallClock(toInstant(start).getTime() + minutes * MINUTE, start.timeZone),
      organizer: person({ ...organizer, local: `owner.${organizer.local}` }),
      participants: participants.map(([participant, kind]) => ({ ...person(participant), kind })),
      rooms: [MAILBOX, ...otherRooms.map((room) => `${room}@contoso.com`)],
      recurrence,
      exceptions: [],
      isCancelled: false,
    };
  });

const readBack = (raw: unknown, booking: Booking) =>
  fromGraphEvent(GraphEvent.parse(raw), { address: MAILBOX, timeZone: booking.start.timeZone });

describe('booking → Graph event → booking keeps syncHash', () => {
  for (const renderIn of ['written zone', 'UTC'] as const) {
    test(`rendered in ${renderIn}`, () => {
      fc.assert(
        fc.property(arbBooking, fc.boolean(), (booking, inviteOtherRooms) => {
          const write = toGraphEvent(booking, {
            mailbox: MAILBOX,
            reservationId: 'R-1',
            transactionId: 't-1',
            inviteOtherRooms,
          });
          const echo = echoAsGraphEvent(write, { mailbox: MAILBOX, ianaZone: booking.start.timeZone, renderIn });
          const event = readBack(echo, booking);
          expect(syncHash(event.booking)).toBe(syncHash(booking));
          expect(event.isOrganizedByMailbox).toBe(true);
          expect(event.isSubjectRewritten).toBe(false);
        }),
        { numRuns: 300 },
      );
    });
  }

  test('every write uses only v1.0 CSDL property names and enum members', () => {
    fc.assert(
      fc.property(arbBooking, (booking) => {
        const write = toGraphEvent(booking, { mailbox: MAILBOX, reservationId: 'R-1', transactionId: 't-1' });
        expect(csdlViolations(write, 'event')).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  test('a change the hash covers survives as a change (the property can fail)', () => {
    fc.assert(
      fc.property(arbBooking, (booking) => {
        const write = toGraphEvent(booking, { mailbox: MAILBOX });
        const echo = echoAsGraphEvent(
          { ...write, subject: `${write.subject} (edited)` },
          {
            mailbox: MAILBOX,
            ianaZone: booking.start.timeZone,
            renderIn: 'UTC',
          },
        );
        expect(syncHash(readBack(echo, booking).booking)).not.toBe(syncHash(booking));
      }),
      { numRuns: 50 },
    );
  });
});

describe('series exceptions → Graph (cancelledOccurrences + exception instances) → exceptions', () => {
  const arbSeries = arbBooking.filter((booking) => booking.recurrence !== null);
  const arbEdits = fc.array(
    fc.record(
      {
        pick: fc.nat(),
        kind: fc.constantFrom('cancelled', 'modified'),
        shiftMinutes: fc.integer({ min: -120, max: 24 * 60 }),
        retitle: fc.boolean(),
      },
      { noNullPrototype: true },
    ),
    { maxLength: 5 },
  );

  test('keeps syncHash', () => {
    fc.assert(
      fc.property(arbSeries, arbEdits, (series, edits) => {
        const rule = series.recurrence!;
        const from = toInstant(series.start);
        const occurrences = expandOccurrences(rule, series.start, {
          from,
          to: new Date(from.getTime() + 400 * 86_400_000),
        }).slice(0, 12);
        fc.pre(occurrences.length > 0);
        const duration = toInstant(series.end).getTime() - from.getTime();
        const exceptions = new Map<
          string,
          { occurrence: (typeof occurrences)[number]; exception: OccurrenceException }
        >();
        for (const edit of edits) {
          const occurrence = occurrences[edit.pick % occurrences.length]!;
          const originalStart = toUtcIso(toInstant(occurrence));
          const start = toInstant(occurrence).getTime() + edit.shiftMinutes * MINUTE;
          const exception: OccurrenceException =
            edit.kind === 'cancelled'
              ? { originalStart, kind: 'cancelled' }
              : {
                  originalStart,
                  kind: 'modified',
                  ...(edit.retitle ? { subject: `${series.subject} (moved)` } : {}),
                  start: toWallClock(start, series.start.timeZone),
                  end: toWallClock(start + duration, series.start.timeZone),
                };
          exceptions.set(originalStart, { occurrence, exception });
        }
        const booking: Booking = { ...series, exceptions: [...exceptions.values()].map(({ exception }) => exception) };

        const write = toGraphEvent(booking, { mailbox: MAILBOX });
        const master = {
          ...(echoAsGraphEvent(write, {
            mailbox: MAILBOX,
            ianaZone: series.start.timeZone,
            renderIn: 'UTC',
          }) as object),
          cancelledOccurrences: [...exceptions.values()]
            .filter(({ exception }) => exception.kind === 'cancelled')
            .map(({ occurrence }) => `OID.AAMkEcho=.${occurrence.dateTime.slice(0, 10)}`),
        };
        const instances = [...exceptions.values()].flatMap(({ exception }, index) => {
          if (exception.kind !== 'modified') return [];
          const update = toGraphOccurrenceUpdate(exception);
          return [
            GraphEvent.parse({
              id: `AAMkEx${index}=`,
              type: 'exception',
              seriesMasterId: 'AAMkEcho=',
              originalStart: exception.originalStart,
              subject: update.subject ?? series.subject,
              start: update.start,
              end: update.end,
            }),
          ];
        });
        const event = fromGraphEvent(
          GraphEvent.parse(master),
          { address: MAILBOX, timeZone: series.start.timeZone },
          { instances: { instances, window: { from, to: new Date(from.getTime() + 400 * 86_400_000) } } },
        );
        expect(syncHash(event.booking)).toBe(syncHash(booking));
      }),
      { numRuns: 200 },
    );
  });
});
