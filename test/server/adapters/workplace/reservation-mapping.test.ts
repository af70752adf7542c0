import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expandOccurrences, syncHash, toInstant, toUtcIso, toWallClock } from '@workplace-sync/shared';
import type { Booking, OccurrenceException, ReservationLine } from '@workplace-sync/shared';
import { buildWorkplaceOpenApiDocument } from '../../../../emulators/src/workplace/index.js';
import { fromWorkplaceReservation, toWorkplaceReservation } from '../../../../server/src/adapters/workplace/index.js';
import type {
  WorkplaceReservation,
  WorkplaceReservationInput,
} from '../../../../server/src/adapters/workplace/index.js';
import { AppError } from '../../../../server/src/errors.js';
import { arbRecurrenceRule, SERIES_TIME_ZONES } from '../../../support/arbitraries.js';
import { WORKPLACE_MEETING, aBooking, aWorkplaceReservation } from '../../../support/builders.js';
import { createContractValidator } from '../../../support/openapi-contract.js';
import { DEMO_MAILBOXES, areaOfMailbox, mailboxOfArea, startWorkplace } from '../../../support/workplace-harness.js';

const contract = createContractValidator(buildWorkplaceOpenApiDocument());

/** What Workplace would store for a write: ids, a version, statuses. */
function asStored(
  input: WorkplaceReservationInput,
  status: WorkplaceReservation['status'] = 'confirmed',
): WorkplaceReservation {
  const { source, status: _hold, lines, requestor, ...fields } = input;
  return {
    ...fields,
    id: 'r-1',
    version: 1,
    requestor: requestor ?? input.responsible,
    lines: lines.map(({ id, ...line }, index) => ({
      id: id ?? `l-${index + 1}`,
      ...line,
      status: status === 'cancelled' ? 'cancelled' : 'confirmed',
    })),
    status,
    source: source ?? 'api',
    createdAt: '2026-03-02T08:00:00.000Z',
    updatedAt: '2026-03-02T08:00:00.000Z',
  };
}

