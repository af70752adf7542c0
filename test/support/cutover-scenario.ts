import { eventually } from './free-port.js';
import type { EmbeddedAdminServer } from './embedded-admin-server.js';
import { weekdayAhead } from './embedded-admin-server.js';

/**
 * A room the old (EWS) integration kept in step, about to be switched: unlinked here, with a meeting on
 * both sides (the same start and end), one only in Exchange and one only in Workplace.
 */
export async function prepareCutoverRoom(
  admin: EmbeddedAdminServer,
  { areaId, mailbox, daysAhead, tag }: { areaId: string; mailbox: string; daysAhead: number; tag: string },
) {
  await admin.call('DELETE', `/admin/api/room-links/${mailbox}`);
  const day = weekdayAhead(daysAhead);
  const zone = 'America/New_York';
  const outlook = (subject: string, from: string, to: string) =>
    admin.emulators.graph.actAsUser('nestor.wilke@contoso.com', {
      action: 'create',
      meeting: {
        subject,
        start: { dateTime: `${day}T${from}:00`, timeZone: zone },
        end: { dateTime: `${day}T${to}:00`, timeZone: zone },
        rooms: [mailbox],
      },
    });
  const kiosk = async (subject: string, from: string, to: string) => {
    const booked = await admin.emulators.workplace.inject({
      method: 'POST',
      url: '/_emulator/touchpoints/kiosk/reservations',
      payload: {
        subject,
        start: `${day}T${from}:00`,
        end: `${day}T${to}:00`,
        timeZone: zone,
        responsible: { email: 'nestor.wilke@contoso.com' },
        participants: [],
        lines: [{ type: 'area', objectId: areaId }],
      },
    });
    if (booked.statusCode !== 201) throw new Error(`kiosk booking failed: ${booked.body}`);
  };
  const subjects = {
    both: `${tag}: on both sides`,
    exchangeOnly: `${tag}: only in Exchange`,
    workplaceOnly: `${tag}: only in Workplace`,
  };
  outlook(subjects.both, '10:00', '10:30');
  await kiosk(subjects.both, '10:00', '10:30');
  outlook(subjects.exchangeOnly, '11:00', '11:30');
  await kiosk(subjects.workplaceOnly, '13:00', '13:30');
  await eventually(
    () =>
      admin.emulators.graph
        .mailboxEvents(mailbox)
        .filter((event) => String(event['subject']).startsWith(tag) && event['isCancelled'] === false).length === 2,
    { what: 'both Outlook meetings in the room calendar' },
  );
  return { day, subjects };
}
