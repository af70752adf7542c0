import { useEffect, useRef } from 'react';
import type { AddinApiClient } from '../api/addin-api-client.js';
import type { Appointment, Meeting } from '../office/appointment.js';

/**
 * The organizer opens the sent meeting and Outlook shows a room's decline: the pane tells the server,
 * which releases the pane's hold (and the series' alternative rooms) now and logs the decline for the
 * admins, then `onReported` reloads the reservation. Exchange Online's room attendant deletes a request
 * it declines from the room's calendar, so this is the one place the decline can be seen. Once per set
 * of declined rooms; a meeting the pane did not book (no tag) reports nothing.
 */
export function useDeclinedRoomReport(
  api: AddinApiClient,
  appointment: Appointment,
  meeting: Meeting | null,
  onReported: () => void,
): void {
  const onReportedRef = useRef(onReported);
  onReportedRef.current = onReported;
  const declinedKey =
    meeting?.mode === 'read' && meeting.isOrganizer && meeting.declinedRooms.length > 0
      ? meeting.declinedRooms.join(',')
      : null;
  useEffect(() => {
    if (!declinedKey) return;
    let isActive = true;
    void (async () => {
      const tag = await appointment.readBookingTag().catch(() => null);
      if (!tag) return;
      // A hold already released or confirmed is the server's to judge; the pane's message stands anyway.
      await api.reportDeclinedBookingIntent(tag.intentId).catch(() => undefined);
      if (isActive) onReportedRef.current();
    })();
    return () => {
      isActive = false;
    };
  }, [api, appointment, declinedKey]);
}
