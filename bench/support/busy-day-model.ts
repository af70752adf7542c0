import { toInstant } from '@workplace-sync/shared';
import type { ReservationTimes } from '../../emulators/src/workplace/domain/occurrences.js';
import type { ScaleRoom } from './scale-seed.js';
import { SCALE_ZONE } from './scale-seed.js';

// What the busy day (busy-day.ts) books and remembers of each booking, read again by its end-state
// check (busy-day-end-state.ts).

/** What a new booking is: 40 % series (weekly, 5 occurrences), 15 % two rooms, 15 % one room a second may join. */
export const SHAPES = [
  { shape: 'series', weight: 40 },
  { shape: 'two-rooms', weight: 15 },
  { shape: 'pair-single', weight: 15 },
  { shape: 'single', weight: 30 },
] as const;

export type System = 'outlook' | 'workplace';
export type Shape = (typeof SHAPES)[number]['shape'];

export type Occurrence = {
  /** The wall-clock start in SCALE_ZONE as first booked (Workplace names an occurrence by it). */
  originalStart: string;
  /** The wall-clock start now (moved a quarter of an hour by an occurrence edit). */
  start: string;
  minutes: number;
  subject: string;
  cancelled: boolean;
  changed: boolean;
};
export type Booking = {
  /** In every subject the booking ever has: how the end-state check finds it on both sides. */
  token: string;
  system: System;
  shape: Shape;
  rooms: ScaleRoom[];
  /** Every room the booking ever held: a removed room must end without it. */
  everRooms: ScaleRoom[];
  subject: string;
  /** The subject of its latest change: the booking is settled once the other system shows it. */
  lastSubject: string;
  occurrences: Occurrence[];
  organizer: string;
  /** Outlook: the organizer's event (a series: its master). Workplace: the reservation. */
  sourceId: string;
  cancelled: boolean;
  /** Approval rooms: what the approver decided, by area. */
  decisions: Map<string, 'approve' | 'reject'>;
  readyAt: number;
  /** Outlook: the room's copy of the meeting (what Graph's notifications name). */
  roomEventId?: string;
};
export type Reservation = ReservationTimes & {
  id: string;
  subject: string;
  status: string;
  lines: Array<{ id: string; type: string; objectId: string; status: string }>;
};

export const instantOf = (local: string) => toInstant({ dateTime: local, timeZone: SCALE_ZONE }).toISOString();
export const utcOf = (time: unknown) =>
  toInstant({ dateTime: String((time as { dateTime: string }).dateTime).slice(0, 19), timeZone: 'UTC' }).toISOString();