describe('fromWorkplaceReservation', () => {
  test('responsible → organizer, linked area lines → rooms, every line with its kind and status', () => {
    const mapped = fromWorkplaceReservation(aWorkplaceReservation(), { mailboxOfArea });
    expect(mapped).toMatchObject({ reservationId: 'r-7', version: 3, status: 'pending-approval', source: 'app' });
    expect(mapped.booking).toEqual({
      subject: 'Quarterly planning',
      start: { dateTime: '2026-03-03T10:00:00', timeZone: 'Europe/Brussels' },
      end: { dateTime: '2026-03-03T11:30:00', timeZone: 'Europe/Brussels' },
      organizer: { email: 'alex@contoso.com', name: 'Alex Wilber' },
      participants: [
        { email: 'adele@contoso.com', name: 'Adele Vance', kind: 'required' },
        { email: 'megan@contoso.com', kind: 'optional' },
      ],
      rooms: ['room-brussels-1.01@contoso.com'],
      recurrence: null,
      exceptions: [],
      isCancelled: false,
    });
    expect(mapped.lines).toEqual([
      { lineId: 'l-1', kind: 'room', objectId: 'a-bru-1.01', status: 'confirmed' },
      { lineId: 'l-2', kind: 'room', objectId: 'a-bru-1.03', status: 'confirmed' },
      { lineId: 'l-3', kind: 'equipment', objectId: 'as-bru-beamer-1', status: 'pending-approval' },
      {
        lineId: 'l-4',
        kind: 'catering',
        objectId: 'ci-lunch',
        quantity: 8,
        start: { dateTime: '2026-03-03T12:00:00', timeZone: 'Europe/Brussels' },
        end: { dateTime: '2026-03-03T12:30:00', timeZone: 'Europe/Brussels' },
        status: 'confirmed',
      },
      { lineId: 'l-5', kind: 'room', objectId: 'a-bru-2.01', status: 'declined' },
    ]);
  });

  test('recurrence through fromRRule, exceptions keyed by original start', () => {
    const mapped = fromWorkplaceReservation(
      aWorkplaceReservation({
        recurrence: { rrule: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;WKST=MO;COUNT=6' },
        exceptions: [
          { originalStart: '2026-03-10T09:00:00Z', status: 'cancelled' },
          {
            originalStart: '2026-03-17T09:00:00.000Z',
            status: 'modified',
            start: '2026-03-17T14:00:00',
            end: '2026-03-17T15:00:00',
            subject: 'Moved',
          },
        ],
      }),
      { mailboxOfArea },
    );
    expect(mapped.booking.recurrence).toEqual({
      freq: 'weekly',
      interval: 1,
      byDay: ['TU'],
      weekStart: 'MO',
      end: { type: 'count', count: 6 },
    });
    expect(mapped.booking.exceptions).toEqual<OccurrenceException[]>([
      { originalStart: '2026-03-10T09:00:00.000Z', kind: 'cancelled' },
      {
        originalStart: '2026-03-17T09:00:00.000Z',
        kind: 'modified',
        subject: 'Moved',
        start: { dateTime: '2026-03-17T14:00:00', timeZone: 'Europe/Brussels' },
        end: { dateTime: '2026-03-17T15:00:00', timeZone: 'Europe/Brussels' },
      },
    ]);
  });

  test('a cancelled reservation keeps the rooms it had, so the cancellation reaches each of them', () => {
    const cancelled = aWorkplaceReservation({
      status: 'cancelled',
      lines: aWorkplaceReservation().lines.map((line) =>
        line.status === 'rejected' ? line : { ...line, status: 'cancelled' },
      ),
    });
    const { booking } = fromWorkplaceReservation(cancelled, { mailboxOfArea });
    expect(booking).toMatchObject({ isCancelled: true, rooms: ['room-brussels-1.01@contoso.com'] });
  });
});

describe('toWorkplaceReservation', () => {
  const options = { areaOfMailbox, mailboxOfArea, timeZone: 'Europe/Brussels' };

  test("times are converted into the building's zone; organizer → responsible and requestor", () => {
    const written = toWorkplaceReservation(
      aBooking({
        ...WORKPLACE_MEETING,
        start: { dateTime: '2026-03-03T09:00:00', timeZone: 'UTC' },
        end: { dateTime: '2026-03-03T04:30:00', timeZone: 'America/New_York' },
      }),
      [],
      options,
    );
    expect(written).toMatchObject({
      start: '2026-03-03T10:00:00',
      end: '2026-03-03T10:30:00',
      timeZone: 'Europe/Brussels',
      responsible: { email: 'alex@contoso.com', name: 'Alex Wilber' },
      requestor: { email: 'alex@contoso.com', name: 'Alex Wilber' },
      source: 'outlook',
      recurrence: null,
      lines: [{ type: 'area', objectId: 'a-bru-1.01' }],
    });
    expect(contract.validateSchema('ReservationCreate', written)).toEqual([]);
  });

  test('linked rooms follow booking.rooms; equipment, catering and unlinked rooms come from the lines', () => {
    const lines: Array<ReservationLine & { lineId?: string }> = [
      { kind: 'room', objectId: 'a-bru-1.01', status: 'confirmed', lineId: 'l-1' } as ReservationLine & {
        lineId: string;
      },
      { kind: 'room', objectId: 'a-bru-1.02', status: 'confirmed' },
      { kind: 'room', objectId: 'a-bru-1.03', status: 'confirmed' },
      { kind: 'equipment', objectId: 'as-bru-beamer-1', status: 'confirmed' },
      {
        kind: 'catering',
        objectId: 'ci-coffee',
        quantity: 5,
        status: 'confirmed',
        start: { dateTime: '2026-03-03T09:00:00', timeZone: 'UTC' },
      },
      { kind: 'catering', objectId: 'ci-water', status: 'cancelled' },
    ];
    const written = toWorkplaceReservation(
      aBooking({ ...WORKPLACE_MEETING, rooms: ['ROOM-brussels-1.01@contoso.com', 'room-brussels-0.01@contoso.com'] }),
      lines,
      options,
    );
    expect(written.lines).toEqual([
      { id: 'l-1', type: 'area', objectId: 'a-bru-1.01' },
      { type: 'area', objectId: 'a-bru-0.01' },
      { type: 'area', objectId: 'a-bru-1.03' },
      { type: 'asset', objectId: 'as-bru-beamer-1' },
      { type: 'catalogItem', objectId: 'ci-coffee', quantity: 5, start: '2026-03-03T10:00:00' },
    ]);
  });

  test('a room mailbox Workplace does not know is refused', () => {
    expect(() =>
      toWorkplaceReservation(aBooking({ ...WORKPLACE_MEETING, rooms: ['room-elsewhere@contoso.com'] }), [], options),
    ).toThrow(
      new AppError('UNPROCESSABLE', 'Room mailbox room-elsewhere@contoso.com is not linked to a Workplace area'),
    );
  });

  test('a series is anchored in the building zone when that keeps every occurrence, and refused when it does not', () => {
    const weekly = {
      freq: 'weekly' as const,
      interval: 1,
      byDay: ['TU' as const],
      weekStart: 'MO' as const,
      end: { type: 'count' as const, count: 10 },
    };
    const berlin = aBooking({
      ...WORKPLACE_MEETING,
      start: { dateTime: '2026-03-03T10:00:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-03-03T11:00:00', timeZone: 'Europe/Berlin' },
      recurrence: weekly,
    });
    expect(toWorkplaceReservation(berlin, [], options)).toMatchObject({
      start: '2026-03-03T10:00:00',
      timeZone: 'Europe/Brussels',
      recurrence: { rrule: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;WKST=MO;COUNT=10' },
    });
    // New York moves its clocks on 8 March, Brussels on 29 March: the occurrences in between would move.
    const newYork = aBooking({
      ...WORKPLACE_MEETING,
      start: { dateTime: '2026-03-03T04:00:00', timeZone: 'America/New_York' },
      end: { dateTime: '2026-03-03T05:00:00', timeZone: 'America/New_York' },
      recurrence: weekly,
    });
    expect(() => toWorkplaceReservation(newYork, [], options)).toThrow(/without moving occurrences/);
  });
});

// ---------------------------------------------------------------------------------------------------
// Round trips: booking → reservation → booking keeps syncHash.

const BUILDING_ZONES = ['Europe/Brussels', 'America/New_York'] as const;
const arbEmail = fc.stringMatching(/^[a-z]{1,8}(\.[a-z]{1,8})?$/).map((local) => `${local}@contoso.com`);
const arbPerson = fc
  .record({ email: arbEmail, name: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }) })
  .map(({ email, name }) => (name === undefined ? { email } : { email, name }));
