import type { z } from 'zod';
import { AddinConfigSchema } from './addin-config.js';
import { AvailabilityQuerySchema, AvailabilityResponseSchema } from './availability.js';
import { BookingIntentParamsSchema, BookingIntentRequestSchema, BookingIntentSchema } from './booking-intents.js';
import {
  ForMeetingQuerySchema,
  LineEditsSchema,
  MeetingReservationSchema,
  MeetingReservationsSchema,
  ReservationParamsSchema,
} from './reservations.js';
import { RoomsQuerySchema, RoomsResponseSchema } from './rooms.js';

export type AddinApiOperation = {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Fastify route syntax (`:param`). */
  url: string;
  summary: string;
  /** Whether the caller must send `Authorization: Bearer <token>` (everything under /api). */
  isAuthenticated: boolean;
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  /** The success status and its body (null: no body). */
  success: { status: 200 | 201 | 204; body: z.ZodType | null };
};

/**
 * The add-in API, one entry per operation: the server registers its routes from these schemas, the
 * OpenAPI document is generated from them, and the pane's client is typed by them.
 */
export const addinApi = {
  getAddinConfig: {
    method: 'GET',
    url: '/addin-config.json',
    summary: 'How the task pane signs in (public)',
    isAuthenticated: false,
    success: { status: 200, body: AddinConfigSchema },
  },
  listRooms: {
    method: 'GET',
    url: '/api/rooms',
    summary: 'Workplace meeting rooms with their buildings, floors, bookable equipment and catering',
    isAuthenticated: true,
    querystring: RoomsQuerySchema,
    success: { status: 200, body: RoomsResponseSchema },
  },
  getAvailability: {
    method: 'GET',
    url: '/api/availability',
    summary: 'Rooms × the meeting’s occurrences: Workplace availability merged with Exchange free/busy',
    isAuthenticated: true,
    querystring: AvailabilityQuerySchema,
    success: { status: 200, body: AvailabilityResponseSchema },
  },
  createBookingIntent: {
    method: 'POST',
    url: '/api/booking-intents',
    summary: 'Hold the picked room (and alternative rooms) tentatively in Workplace until the meeting is sent',
    isAuthenticated: true,
    body: BookingIntentRequestSchema,
    success: { status: 201, body: BookingIntentSchema },
  },
  releaseBookingIntent: {
    method: 'DELETE',
    url: '/api/booking-intents/:intentId',
    summary: 'Release a hold (the room was removed from the meeting, or the time changed)',
    isAuthenticated: true,
    params: BookingIntentParamsSchema,
    success: { status: 204, body: null },
  },
  reportDeclinedBookingIntent: {
    method: 'POST',
    url: '/api/booking-intents/:intentId/declined',
    summary:
      'The room declined the sent meeting (as Outlook shows its organizer): release the hold and its ' +
      'alternative rooms now, and log it for the admins (sync log, Failed items)',
    isAuthenticated: true,
    params: BookingIntentParamsSchema,
    success: { status: 204, body: null },
  },
  getReservationsForMeeting: {
    method: 'GET',
    url: '/api/reservations/for-meeting',
    summary: 'The Workplace reservation(s) of a meeting, with lines and sync status',
    isAuthenticated: true,
    querystring: ForMeetingQuerySchema,
    success: { status: 200, body: MeetingReservationsSchema },
  },
  updateReservationLines: {
    method: 'PATCH',
    url: '/api/reservations/:reservationId/lines',
    summary: 'Set the equipment and catering lines of a reservation (organizer only)',
    isAuthenticated: true,
    params: ReservationParamsSchema,
    body: LineEditsSchema,
    success: { status: 200, body: MeetingReservationSchema },
  },
} as const satisfies Record<string, AddinApiOperation>;

export type AddinApi = typeof addinApi;
export type AddinApiOperationName = keyof AddinApi;
