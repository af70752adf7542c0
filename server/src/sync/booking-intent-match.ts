import { toInstant } from '@workplace-sync/shared';
import type { Booking } from '@workplace-sync/shared';
import type { BookingIntent, RoomEvent } from './sync-model.js';

// Which add-in hold a room's new meeting confirms, and what to say when Exchange declined a held room.

const overlaps = (intent: BookingIntent, booking: Booking): boolean =>
  toInstant(booking.start).getTime() < new Date(intent.end).getTime() &&
  toInstant(booking.end).getTime() > new Date(intent.start).getTime();

export function matchIntent(event: RoomEvent, intents: BookingIntent[], now: Date): BookingIntent | null {
  const organizer = event.booking.organizer.email.toLowerCase();
  return (
    intents.find(
      (intent) =>
        intent.mailbox === event.mailbox &&
        intent.organizerEmail.toLowerCase() === organizer &&
        new Date(intent.expiresAt) > now &&
        overlaps(intent, event.booking),
    ) ?? null
  );
}

/** What the admins and the organizer read when Exchange declines a meeting the add-in held a room for. */
export function declinedHoldReason(event: RoomEvent, intent: BookingIntent): string {
  const others = intent.alternatives.length > 0 ? ' and the other rooms held for its taken dates' : '';
  return event.booking.recurrence
    ? `Exchange declined the whole series for this room (it is taken on some dates and the room takes no ` +
        `series with conflicts, or the series runs beyond its booking window): the hold placed from the ` +
        `Outlook add-in${others} released. The organizer should pick a room free on every date in the add-in ` +
        `and send the update`
    : `Exchange declined the meeting for this room (busy, or outside its booking window): the hold placed ` +
        `from the Outlook add-in released. The organizer should pick another room in the add-in and send the update`;
}
