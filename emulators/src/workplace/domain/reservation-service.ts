import { toUtcIso, toWallClock } from '@workplace-sync/shared';
import type { Change } from '../contract/changes.js';
import type { Source } from '../contract/primitives.js';
import type { OccurrencePatch, Reservation, ReservationCreate, ReservationPatch } from '../contract/reservations.js';
import { EmulatorError } from './emulator-error.js';
import { isOriginalOccurrence, occurrencesOf } from './occurrences.js';
import { draftCancel, draftCreate, draftIds, draftPatch, statusOf } from './reservation-drafts.js';
import { assertBookable } from './reservation-rules.js';
import type { WorkplaceState } from './workplace-state.js';

/** `null`: the caller sent no If-Match, which only unconditional operations accept. */
export type ExpectedVersion = number | null;

const CHECK_IN_OPENS_BEFORE_MS = 15 * 60_000;

export type ReservationService = ReturnType<typeof createReservationService>;

/**
 * The reservation operations of Workplace over the in-memory state. Every operation builds the next
 * reservation, checks it, and only then commits it with a new version and one change-feed entry.
 * All of it is synchronous, so two requests never interleave between check and commit.
 */
export function createReservationService(deps: {
  state: () => WorkplaceState;
  now: () => Date;
  onChange: (change: Change) => void;
}) {
  const find = (id: string): Reservation => {
    const reservation = deps.state().reservations.get(id);
    if (!reservation) throw new EmulatorError('NOT_FOUND', `No reservation '${id}'`);
    return reservation;
  };

  const checkVersion = (current: Reservation, expected: ExpectedVersion) => {
    if (expected !== null && expected !== current.version) {
      throw new EmulatorError(
        'PRECONDITION_FAILED',
        `Reservation ${current.id} is at version ${current.version}, not ${expected}; read it again and retry`,
      );
    }
  };

  const assertOpen = (current: Reservation) => {
    if (current.status === 'cancelled') {
      throw new EmulatorError('RESERVATION_CANCELLED', `Reservation ${current.id} is cancelled and cannot be changed`);
    }
  };

  const commit = (next: Reservation, type: Change['type']): Reservation => {
    const state = deps.state();
    state.reservations.set(next.id, next);
    const change: Change = {
      sequence: (state.feed.entries.at(-1)?.sequence ?? 0) + 1,
      reservationId: next.id,
      version: next.version,
      type,
      occurredAt: next.updatedAt,
    };
    state.feed.entries.push(change);
    deps.onChange(change);
    return structuredClone(next);
  };

  const findOccurrence = (current: Reservation, originalStart: string) => {
    const instant = new Date(originalStart);
    if (!current.recurrence || Number.isNaN(instant.getTime()) || !isOriginalOccurrence(current, instant)) {
      throw new EmulatorError('NOT_FOUND', `Reservation ${current.id} has no occurrence starting at ${originalStart}`);
    }
    const key = toUtcIso(instant);
    return { key, exception: current.exceptions.find((exception) => exception.originalStart === key) };
  };

  return {
    get: (id: string): Reservation => structuredClone(find(id)),

    create(input: ReservationCreate, source: Source): Reservation {
      const state = deps.state();
      const ids = draftIds(state);
      const draft = draftCreate(state, input, source, ids, deps.now());
      assertBookable(state, draft, deps.now());
      ids.commit();
      return commit(draft, 'created');
    },

    update(id: string, patch: ReservationPatch, expected: ExpectedVersion): Reservation {
      const state = deps.state();
      const current = find(id);
      checkVersion(current, expected);
      assertOpen(current);
      const ids = draftIds(state);
      const draft = draftPatch(state, current, patch, ids, deps.now());
      assertBookable(state, draft, deps.now());
      ids.commit();
      return commit(draft, 'updated');
    },

    cancel(id: string, expected: ExpectedVersion): Reservation {
      const current = find(id);
      checkVersion(current, expected);
      if (current.status === 'cancelled') return structuredClone(current);
      return commit(draftCancel(current, deps.now()), 'cancelled');
    },

    updateOccurrence(
      id: string,
      originalStart: string,
      patch: OccurrencePatch,
      expected: ExpectedVersion,
    ): Reservation {
      const current = find(id);
      checkVersion(current, expected);
      assertOpen(current);
      const { key, exception } = findOccurrence(current, originalStart);
      if (exception?.status === 'cancelled') {
        throw new EmulatorError('OCCURRENCE_CANCELLED', `The occurrence of ${key} is cancelled and cannot be changed`);
      }
      const [original] = occurrencesOf(
        { ...current, exceptions: [] },
        { from: new Date(key), to: new Date(Date.parse(key) + 1) },
      );
      const local = (instant: Date) => toWallClock(instant, current.timeZone).dateTime;
      const modified = {
        originalStart: key,
        status: 'modified' as const,
        start: patch.start ?? exception?.start ?? local(original!.start),
        end: patch.end ?? exception?.end ?? local(original!.end),
        ...((patch.subject ?? exception?.subject) !== undefined
          ? { subject: patch.subject ?? exception?.subject }
          : {}),
      };
      const draft: Reservation = {
        ...current,
        exceptions: [...current.exceptions.filter((other) => other.originalStart !== key), modified],
        version: current.version + 1,
        updatedAt: toUtcIso(deps.now()),
      };
      assertBookable(deps.state(), draft, deps.now());
      return commit(draft, 'updated');
    },

    cancelOccurrence(id: string, originalStart: string, expected: ExpectedVersion): Reservation {
      const current = find(id);
      checkVersion(current, expected);
      assertOpen(current);
      const { key, exception } = findOccurrence(current, originalStart);
      if (exception?.status === 'cancelled') return structuredClone(current);
      return commit(
        {
          ...current,
          exceptions: [
            ...current.exceptions.filter((other) => other.originalStart !== key),
            { originalStart: key, status: 'cancelled' },
          ],
          version: current.version + 1,
          updatedAt: toUtcIso(deps.now()),
        },
        'updated',
      );
    },

    /** A touchpoint confirms the meeting is happening: from 15 minutes before an occurrence until its end. */
    checkIn(id: string, occurrenceStart?: string): Reservation {
      const current = find(id);
      assertOpen(current);
      const now = deps.now();
      const wanted = occurrenceStart === undefined ? null : Date.parse(occurrenceStart);
      const open = occurrencesOf(current, { from: now, to: new Date(now.getTime() + CHECK_IN_OPENS_BEFORE_MS) }).find(
        (occurrence) =>
          wanted === null ||
          Date.parse(occurrence.originalStart ?? '') === wanted ||
          occurrence.start.getTime() === wanted,
      );
      if (!open)
        throw new EmulatorError(
          'CHECK_IN_NOT_OPEN',
          `Reservation ${id} has no occurrence open for check-in at ${toUtcIso(now)}`,
        );
      const key = open.originalStart ?? toUtcIso(open.start);
      if (current.checkIns.some((checkIn) => checkIn.occurrenceStart === key)) return structuredClone(current);
      return commit(
        {
          ...current,
          checkIns: [...current.checkIns, { occurrenceStart: key, checkedInAt: toUtcIso(now) }],
          version: current.version + 1,
          updatedAt: toUtcIso(now),
        },
        'updated',
      );
    },

    /** The approver's decision on a line that waits for approval. */
    decideLine(id: string, lineId: string, decision: 'approve' | 'reject'): Reservation {
      const current = find(id);
      assertOpen(current);
      const line = current.lines.find((candidate) => candidate.id === lineId);
      if (!line) throw new EmulatorError('NOT_FOUND', `Reservation ${id} has no line '${lineId}'`);
      if (line.status !== 'pending-approval') {
        throw new EmulatorError('INVALID_REQUEST', `Line ${lineId} is ${line.status}, not pending approval`);
      }
      const lines = current.lines.map((candidate) =>
        candidate.id === lineId
          ? { ...candidate, status: decision === 'approve' ? ('confirmed' as const) : ('rejected' as const) }
          : candidate,
      );
      const status = statusOf(lines);
      return commit(
        { ...current, lines, status, version: current.version + 1, updatedAt: toUtcIso(deps.now()) },
        status === 'cancelled' ? 'cancelled' : 'updated',
      );
    },
  };
}
