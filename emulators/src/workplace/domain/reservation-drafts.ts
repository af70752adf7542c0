import { toUtcIso } from '@workplace-sync/shared';
import type { Source } from '../contract/primitives.js';
import type {
  LineInput,
  LineStatus,
  OccurrenceException,
  Reservation,
  ReservationCreate,
  ReservationLine,
  ReservationPatch,
  ReservationStatus,
} from '../contract/reservations.js';
import { EmulatorError } from './emulator-error.js';
import { isOriginalOccurrence } from './occurrences.js';
import { isActiveLine } from './reservation-rules.js';
import type { WorkplaceState } from './workplace-state.js';

// Drafts are the next state of a reservation, built without touching the store: rules check them
// and the service commits them, so a refused request changes nothing.

type Ids = { reservationId: () => string; lineId: () => string };

/** Ids a draft would take, allocated from the state's counters only when the draft is committed. */
export function draftIds(state: WorkplaceState): Ids & { commit: () => void } {
  let reservations = 0;
  let lines = 0;
  return {
    reservationId: () => `r-${state.nextReservationNumber + reservations++}`,
    lineId: () => `l-${state.nextLineNumber + lines++}`,
    commit: () => {
      state.nextReservationNumber += reservations;
      state.nextLineNumber += lines;
    },
  };
}

function requiresApproval(state: WorkplaceState, line: Pick<LineInput, 'type' | 'objectId'>): boolean {
  if (line.type === 'area') return state.areas.get(line.objectId)?.approvalRequired ?? false;
  if (line.type === 'asset') return state.assets.get(line.objectId)?.approvalRequired ?? false;
  return false;
}

function newLineStatus(state: WorkplaceState, line: LineInput, isHold: boolean): LineStatus {
  if (isHold) return 'tentative';
  return requiresApproval(state, line) ? 'pending-approval' : 'confirmed';
}

const lineOf = (id: string, input: LineInput, status: LineStatus): ReservationLine => {
  const { id: _ignored, ...fields } = input;
  return { id, ...fields, status };
};

/** A reservation's status follows from its lines (cancelling it as a whole cancels every line). */
export function statusOf(lines: ReservationLine[]): ReservationStatus {
  const active = lines.filter(isActiveLine);
  if (active.length === 0) return 'cancelled';
  if (active.some((line) => line.status === 'tentative')) return 'tentative';
  if (active.some((line) => line.status === 'pending-approval')) return 'pending-approval';
  return 'confirmed';
}

const normalizeExceptions = (exceptions: OccurrenceException[]): OccurrenceException[] =>
  exceptions.map((exception) => ({ ...exception, originalStart: toUtcIso(new Date(exception.originalStart)) }));

export function draftCreate(
  state: WorkplaceState,
  input: ReservationCreate,
  source: Source,
  ids: Ids,
  now: Date,
): Reservation {
  const isHold = input.status === 'tentative';
  const lines = input.lines.map((line) => lineOf(ids.lineId(), line, newLineStatus(state, line, isHold)));
  const stamp = toUtcIso(now);
  return {
    id: ids.reservationId(),
    version: 1,
    subject: input.subject,
    start: input.start,
    end: input.end,
    timeZone: input.timeZone,
    responsible: input.responsible,
    requestor: input.requestor ?? input.responsible,
    participants: input.participants ?? [],
    recurrence: input.recurrence ?? null,
    exceptions: normalizeExceptions(input.exceptions ?? []),
    lines,
    status: statusOf(lines),
    source,
    ...(input.externalRef !== undefined ? { externalRef: input.externalRef } : {}),
    checkIns: [],
    releases: [],
    createdAt: stamp,
    updatedAt: stamp,
  };
}

/**
 * The lines after a PATCH: inputs keep the existing line they name (by id, else by type and object),
 * with its status; new inputs get a new line; active lines left out are cancelled, as Workplace keeps
 * cancelled reservation items.
 */
function mergeLines(
  state: WorkplaceState,
  current: ReservationLine[],
  inputs: LineInput[],
  isHold: boolean,
  ids: Ids,
): ReservationLine[] {
  const unmatched = new Map(current.filter(isActiveLine).map((line) => [line.id, line]));
  const merged: ReservationLine[] = [];
  for (const input of inputs) {
    let existing: ReservationLine | undefined;
    if (input.id !== undefined) {
      existing = unmatched.get(input.id);
      if (!existing)
        throw new EmulatorError('INVALID_REQUEST', `line '${input.id}' is not an active line of this reservation`);
    } else {
      existing = [...unmatched.values()].find((line) => line.type === input.type && line.objectId === input.objectId);
    }
    if (existing) unmatched.delete(existing.id);
    const isSameObject = existing?.type === input.type && existing.objectId === input.objectId;
    merged.push(
      lineOf(
        existing?.id ?? ids.lineId(),
        input,
        isSameObject ? existing!.status : newLineStatus(state, input, isHold),
      ),
    );
  }
  const kept = current.filter((line) => !isActiveLine(line));
  const dropped = [...unmatched.values()].map((line) => ({ ...line, status: 'cancelled' as const }));
  return [...kept, ...dropped, ...merged];
}

/** Confirming a hold turns its tentative lines into what a booking would have got. */
function confirmHold(state: WorkplaceState, lines: ReservationLine[]): ReservationLine[] {
  return lines.map((line) =>
    line.status === 'tentative'
      ? { ...line, status: requiresApproval(state, line) ? 'pending-approval' : 'confirmed' }
      : line,
  );
}

/** Exceptions whose occurrence no longer exists after a change of start or rule are dropped, as Exchange does. */
function keptExceptions(draft: Reservation): OccurrenceException[] {
  if (!draft.recurrence) return [];
  return draft.exceptions.filter((exception) => {
    try {
      return isOriginalOccurrence(draft, new Date(exception.originalStart));
    } catch {
      return false;
    }
  });
}

export function draftPatch(
  state: WorkplaceState,
  current: Reservation,
  patch: ReservationPatch,
  ids: Ids,
  now: Date,
): Reservation {
  const isHold = current.status === 'tentative' && patch.status !== 'confirmed';
  let lines = patch.lines ? mergeLines(state, current.lines, patch.lines, isHold, ids) : current.lines;
  if (patch.status === 'confirmed') lines = confirmHold(state, lines);
  const { lines: _lines, status: _status, exceptions, ...fields } = patch;
  const draft: Reservation = {
    ...current,
    ...fields,
    exceptions: exceptions ? normalizeExceptions(exceptions) : current.exceptions,
    lines,
    status: statusOf(lines),
    version: current.version + 1,
    updatedAt: toUtcIso(now),
  };
  const timingChanged = ['start', 'timeZone', 'recurrence'].some((field) => field in patch);
  return exceptions || !timingChanged ? draft : { ...draft, exceptions: keptExceptions(draft) };
}

export function draftCancel(current: Reservation, now: Date): Reservation {
  return {
    ...current,
    lines: current.lines.map((line) => (isActiveLine(line) ? { ...line, status: 'cancelled' } : line)),
    status: 'cancelled',
    version: current.version + 1,
    updatedAt: toUtcIso(now),
  };
}
