import type { RecurrenceRule } from '../recurrence/recurrence-rule.js';
import type { WallClockTime } from '../time/wall-clock.js';

export type Person = { email: string; name?: string };

export type ParticipantKind = 'required' | 'optional';
export type Participant = Person & { kind: ParticipantKind };

/** A change to one occurrence of a series, keyed by the occurrence's original start (an instant, UTC ISO). */
export type OccurrenceException =
  | { originalStart: string; kind: 'cancelled' }
  | {
      originalStart: string;
      kind: 'modified';
      subject?: string;
      start: WallClockTime;
      end: WallClockTime;
    };

/** One meeting, single or series, in the terms both systems share (DESIGN §4). */
export type Booking = {
  subject: string;
  start: WallClockTime;
  end: WallClockTime;
  organizer: Person;
  participants: Participant[];
  /** Room mailbox addresses: one reservation line of kind 'room' per linked room. */
  rooms: string[];
  recurrence: RecurrenceRule | null;
  exceptions: OccurrenceException[];
  isCancelled: boolean;
};

export type ReservationLineKind = 'room' | 'equipment' | 'catering';
export type ReservationLineStatus = 'confirmed' | 'pending-approval' | 'tentative' | 'declined' | 'cancelled';

/** One reservable object in a Workplace reservation. Equipment and catering never leave Workplace. */
export type ReservationLine = {
  kind: ReservationLineKind;
  objectId: string;
  quantity?: number;
  start?: WallClockTime;
  end?: WallClockTime;
  status: ReservationLineStatus;
};
