import type { GraphEvent } from './schemas/graph-event.js';

/**
 * Our one named MAPI property on the events we write, holding the Workplace reservation id. A fixed
 * GUID + name ("String {GUID} Name …", the format the docs prefer); Exchange limits named properties
 * per mailbox database, so we never vary either. Read it with exactly this id: the Name part compares
 * case-sensitively in filters.
 */
export const RESERVATION_ID_PROPERTY_SET = '152cdd43-7693-472b-8356-d07e7a62a0f2';
export const RESERVATION_ID_PROPERTY_ID = `String {${RESERVATION_ID_PROPERTY_SET}} Name WorkplaceReservationId`;

/** An OData string literal: single quotes doubled. */
const odataString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/**
 * `$expand` that returns our property with the item. Delta and calendarView reject `$expand`, so the
 * property is only seen through GET (or `$batch` of GETs) and `$filter` queries.
 */
export function expandReservationIdQuery(): string {
  return `$expand=${encodeURIComponent(
    `singleValueExtendedProperties($filter=id eq ${odataString(RESERVATION_ID_PROPERTY_ID)})`,
  )}`;
}

/** `$filter` for the events carrying our property with this value (values compare case-insensitively). */
export function filterByReservationIdQuery(reservationId: string): string {
  const filter = `singleValueExtendedProperties/Any(ep: ep/id eq ${odataString(RESERVATION_ID_PROPERTY_ID)} and ep/value eq ${odataString(reservationId)})`;
  return `$filter=${encodeURIComponent(filter)}`;
}

const NAMED_PROPERTY = /^(\w+) \{([0-9a-f-]{36})\} name (.+)$/i;

/** Type, GUID and the "Name" keyword compare case-insensitively; the name itself does not. */
function isReservationIdProperty(id: string): boolean {
  const match = NAMED_PROPERTY.exec(id.trim());
  return (
    match !== null &&
    match[1]!.toLowerCase() === 'string' &&
    match[2]!.toLowerCase() === RESERVATION_ID_PROPERTY_SET &&
    match[3] === 'WorkplaceReservationId'
  );
}

export function readReservationId(event: Pick<GraphEvent, 'singleValueExtendedProperties'>): string | null {
  const property = event.singleValueExtendedProperties?.find((candidate) => isReservationIdProperty(candidate.id));
  return property?.value ?? null;
}

export function reservationIdProperty(reservationId: string): { id: string; value: string } {
  return { id: RESERVATION_ID_PROPERTY_ID, value: reservationId };
}
