import type { StoredEvent } from '../calendar/stored-event.js';

// availabilityView digits (resources/scheduleinformation.md): 0 free, 1 tentative, 2 busy, 3 oof, 4 workingElsewhere.
const DIGIT: Record<StoredEvent['showAs'], number> = {
  free: 0,
  tentative: 1,
  busy: 2,
  oof: 3,
  workingElsewhere: 4,
  unknown: 2,
};
// When slots overlap several items, the most significant status wins: oof over busy over tentative.
const PRECEDENCE = [0, 1, 4, 2, 3];

/** One digit per `intervalMinutes` slot from `start` to `end`, each the strongest status of the items overlapping it. */
export function availabilityView(items: StoredEvent[], start: Date, end: Date, intervalMinutes: number): string {
  const slotMs = intervalMinutes * 60_000;
  let view = '';
  for (let slotStart = start.getTime(); slotStart < end.getTime(); slotStart += slotMs) {
    const slotEnd = slotStart + slotMs;
    let strongest = 0;
    for (const item of items) {
      if (item.start.getTime() < slotEnd && item.end.getTime() > slotStart) {
        const digit = DIGIT[item.showAs];
        if (PRECEDENCE.indexOf(digit) > PRECEDENCE.indexOf(strongest)) strongest = digit;
      }
    }
    view += String(strongest);
  }
  return view;
}
