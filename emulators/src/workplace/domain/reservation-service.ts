import { noteReservation } from './booked-objects.js';
import { toUtcIso, toWallClock } from '@workplace-sync/shared';
import type { Change } from '../contract/changes.js';
import type { Source } from '../contract/primitives.js';
import type { CheckInRule } from '../contract/locations.js';
import type {
  OccurrencePatch,
  Release,
  ReleaseReason,
  Reservation,
  ReservationCreate,
  ReservationLine,
  ReservationPatch,
} from '../contract/reservations.js';
import { EmulatorError } from './emulator-error.js';
import { coversLine, isOriginalOccurrence, occurrenceKeyOf, occurrencesOf } from './occurrences.js';
import type { Occurrence } from './occurrences.js';
import { draftCancel, draftCreate, draftIds, draftPatch, statusOf } from './reservation-drafts.js';
import { assertBookable, isActiveLine } from './reservation-rules.js';
import type { WorkplaceState } from './workplace-state.js';

/** `null`: the caller sent no If-Match, which only unconditional operations accept. */
export type ExpectedVersion = number | null;

const MINUTE_MS = 60_000;

/** An area without check-in rules: check-in is optional, open from 15 minutes before the start until the end. */
const DEFAULT_CHECK_IN: CheckInRule = { required: false, opensMinutesBefore: 15, closesMinutesAfter: 15 };

/** The check-in rule of a room line: its area's (each room of a meeting has its own display and rule). */
const checkInRuleOfLine = (state: WorkplaceState, line: ReservationLine): CheckInRule =>
  state.areas.get(line.objectId)?.checkIn ?? DEFAULT_CHECK_IN;

/** The rooms (active area lines) of a reservation: what people check in to and what a no-show frees. */
const roomLinesOf = (reservation: Reservation) =>
  reservation.lines.filter((line) => line.type === 'area' && isActiveLine(line));

/**
 * The lines a check-in or release names: the one line named (a room's display, kiosk, the API), else
 * every room of the reservation.
 */
function namedRoomLines(reservation: Reservation, lineId: string | undefined): ReservationLine[] {
  if (lineId === undefined) return roomLinesOf(reservation);
  const line = reservation.lines.find((candidate) => candidate.id === lineId);
  if (!line) throw new EmulatorError('NOT_FOUND', `Reservation ${reservation.id} has no line '${lineId}'`);
  if (!isActiveLine(line)) {
    throw new EmulatorError(
      'INVALID_REQUEST',
      `Line ${lineId} is ${line.status} and holds nothing to check in to or release`,
    );
  }
  return [line];
}

