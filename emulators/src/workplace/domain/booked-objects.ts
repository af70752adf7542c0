import type { Reservation } from '../contract/reservations.js';

// Which reservations ever booked an object (area, asset, catalog item), so that a create's double-booking
// check looks at those and not at every reservation (with 50,000 of them, the scale benchmark's floor
// spent a third of its time there). A superset: a line's later change of object, or its cancellation,
// leaves the old entry, which the check filters out as it always did.
const indexes = new WeakMap<Map<string, Reservation>, Map<string, Set<string>>>();

function addTo(index: Map<string, Set<string>>, reservation: Reservation) {
  for (const line of reservation.lines) {
    const ids = index.get(line.objectId) ?? new Set<string>();
    ids.add(reservation.id);
    index.set(line.objectId, ids);
  }
}

/** Built on first use from the reservations as they are; kept up to date by noteReservation. */
function indexOf(reservations: Map<string, Reservation>) {
  let index = indexes.get(reservations);
  if (!index) {
    index = new Map();
    for (const reservation of reservations.values()) addTo(index, reservation);
    indexes.set(reservations, index);
  }
  return index;
}

/** Records a reservation written to `reservations` (the service's one writer calls it). */
export function noteReservation(reservations: Map<string, Reservation>, reservation: Reservation) {
  const index = indexes.get(reservations);
  if (index) addTo(index, reservation);
}

/** Reservations that have or had a line for one of `objectIds`, in the order they were first written. */
export function reservationsBooking(
  reservations: Map<string, Reservation>,
  objectIds: readonly string[],
): Reservation[] {
  const index = indexOf(reservations);
  const ids = new Set<string>();
  for (const objectId of objectIds) for (const id of index.get(objectId) ?? []) ids.add(id);
  const found = [...ids].flatMap((id) => reservations.get(id) ?? []);
  if (objectIds.length <= 1) return found;
  // Several objects: the order of the reservations themselves (what a conflict names first).
  const position = new Map([...reservations.keys()].map((id, at) => [id, at] as const));
  return found.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
}
