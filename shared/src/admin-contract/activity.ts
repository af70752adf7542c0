import { z } from 'zod';

// The console's charts (GET /admin/api/activity): the sync's activity over the last 24 hours (one
// bucket an hour) or 7 days (one a day), aggregated by the server from its own tables.

export const ACTIVITY_RANGES = ['24h', '7d'] as const;
export type ActivityRange = (typeof ACTIVITY_RANGES)[number];

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export const ActivityQuerySchema = z.object({
  range: z.enum(ACTIVITY_RANGES).default('24h'),
  /** Where hours and days begin (the admin's zone, IANA name); buckets follow its DST changes. */
  timeZone: z.string().max(64).refine(isTimeZone, 'an IANA time zone, e.g. Europe/Brussels').default('UTC'),
});
export type ActivityQuery = z.input<typeof ActivityQuerySchema>;

const LatencySchema = z.object({
  /** Seconds from a change announced to the end of the sync run that applied it; null when none was measured. */
  p50: z.number().nullable(),
  p99: z.number().nullable(),
  /** Changes measured. */
  count: z.number().int(),
});
export type Latency = z.infer<typeof LatencySchema>;

export const ActivityBucketSchema = z.object({
  start: z.string(),
  end: z.string(),
  latency: z.object({ 'exchange-to-workplace': LatencySchema, 'workplace-to-exchange': LatencySchema }),
  /** Graph notifications received and not yet processed at the bucket's end (or now, for the current one). */
  backlog: z.number().int(),
  /** Failed items open at the bucket's end (quarantined changes apart). */
  failedOpen: z.number().int(),
  /** Quarantined changes open at the bucket's end. */
  quarantinedOpen: z.number().int(),
  /** Graph change and lifecycle notifications received in the bucket. */
  notifications: z.number().int(),
  /** `notifications` per minute of the bucket (so far, for the current one). */
  notificationsPerMinute: z.number(),
});
export type ActivityBucket = z.infer<typeof ActivityBucketSchema>;

export const RoomActivitySchema = z.object({
  mailbox: z.string(),
  displayName: z.string(),
  /**
   * Bookings the room got over the range: distinct reservations the sync linked to it (made on either
   * side, a confirmed add-in hold, the room added to a meeting already booked), a series counted once.
   */
  bookings: z.number().int(),
  bookingsPerDay: z.number(),
  /**
   * Occurrences released over the range because nobody checked in (Workplace's no-show release, the
   * room's release in Exchange: Places auto-release, a panel).
   */
  noShowReleases: z.number().int(),
  /** noShowReleases over bookings (at most 1); null without bookings in the range. */
  noShowShare: z.number().nullable(),
});
export type RoomActivity = z.infer<typeof RoomActivitySchema>;

export const ActivityReportSchema = z.object({
  range: z.enum(ACTIVITY_RANGES),
  timeZone: z.string(),
  buckets: z.array(ActivityBucketSchema),
  /** The busiest rooms first, at most ROOM_ACTIVITY_LIMIT of them. */
  rooms: z.array(RoomActivitySchema),
  /** Linked rooms in all (the list shows the busiest). */
  roomCount: z.number().int(),
});
export type ActivityReport = z.infer<typeof ActivityReportSchema>;

export const ROOM_ACTIVITY_LIMIT = 25;

// GET /admin/api/activity/booked-hours: how much of each room's opening hours is booked over the same
// range, measured from Exchange free/busy (getSchedule) against the area's opening hours in Workplace.
// Apart from the report above because it asks both systems: slower, cached, and able to fail alone.

export const BOOKED_HOURS_ROOM_LIMIT = 25;

/**
 * Where a room's open hours come from: its area's opening hours in Workplace (`regime`); none set, so
 * it is bookable at any time and all 24 hours of each day count (`around-the-clock`); opening hours
 * that leave it closed over the whole range (`closed`); or its area is no longer in Workplace (`unknown`).
 */
export const OPENING_HOURS_SOURCES = ['regime', 'around-the-clock', 'closed', 'unknown'] as const;
export type OpeningHoursSource = (typeof OPENING_HOURS_SOURCES)[number];

export const RoomBookedHoursSchema = z.object({
  mailbox: z.string(),
  displayName: z.string(),
  openingHours: z.enum(OPENING_HOURS_SOURCES),
  /** Hours the room is open over the range. */
  openHours: z.number(),
  /** Of those, hours its Exchange calendar shows busy, tentative or away. */
  bookedHours: z.number(),
  /** bookedHours over openHours (0 to 1); null when the room is not open or Exchange did not answer for it. */
  share: z.number().nullable(),
  /** Exchange's free/busy for the room: read, or refused for this mailbox (unknown, no permission). */
  freeBusy: z.enum(['checked', 'unavailable']),
});
export type RoomBookedHours = z.infer<typeof RoomBookedHoursSchema>;

export const BookedHoursReportSchema = z.object({
  range: z.enum(ACTIVITY_RANGES),
  timeZone: z.string(),
  /** The range measured: the same as the activity report's buckets, first start to last end. */
  from: z.string(),
  to: z.string(),
  /** When Exchange and Workplace were asked (answers are reused for a few minutes). */
  measuredAt: z.string(),
  /** The linked rooms with the most bookings in the range, at most BOOKED_HOURS_ROOM_LIMIT; the most booked share first. */
  rooms: z.array(RoomBookedHoursSchema),
  /** Linked rooms in all. */
  roomCount: z.number().int(),
});
export type BookedHoursReport = z.infer<typeof BookedHoursReportSchema>;
