import { describe, expect, test } from 'vitest';
import { fitForWorkplace, fittingNotes, NO_SUBJECT } from '../../../server/src/sync/fit-booking.js';
import { planRoomEventChange } from '../../../server/src/sync/plan-room-event-change.js';
import { aBooking, aRoomEvent, aRoomEventChangeInput } from '../../support/builders.js';

// What people really send from Outlook, fitted to what a Workplace reservation takes (a subject of
// 1–255 characters, at most 500 participants) instead of being refused for good.

const people = (count: number, kind: 'required' | 'optional') =>
  Array.from({ length: count }, (_, index) => ({ email: `${kind}-${index}@contoso.com`, kind }));

describe('fitForWorkplace', () => {
  test.each([
    ['', NO_SUBJECT],
    ['   ', NO_SUBJECT],
    ['Weekly sync', 'Weekly sync'],
    ['x'.repeat(255), 'x'.repeat(255)],
    ['x'.repeat(300), `${'x'.repeat(254)}…`],
    [`${'x'.repeat(253)}📅📅📅`, `${'x'.repeat(253)}…`],
  ])('subject %j becomes %j', (subject, expected) => {
    const fitted = fitForWorkplace(aBooking({ subject }));
    expect(fitted.subject).toBe(expected);
    expect(fitted.subject.length).toBeLessThanOrEqual(255);
  });

  test('600 attendees: the required ones first, 500 in all', () => {
    const participants = [...people(150, 'optional'), ...people(450, 'required')];
    const fitted = fitForWorkplace(aBooking({ participants }));
    expect(fitted.participants).toHaveLength(500);
    expect(fitted.participants.filter((p) => p.kind === 'required')).toHaveLength(450);
    expect(fittingNotes(aBooking({ participants }))).toEqual([
      '100 of 600 participants left out (Workplace takes 500; 0 required, 100 optional)',
    ]);
  });

  test('a booking that fits is returned as it is, with no notes', () => {
    const booking = aBooking({ participants: people(3, 'required') });
    expect(fitForWorkplace(booking)).toBe(booking);
    expect(fittingNotes(booking)).toEqual([]);
  });
});

describe('the planner fits what it sends and says so in the log', () => {
  test('an Outlook meeting without a subject and with 600 attendees is booked, fitted, with the notes logged', () => {
    const event = aRoomEvent({ booking: aBooking({ subject: '', participants: people(600, 'required') }) });
    const plan = planRoomEventChange(aRoomEventChangeInput({ change: { kind: 'upserted', event } }));
    expect(plan.actions).toEqual([
      expect.objectContaining({
        kind: 'create-reservation',
        booking: expect.objectContaining({ subject: NO_SUBJECT, participants: expect.any(Array) }),
      }),
    ]);
    const [create] = plan.actions as Array<{ booking: { participants: unknown[] } }>;
    expect(create!.booking.participants).toHaveLength(500);
    expect(plan.log[0]!.reason).toBe(
      `Booked in Outlook (no subject in Outlook: "${NO_SUBJECT}" in Workplace; 100 of 600 participants left out (Workplace takes 500; 100 required, 0 optional))`,
    );
  });

  test("what reading assumed is logged too (a custom zone read as the room's)", () => {
    const event = aRoomEvent({
      readingNotes: ['time zone "Customized Time Zone 1" (a custom zone) read as the room\'s zone Europe/Brussels'],
    });
    const plan = planRoomEventChange(aRoomEventChangeInput({ change: { kind: 'upserted', event } }));
    expect(plan.log[0]!.reason).toMatch(/^Booked in Outlook \(time zone "Customized Time Zone 1"/);
  });
});
