import type { Booking, Participant } from '@workplace-sync/shared';

// What a Workplace reservation takes (docs/workplace-contract.md): a subject of 1–255 characters and at
// most 500 participants. Outlook takes an empty subject and thousands of attendees; the sync fits the
// meeting rather than have Workplace refuse it for good.
export const WORKPLACE_SUBJECT_LENGTH = 255;
export const WORKPLACE_PARTICIPANTS = 500;
/** What a meeting without a subject is called in Workplace: Outlook's own words for it. */
export const NO_SUBJECT = '(No subject)';

const byPriority = (participants: Participant[]) => [
  ...participants.filter((participant) => participant.kind === 'required'),
  ...participants.filter((participant) => participant.kind !== 'required'),
];

/** A meeting's subject as Workplace holds it: never empty, at most 255 characters. */
export function workplaceSubjectOf(subject: string): string {
  const trimmed = subject.trim();
  if (trimmed === '') return NO_SUBJECT;
  if (trimmed.length <= WORKPLACE_SUBJECT_LENGTH) return trimmed;
  // Cut by code points, never inside an emoji's surrogate pair.
  const kept = Array.from(trimmed.slice(0, WORKPLACE_SUBJECT_LENGTH));
  if (kept.join('').length === WORKPLACE_SUBJECT_LENGTH) kept.pop();
  return `${kept.join('')}…`;
}

/** The booking as Workplace will take it: a subject, not too long; the required participants first. */
export function fitForWorkplace(booking: Booking): Booking {
  const subject = workplaceSubjectOf(booking.subject);
  const participants =
    booking.participants.length > WORKPLACE_PARTICIPANTS
      ? byPriority(booking.participants).slice(0, WORKPLACE_PARTICIPANTS)
      : booking.participants;
  return subject === booking.subject && participants === booking.participants
    ? booking
    : { ...booking, subject, participants };
}

/** What fitting changed, in words for the sync log; empty when nothing was. */
export function fittingNotes(booking: Booking): string[] {
  const notes: string[] = [];
  if (booking.subject.trim() === '') notes.push(`no subject in Outlook: "${NO_SUBJECT}" in Workplace`);
  else if (booking.subject.trim().length > WORKPLACE_SUBJECT_LENGTH)
    notes.push(`subject cut to ${WORKPLACE_SUBJECT_LENGTH} characters`);
  const left = byPriority(booking.participants).slice(WORKPLACE_PARTICIPANTS);
  if (left.length > 0) {
    const required = left.filter((participant) => participant.kind === 'required').length;
    notes.push(
      `${left.length} of ${booking.participants.length} participants left out (Workplace takes ${WORKPLACE_PARTICIPANTS}; ` +
        `${required} required, ${left.length - required} optional)`,
    );
  }
  return notes;
}
