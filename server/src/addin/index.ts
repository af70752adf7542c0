// The add-in's use cases: rooms and their availability, holds, a meeting's reservations and lines.
// routes/addin-api/ maps them to HTTP.
export { checkAvailability, meetingOccurrences } from './availability-check.js';
export type { ConflictTolerancesOf, GetSchedule, SeriesConflictTolerance } from './availability-check.js';
export { HOLD_REF_PREFIX, holdGroupOf, placeHolds, releaseDeclinedIntent, releaseIntent } from './booking-holds.js';
export { findMeetingReservations, updateLines } from './meeting-reservations.js';
export { createRoomCatalogue, filterRooms } from './room-catalogue.js';
export type { AddinWorkplace, RoomCatalogue, RoomCatalogueSource } from './room-catalogue.js';