const arbSubject = fc.string({ minLength: 1, maxLength: 80 }).filter((subject) => subject.trim().length > 0);
const arbLocal = fc
  .record({ day: fc.integer({ min: 0, max: 700 }), minutes: fc.integer({ min: 0, max: 95 }) })
  .map(({ day, minutes }) =>
    new Date(Date.UTC(2026, 0, 1) + day * 86_400_000 + minutes * 15 * 60_000).toISOString().slice(0, 19),
  );
const arbDurationMs = fc.integer({ min: 1, max: 16 }).map((quarters) => quarters * 15 * 60_000);
const linkedMailboxes = Object.values(DEMO_MAILBOXES);

const arbBooking: fc.Arbitrary<{ booking: Booking; timeZone: string }> = fc
  .record({
    timeZone: fc.constantFrom(...BUILDING_ZONES),
    ownZone: fc.constantFrom(...SERIES_TIME_ZONES),
    isSeries: fc.boolean(),
    rule: arbRecurrenceRule,
    local: arbLocal,
    durationMs: arbDurationMs,
    subject: arbSubject,
    organizer: arbPerson,
    participants: fc.array(
      fc.record({ person: arbPerson, kind: fc.constantFrom('required' as const, 'optional' as const) }),
      { maxLength: 5 },
    ),
    rooms: fc.uniqueArray(fc.constantFrom(...linkedMailboxes), { minLength: 1, maxLength: 3 }),
    exceptionPicks: fc.array(
      fc.record({
        index: fc.nat(20),
        kind: fc.constantFrom('cancelled' as const, 'modified' as const),
        shiftHours: fc.integer({ min: -3, max: 3 }),
        subject: fc.option(arbSubject, { nil: undefined }),
      }),
      { maxLength: 4 },
    ),
  })
  .map(
    ({
      timeZone,
      ownZone,
      isSeries,
      rule,
      local,
      durationMs,
      subject,
      organizer,
      participants,
      rooms,
      exceptionPicks,
    }) => {
      // A series keeps its zone in syncHash, so a series is written in the building's zone; a single meeting may come from any zone.
      const zone = isSeries ? timeZone : ownZone;
      const start = { dateTime: local, timeZone: zone };
      const end = toWallClock(toInstant(start).getTime() + durationMs, zone);
      const occurrences = isSeries
        ? expandOccurrences(rule, start, {
            from: toInstant(start),
            to: new Date(toInstant(start).getTime() + 366 * 86_400_000),
          }).slice(0, 21)
        : [];
      const exceptions = new Map<string, OccurrenceException>();
      for (const pick of exceptionPicks) {
        const occurrence = occurrences[pick.index % Math.max(occurrences.length, 1)];
        if (!occurrence) continue;
        const originalStart = toUtcIso(toInstant(occurrence));
        const movedStart = toInstant(occurrence).getTime() + pick.shiftHours * 3_600_000;
        exceptions.set(
          originalStart,
          pick.kind === 'cancelled'
            ? { originalStart, kind: 'cancelled' }
            : {
                originalStart,
                kind: 'modified',
                ...(pick.subject !== undefined ? { subject: pick.subject } : {}),
                start: toWallClock(movedStart, zone),
                end: toWallClock(movedStart + durationMs, zone),
              },
        );
      }
      const booking: Booking = {
        subject,
        start,
        end,
        organizer,
        participants: participants.map(({ person, kind }) => ({ ...person, kind })),
        rooms,
        recurrence: isSeries ? rule : null,
        exceptions: [...exceptions.values()],
        isCancelled: false,
      };
      return { booking, timeZone };
    },
  );