/** When check-in for an occurrence closes: the end of the window when it is required, else the occurrence's end. */
const checkInClosesAt = (rule: CheckInRule, occurrence: Occurrence) =>
  rule.required
    ? new Date(Math.min(occurrence.start.getTime() + rule.closesMinutesAfter * MINUTE_MS, occurrence.end.getTime()))
    : occurrence.end;

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
    noteReservation(state.reservations, next);
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

    /**
     * A touchpoint confirms the meeting is happening in a room: from its area's opensMinutesBefore (15 by
     * default) before an occurrence until the end of its check-in window (its end when check-in is not
     * required). A room's display or kiosk names its line; a check-in naming no line covers every room.
     */
    checkIn(id: string, options: { occurrenceStart?: string; lineId?: string } = {}): Reservation {
      const current = find(id);
      assertOpen(current);
      const now = deps.now();
      const lines = namedRoomLines(current, options.lineId);
      // Without a line, the window of the first room with a rule (the reservation's, as before lines had their own).
      const ruleLine = lines.find((line) => deps.state().areas.get(line.objectId)?.checkIn) ?? lines[0];
      const rule = ruleLine ? checkInRuleOfLine(deps.state(), ruleLine) : DEFAULT_CHECK_IN;
      const wanted = options.occurrenceStart === undefined ? null : Date.parse(options.occurrenceStart);
      const isReleased = (key: string) =>
        lines.length > 0 &&
        lines.every((line) =>
          current.releases.some((release) => release.occurrenceStart === key && coversLine(release, line.id)),
        );
      const open = occurrencesOf(current, {
        from: now,
        to: new Date(now.getTime() + rule.opensMinutesBefore * MINUTE_MS + 1),
      }).find(
        (occurrence) =>
          (wanted === null ||
            Date.parse(occurrence.originalStart ?? '') === wanted ||
            occurrence.start.getTime() === wanted) &&
          now < checkInClosesAt(rule, occurrence) &&
          !isReleased(occurrenceKeyOf(occurrence)),
      );
      if (!open)
        throw new EmulatorError(
          'CHECK_IN_NOT_OPEN',
          `Reservation ${id} has no occurrence open for check-in at ${toUtcIso(now)}`,
        );
      const key = occurrenceKeyOf(open);
      const lineId = options.lineId;
      if (
        current.checkIns.some(
          (checkIn) => checkIn.occurrenceStart === key && (checkIn.lineId === undefined || checkIn.lineId === lineId),
        )
      )
        return structuredClone(current);
      return commit(
        {
          ...current,
          checkIns: [
            ...current.checkIns,
            { occurrenceStart: key, checkedInAt: toUtcIso(now), ...(lineId !== undefined ? { lineId } : {}) },
          ],
          version: current.version + 1,
          updatedAt: toUtcIso(now),
        },
        'updated',
      );
    },

    /**
     * Releases the occurrence running now (or the one named): "end now" on a room display or kiosk, or a
     * release through the API. With a line, only that room is free from now on and the meeting's other
     * rooms stay booked; without, the whole occurrence. The reservation and its history stay. Releasing
     * what is released already answers the reservation unchanged.
     */
    release(
      id: string,
      options: { occurrenceStart?: string; reason?: ReleaseReason; lineId?: string } = {},
    ): Reservation {
      const current = find(id);
      assertOpen(current);
      const now = deps.now();
      if (options.lineId !== undefined) namedRoomLines(current, options.lineId);
      const wanted = options.occurrenceStart === undefined ? null : Date.parse(options.occurrenceStart);
      const named = (occurrence: Occurrence) =>
        wanted === null || Date.parse(occurrenceKeyOf(occurrence)) === wanted || occurrence.start.getTime() === wanted;
      const releasesIt = (release: Release) => release.lineId === undefined || release.lineId === options.lineId;
      const released = current.releases.find(
        (release) =>
          releasesIt(release) &&
          (wanted === null
            ? occurrencesOf(current, { from: now, to: new Date(now.getTime() + 1) }).some(
                (occurrence) => occurrenceKeyOf(occurrence) === release.occurrenceStart,
              )
            : Date.parse(release.occurrenceStart) === wanted),
      );
      if (released) return structuredClone(current);
      const running = occurrencesOf(current, { from: now, to: new Date(now.getTime() + 1) }).find(
        (occurrence) => occurrence.start <= now && named(occurrence),
      );
      if (!running) {
        throw new EmulatorError(
          'NOT_IN_PROGRESS',
          `Reservation ${id} has no occurrence in progress at ${toUtcIso(now)}` +
            (options.occurrenceStart ? ` starting at ${options.occurrenceStart}` : ''),
        );
      }
      const reason = options.reason ?? 'ended-early';
      const release: Release = {
        occurrenceStart: occurrenceKeyOf(running),
        releasedAt: toUtcIso(now),
        reason,
        ...(reason === 'ended-early' ? { endedAt: toUtcIso(now) } : {}),
        ...(options.lineId !== undefined ? { lineId: options.lineId } : {}),
      };
      return commit(
        {
          ...current,
          releases: [...current.releases, release],
          version: current.version + 1,
          updatedAt: toUtcIso(now),
        },
        'updated',
      );
    },

    /**
     * Auto-release, as Workplace runs it, room by room: every room (area line) of a running occurrence
     * whose area requires check-in, whose check-in window closed with nobody checked in there, is released
     * as a no-show (releasedAt is when its window closed); the meeting's other rooms stay booked. Driven by
     * the emulator's clock: run before every request and whenever the clock is set, so a test that moves
     * the clock past a window sees the release on its next read.
     */
    sweepReleases(): Reservation[] {
      const state = deps.state();
      const now = deps.now();
      const justNow = { from: now, to: new Date(now.getTime() + 1) };
      const released: Reservation[] = [];
      // Run before every request: with thousands of reservations (the scale benchmark) a sweep that
      // looked at each one made every request slower as the data grew. Only rooms that require a
      // check-in can be released; with none of them there is nothing to look at.
      const checkInAreas = new Set(
        [...state.areas.values()].filter((area) => area.checkIn?.required).map((area) => area.id),
      );
      if (checkInAreas.size === 0) return released;
      const candidates = [...state.reservations.values()].filter((reservation) =>
        reservation.lines.some((line) => line.type === 'area' && checkInAreas.has(line.objectId)),
      );
      for (const reservation of candidates) {
        if (reservation.status === 'cancelled' || reservation.status === 'tentative') continue;
        const noShows: Release[] = [];
        for (const line of roomLinesOf(reservation)) {
          const rule = checkInRuleOfLine(state, line);
          if (!rule.required) continue;
          for (const occurrence of occurrencesOf(reservation, justNow)) {
            const key = occurrenceKeyOf(occurrence);
            const closesAt = checkInClosesAt(rule, occurrence);
            const isNoShow =
              closesAt <= now &&
              !reservation.checkIns.some(
                (checkIn) => checkIn.occurrenceStart === key && coversLine(checkIn, line.id),
              ) &&
              !reservation.releases.some((release) => release.occurrenceStart === key && coversLine(release, line.id));
            if (isNoShow) {
              noShows.push({
                occurrenceStart: key,
                releasedAt: toUtcIso(closesAt),
                reason: 'no-show',
                lineId: line.id,
              });
            }
          }
        }
        if (noShows.length === 0) continue;
        released.push(
          commit(
            {
              ...reservation,
              releases: [...reservation.releases, ...noShows],
              version: reservation.version + 1,
              updatedAt: toUtcIso(now),
            },
            'updated',
          ),
        );
      }
      return released;
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
