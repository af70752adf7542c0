import type { Booking } from '@workplace-sync/shared';
import { currentJob } from '../observability/job-context.js';
import type { ReservationSystem, RoomCalendar, SyncStore } from '../sync/ports.js';
import type { SyncLogEntry } from '../sync/sync-plan.js';

/** What the admin console's sync log shows and searches beside an entry's ids. */
export type SyncLogContext = {
  organizer: string | null;
  subject: string | null;
  /**
   * The job that wrote the entry: its queue (`room-resync` entries are drift found by a full resync),
   * or `room-linked` for the first sync of a room an admin just linked (not drift).
   */
  trigger: string | null;
};
export type SyncLogEntryWithContext = SyncLogEntry & Partial<SyncLogContext>;

const MAX_REMEMBERED = 20_000;

const triggerOf = (job: ReturnType<typeof currentJob>): string | null =>
  job === null ? null : job.queue === 'room-resync' && job.reason === 'linked' ? 'room-linked' : job.queue;

/**
 * Gives sync log entries the organizer and subject of their booking without changing the sync core:
 * the calendar and reservation ports are wrapped to remember the bookings they read and write (by event
 * id and reservation id, bounded), and the store's appendLog adds what it remembers to each entry.
 * Every entry concerns a booking the same run has just read or written, so it is found.
 */
export function createSyncLogContext() {
  const remembered = new Map<string, { organizer: string; subject: string }>();
  const remember = (key: string, booking: Booking) => {
    remembered.delete(key);
    remembered.set(key, { organizer: booking.organizer.email.toLowerCase(), subject: booking.subject });
    if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
  };
  const rememberFrom = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(rememberFrom);
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const booking = record['booking'] as Booking | undefined;
    if (booking?.organizer) {
      if (typeof record['reservationId'] === 'string') remember(`r:${record['reservationId']}`, booking);
      if (typeof record['eventId'] === 'string') remember(`e:${record['eventId']}`, booking);
    }
    if (Array.isArray(record['changes'])) rememberFrom(record['changes']);
    if (record['event']) rememberFrom(record['event']);
  };
  const observe = <Port extends object>(port: Port): Port =>
    new Proxy(port, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          const result: unknown = await (value as (...a: unknown[]) => unknown).apply(target, args);
          rememberFrom(result);
          return result;
        };
      },
    });

  return {
    calendar: (calendar: RoomCalendar): RoomCalendar => observe(calendar),
    reservations: (reservations: ReservationSystem): ReservationSystem => observe(reservations),
    store: (store: SyncStore): SyncStore => ({
      ...store,
      appendLog: (entries) =>
        store.appendLog(
          entries.map((entry): SyncLogEntryWithContext => {
            const known =
              (entry.eventId ? remembered.get(`e:${entry.eventId}`) : undefined) ??
              (entry.reservationId ? remembered.get(`r:${entry.reservationId}`) : undefined);
            return {
              ...entry,
              organizer: known?.organizer ?? null,
              subject: known?.subject ?? null,
              trigger: triggerOf(currentJob()),
            };
          }),
        ),
    }),
  };
}
