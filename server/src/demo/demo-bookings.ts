import type { FastifyInstance } from 'fastify';
import { toWallClock } from '@workplace-sync/shared';
import type { GraphEmulatorControl } from '@workplace-sync/emulators';

const DAY_MS = 86_400_000;

/** The next `count` weekdays after `now`, as local dates in `timeZone`. */
function nextWeekdays(now: Date, timeZone: string, count: number): string[] {
  const days: string[] = [];
  for (let offset = 1; days.length < count; offset++) {
    const local = toWallClock(new Date(now.getTime() + offset * DAY_MS), timeZone).dateTime.slice(0, 10);
    const weekday = new Date(`${local}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(local);
  }
  return days;
}

/** A weekday after the demo bookings' days, in Brussels: the day the startup banner suggests booking on. */
export const freeDemoDay = (now: Date): string => nextWeekdays(now, 'Europe/Brussels', 4)[3]!;

/**
 * Demo bookings on both sides, so a fresh `npm start` shows the sync at work: meetings booked in
 * Outlook (a single one, a weekly series, one with two rooms, one in New York) and reservations made at
 * Workplace kiosks and in the app.
 */
export async function seedDemoBookings({
  graph,
  workplace,
  now,
}: {
  graph: GraphEmulatorControl;
  workplace: FastifyInstance;
  now: Date;
}) {
  const [day1, day2, day3] = nextWeekdays(now, 'Europe/Brussels', 3) as [string, string, string];
  const [nyDay] = nextWeekdays(now, 'America/New_York', 1) as [string];
  const brussels = (day: string, time: string) => ({ dateTime: `${day}T${time}:00`, timeZone: 'Europe/Brussels' });
  const newYork = (day: string, time: string) => ({ dateTime: `${day}T${time}:00`, timeZone: 'America/New_York' });

  graph.actAsUser('adele.vance@contoso.com', {
    action: 'create',
    meeting: {
      subject: 'Quarterly planning',
      start: brussels(day1, '10:00'),
      end: brussels(day1, '11:30'),
      attendees: ['alex.wilber@contoso.com'],
      optionalAttendees: ['megan.bowen@contoso.com'],
      rooms: ['room-brussels-1.01@contoso.com'],
    },
  });
  graph.actAsUser('alex.wilber@contoso.com', {
    action: 'create',
    meeting: {
      subject: 'Weekly team sync',
      start: brussels(day2, '09:00'),
      end: brussels(day2, '09:30'),
      attendees: ['adele.vance@contoso.com', 'megan.bowen@contoso.com'],
      rooms: ['room-brussels-2.01@contoso.com'],
      recurrence: {
        pattern: {
          type: 'weekly',
          interval: 1,
          daysOfWeek: [new Date(`${day2}T12:00:00Z`).toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' })],
        },
        range: { type: 'numbered', startDate: day2, numberOfOccurrences: 8 },
      },
    },
  });
  graph.actAsUser('megan.bowen@contoso.com', {
    action: 'create',
    meeting: {
      subject: 'All-hands rehearsal',
      start: brussels(day3, '14:00'),
      end: brussels(day3, '15:00'),
      attendees: ['adele.vance@contoso.com'],
      rooms: ['room-brussels-1.02@contoso.com', 'room-brussels-3.01@contoso.com'],
    },
  });
  graph.actAsUser('adele.vance@contoso.com', {
    action: 'create',
    meeting: {
      subject: 'Customer call (New York)',
      start: newYork(nyDay, '09:00'),
      end: newYork(nyDay, '10:00'),
      attendees: ['alex.wilber@contoso.com'],
      rooms: ['room-newyork-5.01@contoso.com'],
    },
  });

  const touchpoint = (channel: 'kiosk' | 'app', body: Record<string, unknown>) =>
    workplace.inject({ method: 'POST', url: `/_emulator/touchpoints/${channel}/reservations`, payload: body });
  await touchpoint('kiosk', {
    subject: 'Walk-in huddle',
    start: `${day1}T15:00:00`,
    end: `${day1}T15:30:00`,
    timeZone: 'Europe/Brussels',
    responsible: { email: 'megan.bowen@contoso.com', name: 'Megan Bowen' },
    participants: [],
    lines: [{ type: 'area', objectId: 'a-bru-1.01' }],
  });
  await touchpoint('app', {
    subject: 'Design review',
    start: `${day2}T13:00:00`,
    end: `${day2}T14:00:00`,
    timeZone: 'Europe/Brussels',
    responsible: { email: 'alex.wilber@contoso.com', name: 'Alex Wilber' },
    participants: [{ email: 'adele.vance@contoso.com', kind: 'required' }],
    lines: [
      { type: 'area', objectId: 'a-bru-3.02' },
      { type: 'catalogItem', objectId: 'ci-coffee', quantity: 6 },
    ],
  });
}