const arbExtraLines: fc.Arbitrary<ReservationLine[]> = fc.array(
  fc
    .record({
      kind: fc.constantFrom('equipment' as const, 'catering' as const),
      objectId: fc.constantFrom('as-bru-beamer-1', 'ci-coffee', 'ci-water'),
      quantity: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
    })
    .map(({ quantity, ...line }) => ({
      ...line,
      ...(quantity !== undefined ? { quantity } : {}),
      status: 'confirmed' as const,
    })),
  { maxLength: 3 },
);

describe('round trips', () => {
  test('booking → reservation → booking keeps syncHash, and the write matches the contract', () => {
    fc.assert(
      fc.property(arbBooking, arbExtraLines, ({ booking, timeZone }, extraLines) => {
        const written = toWorkplaceReservation(booking, extraLines, { areaOfMailbox, mailboxOfArea, timeZone });
        expect(contract.validateSchema('ReservationCreate', written)).toEqual([]);
        const stored = asStored(written);
        expect(contract.validateSchema('Reservation', { ...stored, checkIns: [], releases: [] })).toEqual([]);
        const mapped = fromWorkplaceReservation(stored, { mailboxOfArea });
        expect(syncHash(mapped.booking)).toBe(syncHash(booking));
        const kept = mapped.lines
          .filter((line) => line.kind !== 'room')
          .map(({ kind, objectId, quantity }) => ({ kind, objectId, quantity }));
        expect(kept).toEqual(extraLines.map(({ kind, objectId, quantity }) => ({ kind, objectId, quantity })));
      }),
      { numRuns: 300 },
    );
  });

  test('reservation → booking → reservation writes back the same reservation', () => {
    const reservation = aWorkplaceReservation({
      lines: aWorkplaceReservation().lines.filter((line) => line.status !== 'rejected'),
      recurrence: { rrule: 'FREQ=MONTHLY;INTERVAL=1;BYDAY=TU;BYSETPOS=1;WKST=MO;COUNT=4' },
      exceptions: [{ originalStart: '2026-04-07T08:00:00.000Z', status: 'cancelled' }],
    });
    reservation.lines = reservation.lines.filter((line) => line.type !== 'catalogItem');
    const mapped = fromWorkplaceReservation(reservation, { mailboxOfArea });
    const written = toWorkplaceReservation(mapped.booking, mapped.lines, {
      areaOfMailbox,
      mailboxOfArea,
      timeZone: reservation.timeZone,
      requestor: reservation.requestor,
      source: reservation.source,
    });
    expect(written).toEqual({
      subject: reservation.subject,
      start: reservation.start,
      end: reservation.end,
      timeZone: reservation.timeZone,
      responsible: reservation.responsible,
      requestor: reservation.requestor,
      participants: reservation.participants,
      recurrence: reservation.recurrence,
      exceptions: reservation.exceptions,
      lines: reservation.lines.map(({ id, type, objectId }) => ({ id, type, objectId })),
      source: 'app',
    });
  });
});

