import { isWorkplaceRefusal, linkFor, refuse, searchFor, withApprovalShown } from './execute-plan.js';
import type { ExecutionContext, ExecutionDeps } from './execute-plan.js';
import type { SyncAction, SyncLogEntry } from './sync-plan.js';
import type { BookingLink, ReservationView } from './sync-model.js';

// A room's first sync writes its new meetings a page at a time (docs/sync-engine.md, "A first sync
// writes a page at a time"); everything else goes through executePlan one change at a time.

/** A new meeting's create, planned with no link, no reservation and no hold: what a page can batch. */
export type NewMeetingCreate = {
  action: Extract<SyncAction, { kind: 'create-reservation' }>;
  log: SyncLogEntry[];
};

export type NewMeetingCreateHooks = {
  /** A create failed (not a refusal): set the meeting aside, or throw to fail the run there. */
  onFailure: (create: NewMeetingCreate, error: unknown) => Promise<void>;
  /** After each meeting: a progress report. */
  onEach: () => Promise<void>;
};

/**
 * Creates the reservations of a page of new meetings (a room's first sync) with about one statement
 * each instead of a dozen: one Workplace listing looks for reservations an earlier run made and did not
 * link (by externalRef, where each meeting is), the write-ahead notes of the page go in one insert before
 * the first create, the creates follow one after another (each after one read of its links), then every
 * link and the notes' removal in one transaction and the page's log in one insert. A run that dies anywhere in between leaves the notes, so
 * the next one looks for each of those meetings before creating it (the one-by-one path): a meeting is
 * never booked twice. Returns the creates left for that path: those whose reservation already exists,
 * and those another run linked meanwhile.
 */
export async function executeNewMeetingCreates(
  creates: readonly NewMeetingCreate[],
  deps: ExecutionDeps,
  context: ExecutionContext,
  hooks: NewMeetingCreateHooks,
): Promise<NewMeetingCreate[]> {
  if (creates.length === 0) return [];
  const { reservations, store } = deps;
  const searches = creates.map(({ action }) => searchFor(action.event));
  const existing = await reservations.findByExternalRefs(
    creates.map(({ action }) => action.event.iCalUId),
    {
      mailboxes: [...new Set(searches.flatMap((search) => search.mailboxes))],
      from: new Date(Math.min(...searches.map((search) => search.from.getTime()))),
      to: new Date(Math.max(...searches.map((search) => search.to.getTime()))),
    },
  );
  const isBooked = ({ action }: NewMeetingCreate) => {
    const found = existing.get(action.event.iCalUId);
    return found !== undefined && found.status !== 'cancelled';
  };
  const left = creates.filter(isBooked);
  const fresh = creates.filter((create) => !isBooked(create));
  await store.notePendingReservations(
    fresh.map(({ action }) => ({ iCalUId: action.event.iCalUId, near: searchFor(action.event) })),
  );
  const created: Array<{ link: BookingLink; reservation: ReservationView }> = [];
  const settled: string[] = [];
  const log: SyncLogEntry[] = [];
  // The page's links were read before its first create. A run held up in a create since (a stalled
  // process) may have lost its job to a worker that linked some of these meetings meanwhile: as the
  // one-by-one path reads before each meeting, look again (one read) and leave those to that path.
  for (const [index, create] of fresh.entries()) {
    const { action } = create;
    deps.signal?.throwIfAborted();
    const { mailbox, eventId, iCalUId } = action.event;
    if (index > 0 && (await store.findLinksOfEvents(mailbox, [eventId], [iCalUId])).length > 0) {
      left.push(create);
      settled.push(iCalUId);
      continue;
    }
    try {
      const reservation = await reservations.createReservation(action.booking, {
        idempotencyKey: action.idempotencyKey,
        externalRef: action.event.iCalUId,
      });
      created.push({ link: linkFor(action.event, reservation, 'exchange'), reservation });
      log.push(...create.log);
      settled.push(action.event.iCalUId);
    } catch (error) {
      if (isWorkplaceRefusal(error)) {
        // Refused, Workplace stored nothing (its contract): the room declines the meeting (logged by refuse).
        await refuse('create', action.event, error, deps, context);
        settled.push(action.event.iCalUId);
      } else {
        await hooks.onFailure(create, error);
      }
    }
    await hooks.onEach();
  }
  // Rooms that wait for approval are shown tentative before their links are recorded (withApprovalShown).
  const links: BookingLink[] = [];
  for (const { link, reservation } of created) links.push(await withApprovalShown(link, reservation, deps));
  await store.saveNewLinks(links, settled);
  if (log.length > 0) await store.appendLog(log);
  return left;
}
