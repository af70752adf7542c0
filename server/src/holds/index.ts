export { createDrizzleBookingIntentStore, createMemoryBookingIntentStore } from './booking-intent-store.js';
export type { BookingIntentRecord, BookingIntentStore, NewBookingIntent } from './booking-intent-store.js';
export { releaseExpiredHolds } from './release-expired-holds.js';