describe('round trips through the emulator', () => {
  let workplace: Awaited<ReturnType<typeof startWorkplace>>;
  beforeAll(async () => {
    workplace = await startWorkplace();
  });
  afterAll(async () => {
    expect(workplace.violations).toEqual([]);
    await workplace.close();
  });

  test.each<[string, Booking, string]>([
    [
      'a single meeting sent in UTC to a Brussels room',
      aBooking({
        ...WORKPLACE_MEETING,
        start: { dateTime: '2026-03-09T09:00:00', timeZone: 'UTC' },
        end: { dateTime: '2026-03-09T10:00:00', timeZone: 'UTC' },
      }),
      'Europe/Brussels',
    ],
    [
      'a weekly series across DST with a moved and a cancelled occurrence, in two rooms',
      aBooking({
        ...WORKPLACE_MEETING,
        start: { dateTime: '2026-03-10T09:00:00', timeZone: 'Europe/Brussels' },
        end: { dateTime: '2026-03-10T10:00:00', timeZone: 'Europe/Brussels' },
        rooms: ['room-brussels-1.02@contoso.com', 'room-brussels-0.01@contoso.com'],
        recurrence: {
          freq: 'weekly',
          interval: 1,
          byDay: ['TU', 'TH'],
          weekStart: 'MO',
          end: { type: 'until', until: '2026-04-30' },
        },
        exceptions: [
          { originalStart: '2026-03-12T08:00:00.000Z', kind: 'cancelled' },
          {
            originalStart: '2026-04-02T07:00:00.000Z',
            kind: 'modified',
            subject: 'Moved',
            start: { dateTime: '2026-04-02T15:00:00', timeZone: 'Europe/Brussels' },
            end: { dateTime: '2026-04-02T16:00:00', timeZone: 'Europe/Brussels' },
          },
        ],
      }),
      'Europe/Brussels',
    ],
    [
      'a monthly series in New York on the last Friday',
      aBooking({
        ...WORKPLACE_MEETING,
        start: { dateTime: '2026-03-27T14:00:00', timeZone: 'America/New_York' },
        end: { dateTime: '2026-03-27T15:00:00', timeZone: 'America/New_York' },
        rooms: ['room-newyork-10.01@contoso.com'],
        recurrence: {
          freq: 'monthly',
          interval: 1,
          byDay: ['FR'],
          bySetPos: -1,
          weekStart: 'SU',
          end: { type: 'count', count: 5 },
        },
      }),
      'America/New_York',
    ],
  ])('%s', async (_name, booking, timeZone) => {
    const created = await workplace
      .client()
      .createReservation(toWorkplaceReservation(booking, [], { areaOfMailbox, mailboxOfArea, timeZone }), {
        idempotencyKey: `round-trip:${syncHash(booking)}`,
      });
    const { booking: back } = fromWorkplaceReservation(await workplace.client().getReservation(created.id), {
      mailboxOfArea,
    });
    expect(syncHash(back)).toBe(syncHash(booking));
  });
});
