export * from './time/time-error.js';
export * from './time/wall-clock.js';
export * from './time/windows-zones.js';
export * from './recurrence/recurrence-rule.js';
export * from './recurrence/rrule.js';
export * from './recurrence/expand-occurrences.js';
export * from './booking/booking.js';
export * from './booking/sync-hash.js';
