import { describe, expect, test } from 'vitest';
import { planCutover } from '../../../server/src/admin/cutover-plan.js';
import type { CutoverInput } from '../../../server/src/admin/cutover-plan.js';
import { NOW, aBooking, aReservation, aRoomEvent } from '../../support/builders.js';

// planCutover is pure: which future bookings of a room exist on both sides, on one, or are left alone.

const window = { start: new Date('2026-02-28T00:00:00Z'), end: new Date('2026-08-28T00:00:00Z') };
const at = (from: string, to: string) =>
  aBooking({
    start: { dateTime: `2026-03-03T${from}:00`, timeZone: 'Europe/Brussels' },
    end: { dateTime: `2026-03-03T${to}:00`, timeZone: 'Europe/Brussels' },
  });
const input = (overrides: Partial<CutoverInput>): CutoverInput => ({
  areaId: 'area-a',
  mailbox: 'room-brussels-1.01@contoso.com',
  window,
  events: [],
  reservations: [],
  linkedEventIds: new Set(),
  linkedReservationIds: new Set(),
  now: NOW,
  ...overrides,
});
const kiosk = (id: string, booking = at('09:00', '10:00'), overrides = {}) => ({
  view: aReservation({ reservationId: id, source: 'kiosk', booking, ...overrides }),
  externalRef: null,
});

describe('planCutover', () => {
  test('matches by the reservation’s external reference (the iCalUId) before the time', () => {
    const event = aRoomEvent({ eventId: 'e-1', iCalUId: 'uid-1', booking: at('09:00', '10:00') });
    const byTime = kiosk('r-time');
    const byRef = {
      view: aReservation({ reservationId: 'r-ref', booking: at('14:00', '15:00') }),
      externalRef: 'uid-1',
    };
    const { plan, matches } = planCutover(input({ events: [event], reservations: [byTime, byRef] }));
    expect(matches.map((match) => [match.event.eventId, match.reservation.reservationId, match.matchedBy])).toEqual([
      ['e-1', 'r-ref', 'iCalUId'],
    ]);
    expect(matches[0]!.lineId).toBe('line-a');
    expect(plan.toExchange.map((booking) => booking.id)).toEqual(['r-time']);
    expect(plan.toWorkplace).toEqual([]);
  });

  test('the same start and end is the same booking; a single never matches a series', () => {
    const single = aRoomEvent({ eventId: 'e-1', booking: at('09:00', '10:00') });
    const series = kiosk('r-series', {
      ...at('09:00', '10:00'),
      recurrence: { freq: 'daily', interval: 1, count: 3 } as never,
    });
    const { plan } = planCutover(input({ events: [single], reservations: [series, kiosk('r-single')] }));
    expect(plan.linked.map((pair) => [pair.exchange.id, pair.workplace.id, pair.matchedBy])).toEqual([
      ['e-1', 'r-single', 'time'],
    ]);
    expect(plan.toExchange.map((booking) => booking.id)).toEqual(['r-series']);
  });

  test('leaves alone what the first sync would not touch, saying why', () => {
    const { plan, matches } = planCutover(
      input({
        events: [
          aRoomEvent({ eventId: 'cancelled', booking: aBooking({ isCancelled: true }) }),
          aRoomEvent({ eventId: 'declined', roomResponse: 'declined' }),
          aRoomEvent({
            eventId: 'over',
            booking: aBooking({
              start: { dateTime: '2026-02-28T09:00:00', timeZone: 'UTC' },
              end: { dateTime: '2026-02-28T10:00:00', timeZone: 'UTC' },
            }),
          }),
          aRoomEvent({ eventId: 'synced' }),
        ],
        reservations: [
          kiosk('r-cancelled', at('11:00', '12:00'), { status: 'cancelled' }),
          kiosk('r-hold', at('11:00', '12:00'), { status: 'tentative' }),
          kiosk('r-released', at('11:00', '12:00'), {
            lines: [{ lineId: 'line-a', kind: 'room', objectId: 'area-a', status: 'cancelled', mailbox: null }],
          }),
          {
            view: aReservation({ reservationId: 'r-outlook', source: 'outlook', booking: at('16:00', '17:00') }),
            externalRef: 'x',
          },
        ],
        linkedEventIds: new Set(['synced']),
      }),
    );
    expect(matches).toEqual([]);
    expect(plan.leftAlone.map((item) => `${item.side} ${item.booking.id}: ${item.reason}`)).toEqual([
      'exchange cancelled: Cancelled by its organizer',
      'exchange declined: Declined by the room',
      'exchange over: Already over',
      'exchange synced: Already synced (a booking link exists)',
      'workplace r-cancelled: Cancelled in Workplace',
      'workplace r-hold: An Outlook add-in hold: the sync confirms it when its meeting arrives',
      'workplace r-released: The area was released from this reservation',
      'workplace r-outlook: Booked from Outlook, but the meeting is not in the room calendar',
    ]);
  });
});
